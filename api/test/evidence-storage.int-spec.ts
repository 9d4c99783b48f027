import { docxFile, odtFile, ole2File, Part, pdfFile, pngFile } from './support/evidence-files';
import { randomUUID } from 'node:crypto';
import { evidenceFixture, upload, download, refusedBy, sha256 } from './support/evidence-fixture';
import type { SignedInAgent } from './support/factories';
import type { TestApp } from './support/test-app';

describe('evidence files: storage, downloads, partner access and audit', () => {
  let t: TestApp;
  let close: () => Promise<void>;
  let staff: SignedInAgent;
  let admin: SignedInAgent;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let otherPartner: SignedInAgent;
  let actionId: string;
  let milestoneId: string;
  let resultId: string;

  beforeAll(async () => {
    ({ t, close, staff, admin, director, partner, otherPartner, actionId, milestoneId, resultId } =
      await evidenceFixture());
  });
  afterAll(() => close());

  const toAction = (parts: Part[], agent = staff) =>
    upload(agent, `/api/v1/actions/${actionId}/evidence`, parts);
  const refused = (send: Parameters<typeof refusedBy>[1]) => refusedBy(t, send);

  it('stores a PDF on the action, a PNG on the milestone and a DOCX on the result; downloads are byte-identical', async () => {
    const pdf = pdfFile('Convenio IMEPLAN–GIZ');
    const png = pngFile(8, 6);
    const docx = docxFile('Minuta del taller de arranque');
    const a = await toAction([
      { name: 'Convenio firmado 2018.pdf', content: pdf, type: 'application/pdf' },
    ]).expect(201);
    const m = await upload(
      staff,
      `/api/v1/actions/${actionId}/milestones/${milestoneId}/evidence`,
      [{ name: 'foto-taller.png', content: png, type: 'image/png' }],
    ).expect(201);
    const r = await upload(staff, `/api/v1/actions/${actionId}/results/${resultId}/evidence`, [
      {
        name: 'Minuta.docx',
        content: docx,
        type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      },
    ]).expect(201);

    expect(a.body.items[0]).toMatchObject({
      actionId,
      milestoneId: null,
      resultId: null,
      fileName: 'Convenio firmado 2018.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      uploadedBy: staff.user.id,
      uploadedByName: 'Test staff',
    });
    expect(m.body.items[0]).toMatchObject({ milestoneId, mediaType: 'image/png' });
    expect(r.body.items[0]).toMatchObject({
      resultId,
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      sha256: sha256(docx),
    });

    for (const [item, bytes] of [
      [a.body.items[0], pdf],
      [m.body.items[0], png],
      [r.body.items[0], docx],
    ] as const) {
      const res = await download(director, item.id).expect(200);
      expect(Buffer.compare(res.body as Buffer, bytes)).toBe(0);
      expect(sha256(res.body as Buffer)).toBe(item.sha256);
      expect(res.headers['content-type']).toBe(item.mediaType);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['etag']).toBe(`"${item.sha256}"`);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="[^"]+"(; filename\*=UTF-8''\S+)?$/,
      );
      expect(item.downloadPath).toBe(`/api/v1/evidence/${item.id}/download`);
    }
  });

  it('lists evidence per owner and counts it on milestones and results in the action detail', async () => {
    const all = await director.get(`/api/v1/actions/${actionId}/evidence`).expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(3);
    const ms = await director
      .get(`/api/v1/actions/${actionId}/milestones/${milestoneId}/evidence`)
      .expect(200);
    expect(ms.body.items.every((e: { milestoneId: string }) => e.milestoneId === milestoneId)).toBe(
      true,
    );
    const detail = await director.get(`/api/v1/actions/${actionId}`).expect(200);
    const milestone = detail.body.milestones.find((x: { id: string }) => x.id === milestoneId);
    const result = detail.body.results.find((x: { id: string }) => x.id === resultId);
    expect(milestone.evidenceCount).toBe(ms.body.items.length);
    expect(result.evidenceCount).toBeGreaterThanOrEqual(1);
    expect(detail.body.evidence.map((e: { id: string }) => e.id).sort()).toEqual(
      all.body.items.map((e: { id: string }) => e.id).sort(),
    );
    // Listings never carry the bytes.
    expect(JSON.stringify(detail.body.evidence)).not.toContain('content');
  });

  it('keeps the Spanish name in filename* (RFC 5987) with an ASCII fallback', async () => {
    const pdf = pdfFile('Reunión');
    const nfd = 'Reunión de arranque, año 2019.pdf'.normalize('NFD');
    const res = await toAction([{ name: nfd, content: pdf, type: 'application/pdf' }]).expect(201);
    const item = res.body.items[0];
    expect(item.fileName).toBe('Reunión de arranque, año 2019.pdf'.normalize('NFC'));
    const dl = await download(partner, item.id).expect(200);
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Reunion de arranque, ano 2019.pdf"; filename*=UTF-8''Reuni%C3%B3n%20de%20arranque%2C%20a%C3%B1o%202019.pdf`,
    );
  });

  it('accepts several files in one upload, files above the JSON body limit, ODT, legacy Office and JPEG', async () => {
    const big = pdfFile('Estudio técnico', 1_500_000); // above the 1 MB JSON limit, below MAX
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
    const res = await toAction([
      { name: 'Estudio 1.pdf', content: big },
      { name: 'Acta.odt', content: odtFile(), type: 'application/vnd.oasis.opendocument.text' },
      {
        name: 'Presupuesto.xls',
        content: ole2File(['Workbook']),
        type: 'application/vnd.ms-excel',
      },
      { name: 'foto.JPG', content: jpeg, type: 'image/jpeg' },
    ]).expect(201);
    expect(res.body.items.map((i: { mediaType: string }) => i.mediaType)).toEqual([
      'application/pdf',
      'application/vnd.oasis.opendocument.text',
      'application/vnd.ms-excel',
      'image/jpeg',
    ]);
    expect(res.body.items[0].sizeBytes).toBe(big.length);
    // The JSON body limit still applies to JSON routes.
    const json = await staff
      .post('/api/v1/organisations')
      .send({ name: 'x'.repeat(1_200_000), type: 'other' });
    expect(json.status).toBe(413);
    expect(json.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets partners download only evidence of their organisation’s actions (others get 404); only staff/admin upload and delete', async () => {
    const [item] = (await toAction([{ name: 'socio.pdf', content: pdfFile() }]).expect(201)).body
      .items;
    await download(partner, item.id).expect(200);
    const seen = await partner.get(`/api/v1/actions/${actionId}/evidence`).expect(200);
    // Partners see the files, not which staff member uploaded them.
    expect(seen.body.items.find((e: { id: string }) => e.id === item.id)).toMatchObject({
      uploadedBy: null,
      uploadedByName: null,
    });
    const detail = await partner.get(`/api/v1/actions/${actionId}`).expect(200);
    expect(
      detail.body.evidence.every((e: { uploadedByName: unknown }) => e.uploadedByName === null),
    ).toBe(true);
    const hidden = await download(otherPartner, item.id).expect(404);
    expect(JSON.parse((hidden.body as Buffer).toString()).code).toBe('EVIDENCE_NOT_FOUND');
    const list = await otherPartner.get(`/api/v1/actions/${actionId}/evidence`).expect(404);
    expect(list.body.code).toBe('ACTION_NOT_FOUND');
    await download(otherPartner, randomUUID()).expect(404);

    await refused(async () => {
      const p = await toAction([{ name: 'x.pdf', content: pdfFile() }], partner);
      const d = await toAction([{ name: 'x.pdf', content: pdfFile() }], director);
      expect([p.status, d.status]).toEqual([403, 403]);
      return p;
    });
    await director.delete(`/api/v1/evidence/${item.id}`).expect(403);
    await partner.delete(`/api/v1/evidence/${item.id}`).expect(403);
    await toAction([{ name: 'admin.pdf', content: pdfFile() }], admin).expect(201);
  });

  it('audits uploads and deletions (who, what, checksum) and a deleted file is gone', async () => {
    const pdf = pdfFile('Para borrar');
    const [item] = (await toAction([{ name: 'borrar.pdf', content: pdf }]).expect(201)).body.items;
    const [created] = await t.db.query(
      `SELECT actor_email, operation, action_id, after FROM audit_log WHERE entity = 'evidence' AND entity_id = $1`,
      [item.id],
    );
    expect(created).toMatchObject({
      actor_email: staff.user.email,
      operation: 'create',
      action_id: actionId,
      after: expect.objectContaining({
        fileName: 'borrar.pdf',
        sha256: sha256(pdf),
        sizeBytes: pdf.length,
      }),
    });
    expect(created.after).not.toHaveProperty('content');

    await staff.delete(`/api/v1/evidence/${item.id}`).expect(204);
    await download(director, item.id).expect(404);
    const rows = await t.db.query(
      `SELECT operation, actor_email FROM audit_log WHERE entity = 'evidence' AND entity_id = $1 ORDER BY id`,
      [item.id],
    );
    expect(rows).toEqual([
      { operation: 'create', actor_email: staff.user.email },
      { operation: 'delete', actor_email: staff.user.email },
    ]);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM evidence_contents WHERE evidence_id = $1`,
      [item.id],
    );
    expect(n).toBe(0);
    const history = await director.get(`/api/v1/actions/${actionId}/history`).expect(200);
    expect(
      history.body.items.some(
        (h: { entity: string; entityId: string }) =>
          h.entity === 'evidence' && h.entityId === item.id,
      ),
    ).toBe(true);
    await staff.delete(`/api/v1/evidence/${item.id}`).expect(404);
  });
});
