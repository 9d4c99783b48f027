import { randomUUID } from 'node:crypto';
import {
  bootTestApp,
  insertOrganisation,
  signInAs,
  SignedInAgent,
  TestApp,
} from './support/test-app';

describe('share links: read-only, expiring, revocable partner views', () => {
  let t: TestApp;
  let staff: SignedInAgent;
  let actionId: string;
  beforeAll(async () => {
    t = await bootTestApp();
    staff = await signInAs(t, 'staff');
    const org = await insertOrganisation(t.db, {
      name: 'Embajada Británica',
      type: 'bilateral_agency',
      country: 'GB',
    });
    const created = await staff
      .post('/api/v1/actions')
      .send({
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
      })
      .expect(201);
    actionId = created.body.id;
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
    const pdf = await t.http
      .get(`${link.body.path}/sheet.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
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

  it('lets only staff create and revoke links; rejects bad lifetimes', async () => {
    const director = await signInAs(t, 'director');
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
