import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

describe('portfolio API: organisations', () => {
  let t: TestApp;
  let ownDb: TestDatabase;
  let staff: SignedInAgent;
  beforeAll(async () => {
    // A database of its own: row counts prove that rejected requests write nothing, which
    // other test files writing in parallel would blur.
    ownDb = await createTestDatabase('coopera_test_counts');
    t = await bootTestApp({ databaseUrl: ownDb.url });
    staff = await signedIn(t, 'staff');
  });
  afterAll(async () => {
    await t.close();
    await ownDb.drop();
  });

  it('creates, finds ignoring accents, updates with a version and deletes an unused organisation', async () => {
    const name = `Agencia Española de Cooperación ${randomUUID().slice(0, 6)}`;
    const created = await staff
      .post('/api/v1/organisations')
      .send({ name, acronym: 'AECID', type: 'bilateral_agency', country: 'ES', notes: 'interna' })
      .expect(201);
    expect(created.body).toMatchObject({
      name,
      type: 'bilateral_agency',
      country: 'ES',
      version: 1,
      actionCount: 0,
    });
    const found = await staff
      .get(
        `/api/v1/organisations?q=${encodeURIComponent('agencia espanola de cooperacion')}&type=bilateral_agency`,
      )
      .expect(200);
    expect(found.body.items.map((o: { id: string }) => o.id)).toContain(created.body.id);
    const updated = await staff
      .patch(`/api/v1/organisations/${created.body.id}`)
      .send({ version: 1, website: 'https://www.aecid.es' })
      .expect(200);
    expect(updated.body).toMatchObject({ website: 'https://www.aecid.es', version: 2 });
    await staff.delete(`/api/v1/organisations/${created.body.id}`).expect(204);
    await staff.get(`/api/v1/organisations/${created.body.id}`).expect(404);
    const audit = await t.db.query(
      `SELECT operation FROM audit_log WHERE entity = 'organisation' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a: { operation: string }) => a.operation)).toEqual([
      'create',
      'update',
      'delete',
    ]);
  });

  it('offers the existing organisation instead of a duplicate (same name ignoring case and accents, or same IATI ref)', async () => {
    const tag = randomUUID().slice(0, 6);
    const first = await staff
      .post('/api/v1/organisations')
      .send({
        name: `Alcaldía de Medellín ${tag}`,
        type: 'subnational_government',
        iatiRef: `CO-MED-${tag}`,
      })
      .expect(201);
    const before = await countRows(t.db, 'organisations');
    const byName = await staff
      .post('/api/v1/organisations')
      .send({ name: `  ALCALDIA  de medellin ${tag} `, type: 'other' })
      .expect(409);
    expect(byName.body).toMatchObject({
      code: 'ORGANISATION_DUPLICATE',
      details: { existing: { id: first.body.id, name: `Alcaldía de Medellín ${tag}` } },
    });
    const byRef = await staff
      .post('/api/v1/organisations')
      .send({ name: `Otro nombre ${tag}`, type: 'other', iatiRef: `CO-MED-${tag}` })
      .expect(409);
    expect(byRef.body.details.existing.id).toBe(first.body.id);
    expect(await countRows(t.db, 'organisations')).toBe(before);
    // Renaming another organisation to the same name is refused too; its own name is fine.
    const other = await staff
      .post('/api/v1/organisations')
      .send({ name: `Medellín Cómo Vamos ${tag}`, type: 'ngo_foundation' })
      .expect(201);
    await staff
      .patch(`/api/v1/organisations/${other.body.id}`)
      .send({ version: 1, name: `alcaldia de MEDELLIN ${tag}` })
      .expect(409);
    await staff
      .patch(`/api/v1/organisations/${first.body.id}`)
      .send({ version: 1, name: `Alcaldía de Medellín ${tag}`, acronym: 'MED' })
      .expect(200);
  });

  it('rejects bad input with 400 and writes nothing', async () => {
    const before = await countRows(t.db, 'organisations');
    for (const body of [
      { name: 'Sin tipo' },
      { name: 'Tipo raro', type: 'alien' },
      { name: 'País malo', type: 'other', country: 'XX' },
      { name: 'Web mala', type: 'other', website: 'ftp://x' },
      { name: 'Campo extra', type: 'other', extra: 1 },
    ]) {
      const res = await staff.post('/api/v1/organisations').send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await countRows(t.db, 'organisations')).toBe(before);
  });

  it('lets exactly one of two concurrent updates win and refuses to delete an organisation in use', async () => {
    const id = await newOrganisation(t.db, { name: 'Concurrente', type: 'other' });
    const [a, b] = await Promise.all([
      staff.patch(`/api/v1/organisations/${id}`).send({ version: 1, acronym: 'A' }),
      staff.patch(`/api/v1/organisations/${id}`).send({ version: 1, acronym: 'B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.details.current.version).toBe(2);
    await staff
      .post('/api/v1/actions')
      .send({
        code: `ORG-${randomUUID().slice(0, 8)}`,
        kind: 'award',
        titleEs: 'Premio',
        instituteRole: 'recipient',
        participations: [{ organisationId: id, role: 'funding' }],
      })
      .expect(201);
    const inUse = await staff.delete(`/api/v1/organisations/${id}`).expect(409);
    expect(inUse.body.code).toBe('ORGANISATION_IN_USE');
    await staff.get(`/api/v1/organisations/${randomUUID()}`).expect(404);
  });

  it('shows partners only the organisations they share actions with, without internal notes', async () => {
    const own = await newOrganisation(t.db, { name: 'Socio visible', type: 'multilateral' });
    const peer = await newOrganisation(t.db, { name: 'Par visible', type: 'multilateral' });
    const stranger = await newOrganisation(t.db, { name: 'Ajena', type: 'multilateral' });
    await staff
      .post('/api/v1/actions')
      .send({
        code: `ORGP-${randomUUID().slice(0, 8)}`,
        kind: 'award',
        titleEs: 'Compartida',
        instituteRole: 'recipient',
        participations: [
          { organisationId: own, role: 'funding' },
          { organisationId: peer, role: 'implementing' },
        ],
      })
      .expect(201);
    const partner = await signedIn(t, 'partner', { organisationId: own });
    const peerView = await partner.get(`/api/v1/organisations/${peer}`).expect(200);
    expect(peerView.body).not.toHaveProperty('notes');
    expect(peerView.body.actionCount).toBe(1);
    expect(peerView.body.actions.map((a: { titleEs: string }) => a.titleEs)).toEqual([
      'Compartida',
    ]);
    await partner.get(`/api/v1/organisations/${stranger}`).expect(404);
  });
});
