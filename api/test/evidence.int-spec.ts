import { createHash, randomUUID } from 'node:crypto';
import {
  docxFile,
  multipartBody,
  odtFile,
  ole2File,
  Part,
  pdfFile,
  pngFile,
  zipFile,
} from './support/evidence-files';
import { binary } from './support/binary';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

const MAX = 2 * 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('evidence files (PostgreSQL storage, content-checked uploads, scoped downloads)', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let admin: SignedInAgent;
  let director: SignedInAgent;
  let partner: SignedInAgent;
  let otherPartner: SignedInAgent;
  let actionId: string;
  let milestoneId: string;
  let resultId: string;

  beforeAll(async () => {
    t = await bootTestApp({ evidenceMaxBytes: MAX });
    const org = await newOrganisation(t.db, { name: 'GIZ de prueba' });
    const otherOrg = await newOrganisation(t.db, { name: 'Otra agencia' });
    staff = await signedIn(t, 'staff');
    admin = await signedIn(t, 'admin');
    director = await signedIn(t, 'director');
    partner = await signedIn(t, 'partner', { organisationId: org });
    otherPartner = await signedIn(t, 'partner', { organisationId: otherOrg });
    const action = await staff
      .post('/api/v1/actions')
      .send({
        code: `EV-${randomUUID().slice(0, 8)}`,
        kind: 'cooperation_project',
        titleEs: 'Acción con evidencias',
        instituteRole: 'recipient',
        participations: [{ organisationId: org, role: 'funding' }],
        milestones: [{ type: 'workshop', title: 'Taller de arranque', actualDate: '2019-06-12' }],
        results: [{ statement: 'Seis estudios técnicos financiados' }],
      })
      .expect(201);
    actionId = action.body.id;
    milestoneId = action.body.milestones[0].id;
    resultId = action.body.results[0].id;
  });
  afterAll(() => t.close());

  const upload = (agent: SignedInAgent, path: string, parts: Part[]) => {
    const { body, contentType } = multipartBody(parts);
    return agent.post(path).set('content-type', contentType).send(body);
  };
  const toAction = (parts: Part[], agent = staff) =>
    upload(agent, `/api/v1/actions/${actionId}/evidence`, parts);
  const download = (agent: SignedInAgent, id: string) =>
    agent.get(`/api/v1/evidence/${id}/download`).buffer(true).parse(binary);

  async function counts() {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM evidence_files) AS files,
              (SELECT count(*)::int FROM evidence_contents) AS contents,
              (SELECT count(*)::int FROM audit_log WHERE entity = 'evidence') AS audits`,
    );
    return row as { files: number; contents: number; audits: number };
  }
  /** Runs a request that must be refused and proves that nothing was stored. */
  async function refused(send: () => Promise<{ status: number; body: Record<string, unknown> }>) {
    const before = await counts();
    const res = await send();
    expect(await counts()).toEqual(before);
    return res;
  }

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

  it('refuses a file above EVIDENCE_MAX_BYTES with 413 in the standard shape and stores nothing', async () => {
    const res = await refused(() =>
      toAction([
        { name: 'pequeño.pdf', content: pdfFile('ok') },
        { name: 'enorme.pdf', content: pdfFile('grande', MAX + 10_000) },
      ]),
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      statusCode: 413,
      code: 'EVIDENCE_TOO_LARGE',
      details: { maxBytes: MAX },
    });
    expect(typeof res.body['message']).toBe('string');
    const many = await refused(() =>
      toAction(Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.pdf`, content: pdfFile() }))),
    );
    expect(many.status).toBe(413);
    expect(many.body['code']).toBe('EVIDENCE_TOO_MANY_FILES');
  });

  it.each([
    ['plain text', 'notas.txt', Buffer.from('Notas de la reunión\n'), 'text/plain'],
    [
      'an SVG image',
      'logo.svg',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      'image/svg+xml',
    ],
    ['a plain zip', 'fotos.zip', zipFile({ 'a.txt': 'hola' }), 'application/zip'],
    [
      'an OLE2 file that is no Office document (MSI)',
      'setup.msi',
      ole2File(['SummaryInformation']),
      'application/x-msi',
    ],
    ['an empty-looking binary', 'datos.bin', Buffer.from([0, 1, 2, 3]), 'application/octet-stream'],
  ])(
    'refuses %s (415 EVIDENCE_TYPE_NOT_ALLOWED), nothing stored',
    async (_label, name, content, type) => {
      const res = await refused(() => toAction([{ name, content, type }]));
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
    },
  );

  it.each([
    [
      'HTML named report.pdf',
      'report.pdf',
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      'application/pdf',
    ],
    [
      'an executable named report.pdf',
      'report.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]),
      'application/pdf',
    ],
    ['a PDF named report.html', 'report.html', pdfFile(), 'text/html'],
    ['a PDF declared as text/html', 'report.pdf', pdfFile(), 'text/html'],
    ['a PNG named foto.pdf', 'foto.pdf', pngFile(), 'application/pdf'],
    ['a PDF named acta.exe', 'acta.exe', pdfFile(), 'application/octet-stream'],
    ['a right-to-left override hiding .exe', 'acta\u202Efdp.exe', pdfFile(), 'application/pdf'],
    [
      'a macro-enabled document named .docx',
      'macro.docx',
      docxFile('x', { 'word/vbaProject.bin': 'VBA' }),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
  ])(
    'refuses %s as disguised (415 EVIDENCE_TYPE_MISMATCH), nothing stored',
    async (_l, name, content, type) => {
      const res = await refused(() => toAction([{ name, content, type }]));
      expect(res.status).toBe(415);
      expect(res.body['code']).toBe('EVIDENCE_TYPE_MISMATCH');
    },
  );

  it('refuses the whole upload when one file of several is refused', async () => {
    const res = await refused(() =>
      toAction([
        { name: 'bueno.pdf', content: pdfFile() },
        { name: 'malo.pdf', content: Buffer.from('<html></html>') },
      ]),
    );
    expect(res.status).toBe(415);
  });

  it.each([
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\Windows\\system32\\config.pdf', 'config.pdf'],
    ['C:\\..\\', 'evidencia.pdf'],
    ['....', 'evidencia.pdf'],
    ['.htaccess', 'htaccess.pdf'],
    ['  .oculto.pdf  ', 'oculto.pdf'],
    ['Acta<14>:final|?*.pdf', 'Acta_14__final___.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['Acta 14.12.2023', 'Acta 14.12.2023.pdf'],
    ['tab\there\u0007.pdf', 'tabhere.pdf'],
  ])('sanitises the name %j to %j', async (name, expected) => {
    const res = await toAction([{ name, content: pdfFile() }]).expect(201);
    expect(res.body.items[0].fileName).toBe(expected);
  });

  it('cuts very long names to 150 characters keeping the extension', async () => {
    const res = await toAction([
      { name: `${'Informe ñandú '.repeat(30)}.pdf`, content: pdfFile() },
    ]).expect(201);
    const name: string = res.body.items[0].fileName;
    expect([...name].length).toBeLessThanOrEqual(150);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(name.startsWith('Informe ñandú')).toBe(true);
  });

  it('refuses a name with a NUL character (400) and stores nothing', async () => {
    const res = await refused(() => toAction([{ name: 'acta\u0000.pdf', content: pdfFile() }]));
    expect(res.status).toBe(400);
    expect(res.body['code']).toBe('VALIDATION_FAILED');
  });

  it('refuses non-multipart and empty uploads with clear codes', async () => {
    const json = await refused(() =>
      staff.post(`/api/v1/actions/${actionId}/evidence`).send({ file: 'x' }),
    );
    expect(json.status).toBe(415);
    expect(json.body['code']).toBe('UNSUPPORTED_MEDIA_TYPE');
    const empty = await refused(() => toAction([{ name: 'vacío.pdf', content: Buffer.alloc(0) }]));
    expect(empty.status).toBe(400);
    expect(empty.body['code']).toBe('EVIDENCE_FILE_REQUIRED');
  });

  it('answers 404 for a milestone of another action, a missing action, and 409 for an archived action', async () => {
    const other = await staff
      .post('/api/v1/actions')
      .send({
        code: `EV-O-${randomUUID().slice(0, 6)}`,
        kind: 'award',
        titleEs: 'Otra',
        instituteRole: 'recipient',
      })
      .expect(201);
    const wrong = await refused(() =>
      upload(staff, `/api/v1/actions/${other.body.id}/milestones/${milestoneId}/evidence`, [
        { name: 'a.pdf', content: pdfFile() },
      ]),
    );
    expect(wrong.status).toBe(404);
    expect(wrong.body['code']).toBe('RECORD_NOT_FOUND');
    const missing = await refused(() =>
      upload(staff, `/api/v1/actions/${randomUUID()}/evidence`, [
        { name: 'a.pdf', content: pdfFile() },
      ]),
    );
    expect(missing.body['code']).toBe('ACTION_NOT_FOUND');
    await staff.post(`/api/v1/actions/${other.body.id}/archive`).send({}).expect(200);
    const archived = await refused(() =>
      upload(staff, `/api/v1/actions/${other.body.id}/evidence`, [
        { name: 'a.pdf', content: pdfFile() },
      ]),
    );
    expect(archived.status).toBe(409);
    expect(archived.body['code']).toBe('ACTION_ARCHIVED');
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
