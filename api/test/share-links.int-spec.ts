import { createHash, randomUUID } from 'node:crypto';
import { binary } from './support/binary';
import { multipartBody, pdfFile } from './support/evidence-files';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent, newAction } from './support/factories';

describe('share links: read-only, expiring, revocable partner views', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let actionId: string;
  beforeAll(async () => {
    t = await bootTestApp();
    staff = await signedIn(t, 'staff');
    const org = await newOrganisation(t.db, {
      name: 'Embajada Británica',
      type: 'bilateral_agency',
      country: 'GB',
    });
    const created = await newAction(staff, {
      code: `SHARE-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Parabuses, datos y diseño urbano para la inclusión',
      instituteRole: 'recipient',
      status: 'implementation',
      themes: ['movilidad'],
      actualStart: '2019-09-01',
      notes: 'Nota interna que no debe salir',
      participations: [{ organisationId: org, role: 'funding', notes: 'interna' }],
      funding: [
        {
          type: 'commitment',
          amount: '1500000.00',
          currency: 'MXN',
          valueDate: '2020-02-24',
          providerId: org,
        },
      ],
    });
    actionId = created.id;
  });
  afterAll(() => t.close());

  it('shows the partner view, the sheet and the IATI file without signing in, and logs each use', async () => {
    const link = await staff
      .post(`/api/v1/actions/${actionId}/share-links`)
      .send({ label: 'Embajada' })
      .expect(201);
    expect(link.body).toMatchObject({ state: 'active', useCount: 0, label: 'Embajada' });
    const days = (new Date(link.body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    const view = await t.http.get(link.body.path).expect(200);
    expect(view.body.titleEs).toBe('Parabuses, datos y diseño urbano para la inclusión');
    expect(view.body).not.toHaveProperty('notes');
    expect(JSON.stringify(view.body)).not.toContain('interna');
    const pdf = await t.http.get(`${link.body.path}/sheet.pdf`).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const xml = await t.http.get(`${link.body.path}/iati.xml`).expect(200);
    expect(xml.text).toContain('<iati-activities');
    const list = await staff.get(`/api/v1/actions/${actionId}/share-links`).expect(200);
    expect(list.body[0].useCount).toBe(3);
    const uses = await t.db.query(
      `SELECT after->>'viewed' AS viewed FROM audit_log WHERE entity = 'share_link_use' AND entity_id = $1 ORDER BY id`,
      [link.body.id],
    );
    expect(uses.map((u: { viewed: string }) => u.viewed)).toEqual([
      'view',
      'sheet.pdf',
      'iati.xml',
    ]);
    const stored = await t.db.query(`SELECT token_hash FROM share_links WHERE id = $1`, [
      link.body.id,
    ]);
    expect(stored[0].token_hash).not.toBe(link.body.token);
  });

  it("downloads the shared action's evidence through the link, and nothing else", async () => {
    const upload = async (target: string, name: string, content: Buffer) => {
      const { body, contentType } = multipartBody([{ name, content }]);
      const res = await staff
        .post(`/api/v1/actions/${target}/evidence`)
        .set('content-type', contentType)
        .send(body)
        .expect(201);
      return res.body.items[0] as { id: string };
    };
    const minutes = pdfFile('Minuta del taller de arranque');
    const mine = await upload(actionId, 'Minuta del taller.pdf', minutes);
    const other = await staff
      .post('/api/v1/actions')
      .send({
        code: `SHARE-OTHER-${randomUUID().slice(0, 8)}`,
        kind: 'cooperation_project',
        titleEs: 'Otra acción',
        instituteRole: 'recipient',
      })
      .expect(201);
    const foreign = await upload(other.body.id, 'Ajena.pdf', pdfFile('Ajena'));
    const link = await staff.post(`/api/v1/actions/${actionId}/share-links`).send({}).expect(201);

    const view = await t.http.get(link.body.path).expect(200);
    expect(view.body.evidence).toEqual([
      expect.objectContaining({
        id: mine.id,
        fileName: 'Minuta del taller.pdf',
        uploadedByName: null,
        downloadPath: `${link.body.path}/evidence/${mine.id}`,
      }),
    ]);
    const file = await t.http
      .get(view.body.evidence[0].downloadPath)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((file.body as Buffer).equals(minutes)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['etag']).toBe(`"${createHash('sha256').update(minutes).digest('hex')}"`);

    // Another action's file, a made-up id, a bad id: not through this link.
    const notHere = await t.http.get(`${link.body.path}/evidence/${foreign.id}`).expect(404);
    expect(notHere.body.code).toBe('EVIDENCE_NOT_FOUND');
    await t.http.get(`${link.body.path}/evidence/${randomUUID()}`).expect(404);
    await t.http.get(`${link.body.path}/evidence/not-a-uuid`).expect(400);
    const uses = await t.db.query(
      `SELECT after->>'viewed' AS viewed FROM audit_log WHERE entity = 'share_link_use' AND entity_id = $1 ORDER BY id`,
      [link.body.id],
    );
    expect(uses.map((u: { viewed: string }) => u.viewed).slice(0, 2)).toEqual([
      'view',
      `evidence ${mine.id}`,
    ]);

    // Revoked: the file is gone too.
    await staff
      .post(`/api/v1/actions/${actionId}/share-links/${link.body.id}/revoke`)
      .send({})
      .expect(200);
    const revoked = await t.http.get(`${link.body.path}/evidence/${mine.id}`).expect(404);
    expect(revoked.body.code).toBe('SHARE_LINK_NOT_FOUND');
  });

  it('answers 404 and shows nothing once revoked or expired, or for a made-up token', async () => {
    const revoked = await staff
      .post(`/api/v1/actions/${actionId}/share-links`)
      .send({})
      .expect(201);
    await t.http.get(revoked.body.path).expect(200);
    const res = await staff
      .post(`/api/v1/actions/${actionId}/share-links/${revoked.body.id}/revoke`)
      .send({})
      .expect(200);
    expect(res.body.state).toBe('revoked');
    const gone = await t.http.get(revoked.body.path).expect(404);
    expect(gone.body).toEqual({
      statusCode: 404,
      code: 'SHARE_LINK_NOT_FOUND',
      message: 'El enlace no existe, caducó o fue revocado.',
    });
    await t.http.get(`${revoked.body.path}/sheet.pdf`).expect(404);

    const expired = await staff
      .post(`/api/v1/actions/${actionId}/share-links`)
      .send({ expiresInDays: 1 })
      .expect(201);
    await t.db.query(
      `UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [expired.body.id],
    );
    await t.http.get(expired.body.path).expect(404);
    await t.http.get(`/api/v1/shared/${'x'.repeat(43)}`).expect(404);
    await t.http.get('/api/v1/shared/..%2F..%2Fetc').expect(404);
  });

  it('never shows other actions, nor the notes of milestones and indicators', async () => {
    const other = await newAction(staff, {
      code: `SHARE-REL-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción relacionada de otra organización',
      instituteRole: 'recipient',
    });
    const shared = await newAction(staff, {
      code: `SHARE-NOTES-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción compartida',
      instituteRole: 'recipient',
      relatedActionIds: [other.id],
      milestones: [
        {
          type: 'agreement_signed',
          title: 'Firma',
          plannedDate: '2024-03-01',
          notes: 'Hito-interno-secreto',
        },
      ],
      results: [
        {
          statement: 'Resultado',
          indicators: [{ name: 'Indicador', notes: 'Indicador-interno-secreto' }],
        },
      ],
    });
    expect(shared.relatedActions).toHaveLength(1);
    const link = await staff.post(`/api/v1/actions/${shared.id}/share-links`).send({}).expect(201);
    const view = await t.http.get(link.body.path).expect(200);
    expect(view.body.relatedActions).toEqual([]);
    expect(view.body.milestones[0].notes).toBeNull();
    expect(view.body.results[0].indicators[0].notes).toBeNull();
    for (const leak of [other.id, other.code, 'interno-secreto'])
      expect(view.text).not.toContain(leak);
  });

  it('stops working while its action is archived and resumes on restore, unless expired', async () => {
    const created = await newAction(staff, {
      code: `SHARE-ARCH-${randomUUID().slice(0, 8)}`,
      kind: 'cooperation_project',
      titleEs: 'Acción que se archiva',
      instituteRole: 'recipient',
    });
    const id = created.id;
    const link = await staff.post(`/api/v1/actions/${id}/share-links`).send({}).expect(201);
    const short = await staff
      .post(`/api/v1/actions/${id}/share-links`)
      .send({ expiresInDays: 1 })
      .expect(201);
    await t.http.get(link.body.path).expect(200);
    await staff.post(`/api/v1/actions/${id}/archive`).send({ version: 1 }).expect(200);
    for (const path of [
      link.body.path,
      `${link.body.path}/sheet.pdf`,
      `${link.body.path}/iati.xml`,
      short.body.path,
    ]) {
      const gone = await t.http.get(path).expect(404);
      expect(gone.body.code).toBe('SHARE_LINK_NOT_FOUND');
    }
    // The short link expires while the action is archived: restoring does not bring it back.
    await t.db.query(
      `UPDATE share_links SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [short.body.id],
    );
    await staff.post(`/api/v1/actions/${id}/restore`).send({ version: 2 }).expect(200);
    await t.http.get(link.body.path).expect(200);
    await t.http.get(short.body.path).expect(404);
  });

  it('lets only staff create and revoke links; rejects bad lifetimes', async () => {
    const director = await signedIn(t, 'director');
    await director.post(`/api/v1/actions/${actionId}/share-links`).send({}).expect(403);
    await director.get(`/api/v1/actions/${actionId}/share-links`).expect(200);
    const res = await staff
      .post(`/api/v1/actions/${actionId}/share-links`)
      .send({ expiresInDays: 400 })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({ field: 'expiresInDays', code: 'max' });
    await staff.post(`/api/v1/actions/${randomUUID()}/share-links`).send({}).expect(404);
  });
});
