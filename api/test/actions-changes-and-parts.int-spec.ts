import type { TestApp } from './support/test-app';
import { newOrganisation, signedIn, SignedInAgent } from './support/factories';
import { actionsFixture, actionWithParts } from './support/action-bodies';

describe('actions API: versions, history, archiving, partner scoping and parts', () => {
  let t: TestApp;
  let close: () => Promise<void>;
  let staff: SignedInAgent;
  let director: SignedInAgent;
  let giz: string;
  let c40: string;
  beforeAll(async () => {
    ({ t, close, staff, director, giz, c40 } = await actionsFixture());
  });
  afterAll(() => close());

  const fullAction = (overrides: Record<string, unknown> = {}) => actionWithParts(giz, overrides);

  describe('optimistic concurrency', () => {
    it('requires a version (If-Match or body)', async () => {
      const a = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
      const res = await staff
        .patch(`/api/v1/actions/${a.body.id}`)
        .send({ titleEs: 'Sin versión' })
        .expect(428);
      expect(res.body.code).toBe('VERSION_REQUIRED');
      await staff
        .patch(`/api/v1/actions/${a.body.id}`)
        .set('If-Match', '"1"')
        .send({ titleEs: 'Con If-Match' })
        .expect(200);
    });

    it('lets exactly one of two concurrent updates with the same version win; the other gets 409 with the current record', async () => {
      const a = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
      const other = await signedIn(t, 'staff');
      const [r1, r2] = await Promise.all([
        staff
          .patch(`/api/v1/actions/${a.body.id}`)
          .send({ version: 1, titleEs: 'Cambio de la primera persona' }),
        other
          .patch(`/api/v1/actions/${a.body.id}`)
          .send({ version: 1, titleEs: 'Cambio de la segunda persona' }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      const [winner, loser] = r1.status === 200 ? [r1, r2] : [r2, r1];
      expect(loser.body.code).toBe('VERSION_CONFLICT');
      expect(loser.body.details.current).toMatchObject({
        version: 2,
        titleEs: winner.body.titleEs,
      });
      const final = await director.get(`/api/v1/actions/${a.body.id}`).expect(200);
      expect(final.body.titleEs).toBe(winner.body.titleEs);
      const audits = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'action' AND entity_id = $1 AND operation = 'update'`,
        [a.body.id],
      );
      expect(audits[0].n).toBe(1);
    });

    it('detects stale versions on parts too', async () => {
      const a = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
      const f = a.body.funding[0];
      await staff
        .patch(`/api/v1/actions/${a.body.id}/funding/${f.id}`)
        .send({ version: f.version, amount: '100.50' })
        .expect(200);
      const stale = await staff
        .patch(`/api/v1/actions/${a.body.id}/funding/${f.id}`)
        .send({ version: f.version, amount: '999.00' })
        .expect(409);
      expect(stale.body.code).toBe('VERSION_CONFLICT');
      const rows = await t.db.query(`SELECT amount::text FROM funding WHERE id = $1`, [f.id]);
      expect(rows[0].amount).toBe('100.50');
    });
  });

  it('writes the audit trail with who, when and before/after, and shows it as history', async () => {
    const a = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
    await staff
      .patch(`/api/v1/actions/${a.body.id}`)
      .send({ version: 1, status: 'finalisation' })
      .expect(200);
    const m = await staff
      .post(`/api/v1/actions/${a.body.id}/milestones`)
      .send({ type: 'technical_visit', title: 'Visita técnica', actualDate: '2019-08-20' })
      .expect(201);
    await staff.delete(`/api/v1/actions/${a.body.id}/milestones/${m.body.id}`).expect(204);
    const history = await director.get(`/api/v1/actions/${a.body.id}/history`).expect(200);
    const ops = history.body.items.map(
      (h: { operation: string; entity: string }) => `${h.operation}:${h.entity}`,
    );
    expect(ops).toEqual(
      expect.arrayContaining([
        'create:action',
        'update:action',
        'create:milestone',
        'delete:milestone',
        'create:funding',
      ]),
    );
    const update = history.body.items.find(
      (h: { operation: string; entity: string }) =>
        h.operation === 'update' && h.entity === 'action',
    );
    expect(update.actorEmail).toBe(staff.user.email);
    expect(update.actorName).toBe('Test staff');
    expect(update.before.status).toBe('implementation');
    expect(update.after.status).toBe('finalisation');
    expect(new Date(update.at).toISOString()).toBe(update.at);
  });

  it('archives and restores instead of deleting; archived actions leave lists and refuse changes', async () => {
    const a = await staff
      .post('/api/v1/actions')
      .send(fullAction({ themes: ['tema-archivo'] }))
      .expect(201);
    await staff.post(`/api/v1/actions/${a.body.id}/archive`).send({}).expect(200);
    expect((await director.get('/api/v1/actions?theme=tema-archivo').expect(200)).body.total).toBe(
      0,
    );
    expect(
      (await director.get('/api/v1/actions?theme=tema-archivo&archived=true').expect(200)).body
        .total,
    ).toBe(1);
    const refused = await staff
      .post(`/api/v1/actions/${a.body.id}/funding`)
      .send({ type: 'commitment', amount: '1.00', currency: 'EUR' })
      .expect(409);
    expect(refused.body.code).toBe('ACTION_ARCHIVED');
    await staff.post(`/api/v1/actions/${a.body.id}/restore`).send({}).expect(200);
    expect((await director.get('/api/v1/actions?theme=tema-archivo').expect(200)).body.total).toBe(
      1,
    );
    const money = await t.db.query(`SELECT count(*)::int AS n FROM funding WHERE action_id = $1`, [
      a.body.id,
    ]);
    expect(money[0].n).toBe(1);
  });

  it('never lets a cascade remove money: the database refuses to delete an action that holds funding', async () => {
    const a = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
    await expect(t.db.query(`DELETE FROM actions WHERE id = $1`, [a.body.id])).rejects.toThrow(
      /foreign key/,
    );
  });

  describe('partner scoping (decided by the query)', () => {
    it('shows a partner only their organisation’s actions, without internal notes, and 404 for the rest', async () => {
      const ownOrg = await newOrganisation(t.db, { name: 'Socio propio', type: 'multilateral' });
      const mine = await staff
        .post('/api/v1/actions')
        .send(
          fullAction({
            notes: 'Nota interna',
            themes: ['tema-socio'],
            participations: [{ organisationId: ownOrg, role: 'funding', notes: 'interna' }],
          }),
        )
        .expect(201);
      const theirs = await staff
        .post('/api/v1/actions')
        .send(fullAction({ themes: ['tema-socio'] }))
        .expect(201);
      const partner = await signedIn(t, 'partner', { organisationId: ownOrg });
      const list = await partner.get('/api/v1/actions?theme=tema-socio').expect(200);
      expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([mine.body.id]);
      const all = await partner.get('/api/v1/actions?pageSize=100').expect(200);
      expect(all.body.total).toBe(1);
      const detail = await partner.get(`/api/v1/actions/${mine.body.id}`).expect(200);
      expect(detail.body).not.toHaveProperty('notes');
      expect(detail.body.participations[0].notes).toBeNull();
      const hidden = await partner.get(`/api/v1/actions/${theirs.body.id}`).expect(404);
      expect(hidden.body.code).toBe('ACTION_NOT_FOUND');
      const searched = await partner
        .get(`/api/v1/actions?q=${encodeURIComponent(theirs.body.code)}`)
        .expect(200);
      expect(searched.body.total).toBe(0);
      const staffView = await director.get(`/api/v1/actions/${mine.body.id}`).expect(200);
      expect(staffView.body.notes).toBe('Nota interna');
    });
  });

  describe('parts', () => {
    it('adds, updates and deletes participations, instruments, results, indicators and documents', async () => {
      const a = await staff
        .post('/api/v1/actions')
        .send(fullAction({ participations: [], funding: [], milestones: [], results: [] }))
        .expect(201);
      const base = `/api/v1/actions/${a.body.id}`;
      const p = await staff
        .post(`${base}/participations`)
        .send({ organisationId: c40, role: 'implementing' })
        .expect(201);
      await staff
        .post(`${base}/participations`)
        .send({ organisationId: c40, role: 'implementing' })
        .expect(409);
      const i = await staff
        .post(`${base}/instruments`)
        .send({
          type: 'mou',
          title: 'Memorándum de entendimiento',
          parties: ['IMEPLAN', 'C40'],
          signedOn: '2019-04-01',
          validFrom: '2019-04-01',
          validTo: '2021-04-01',
        })
        .expect(201);
      await staff
        .post(`${base}/instruments`)
        .send({ type: 'mou', title: 'Al revés', validFrom: '2021-04-01', validTo: '2019-04-01' })
        .expect(400);
      const r = await staff
        .post(`${base}/results`)
        .send({ statement: 'Seis estudios técnicos financiados' })
        .expect(201);
      const ind = await staff
        .post(`${base}/results/${r.body.id}/indicators`)
        .send({
          name: 'Estudios entregados',
          unit: 'estudios',
          baseline: '0',
          target: '6',
          actual: '6',
        })
        .expect(201);
      await staff
        .patch(`${base}/indicators/${ind.body.id}`)
        .send({ version: 1, actual: '5' })
        .expect(200);
      const d = await staff
        .post(`${base}/documents`)
        .send({ title: 'Informe', url: 'https://example.org/informe.pdf', resultId: r.body.id })
        .expect(201);
      await staff
        .post(`${base}/documents`)
        .send({ title: 'Malo', url: 'javascript:alert(1)' })
        .expect(400);
      await staff
        .patch(`${base}/participations/${p.body.id}`)
        .send({ version: 1, role: 'funding' })
        .expect(200);
      const detail = await director.get(base).expect(200);
      expect(detail.body.participations[0].role).toBe('funding');
      expect(detail.body.instruments[0]).toMatchObject({
        type: 'mou',
        parties: ['IMEPLAN', 'C40'],
        signedOn: '2019-04-01',
      });
      expect(detail.body.results[0].indicators[0]).toMatchObject({ target: '6', actual: '5' });
      expect(detail.body.documents[0]).toMatchObject({ title: 'Informe', resultId: r.body.id });
      await staff.delete(`${base}/instruments/${i.body.id}`).expect(204);
      await staff.delete(`${base}/documents/${d.body.id}?version=1`).expect(204);
      await staff.delete(`${base}/instruments/${i.body.id}`).expect(404);
    });
  });
});
