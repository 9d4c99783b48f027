import { randomUUID } from 'node:crypto';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, countRows, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

const code = () => `T-${randomUUID().slice(0, 8)}`;

describe('portfolio API: actions and their parts', () => {
  let t: TestApp;
  let ownDb: TestDatabase;
  let staff: SignedInAgent;
  let director: SignedInAgent;
  let giz: string;
  let c40: string;
  beforeAll(async () => {
    // A database of its own: row counts prove that rejected requests write nothing, which
    // other test files writing in parallel would blur.
    ownDb = await createTestDatabase('coopera_test_counts');
    t = await bootTestApp({ databaseUrl: ownDb.url });
    staff = await signedIn(t, 'staff');
    director = await signedIn(t, 'director');
    giz = await newOrganisation(t.db, {
      name: 'Deutsche Gesellschaft für Internationale Zusammenarbeit',
      acronym: 'GIZ',
      type: 'bilateral_agency',
      country: 'DE',
    });
    c40 = await newOrganisation(t.db, {
      name: 'C40 Cities',
      acronym: 'C40',
      type: 'city_network',
    });
  });
  afterAll(async () => {
    await t.close();
    await ownDb.drop();
  });

  /** An action with partners, funding, a milestone and a result, created in one request. */
  function newAction(overrides: Record<string, unknown> = {}) {
    return {
      code: code(),
      kind: 'cooperation_project',
      titleEs: 'Árbol IoT: el internet de los árboles',
      summaryEs: 'Plataforma ciudadana para el arbolado urbano.',
      instituteRole: 'recipient',
      status: 'implementation',
      modality: 'technical',
      themes: ['arbolado-urbano'],
      municipalities: ['Zapopan'],
      sdgs: [11, 13],
      actualStart: '2017-09-01',
      participations: [
        { organisationId: giz, role: 'funding' },
        { organisationId: giz, role: 'implementing' },
      ],
      funding: [
        {
          type: 'ceiling',
          amount: '16187025.00',
          currency: 'MXN',
          valueDate: '2019-01-14',
          providerId: giz,
        },
      ],
      milestones: [
        {
          type: 'pilot',
          title: 'Primer piloto en Lomas de Polanco',
          actualDate: '2018-09-01',
          datePrecision: 'month',
        },
        { type: 'closure', title: 'Taller de cierre', plannedDate: '2001-01-01' },
        { type: 'workshop', title: 'Taller futuro', plannedDate: '2099-06-01' },
      ],
      results: [
        {
          statement: 'Árboles validados',
          indicators: [{ name: 'Árboles validados', unit: 'árboles', actual: '1000' }],
        },
      ],
      ...overrides,
    };
  }

  it('creates an action with its parts in one request and returns the mapped detail', async () => {
    const res = await staff.post('/api/v1/actions').send(newAction()).expect(201);
    expect(res.body).toMatchObject({
      kind: 'cooperation_project',
      status: 'implementation',
      version: 1,
      sdgs: [11, 13],
    });
    expect(res.body.funding[0]).toMatchObject({
      type: 'ceiling',
      amount: '16187025.00',
      currency: 'MXN',
      valueDate: '2019-01-14',
      providerName: expect.any(String),
    });
    expect(res.body.participations).toHaveLength(2);
    expect(res.body.milestones.map((m: { status: string }) => m.status).sort()).toEqual([
      'done',
      'late',
      'planned',
    ]);
    expect(res.body.overdueMilestones).toBe(1);
    expect(res.body.results[0].indicators[0]).toMatchObject({ actual: '1000', unit: 'árboles' });
    expect(res.body.notes).toBeNull();
    expect(res.body).not.toHaveProperty('searchText');
    const detail = await director.get(`/api/v1/actions/${res.body.id}`).expect(200);
    expect(detail.headers['etag']).toMatch(/^"1\.\d+-[\w-]+"$/);
    expect(detail.body.funding[0].amount).toBe('16187025.00');
  });

  it('finds actions containing every word of the search, in any order, accents and case ignored', async () => {
    const created = await staff
      .post('/api/v1/actions')
      .send(newAction({ titleEs: 'Hermanamiento Guadalajara–Medellín de movilidad' }))
      .expect(201);
    const ids = async (q: string) =>
      (await director.get(`/api/v1/actions?q=${encodeURIComponent(q)}`).expect(200)).body.items.map(
        (a: { id: string }) => a.id,
      );
    expect(await ids('guadalajara medellin')).toContain(created.body.id);
    expect(await ids('  MEDELLÍN   hermanamiento ')).toContain(created.body.id);
    expect(await ids('guadalajara medellin bogota')).not.toContain(created.body.id);
    expect(await ids('100% medellin')).not.toContain(created.body.id);
  });

  it('finds actions ignoring accents and case, and filters by partner, role, kind, theme and SDG', async () => {
    const created = await staff
      .post('/api/v1/actions')
      .send(newAction({ titleEs: 'Árbol urbano de prueba ÚNICA', themes: ['tema-unico-x'] }))
      .expect(201);
    const search = await director
      .get('/api/v1/actions?q=ARBOL%20URBANO%20DE%20PRUEBA%20unica')
      .expect(200);
    expect(search.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    const byTheme = await director
      .get(
        `/api/v1/actions?theme=tema-unico-x&partner=${giz}&role=implementing&kind=cooperation_project&sdg=13`,
      )
      .expect(200);
    expect(byTheme.body.total).toBe(1);
    expect(byTheme.body.items[0].partners.map((p: { role: string }) => p.role).sort()).toEqual([
      'funding',
      'implementing',
    ]);
    const none = await director
      .get(`/api/v1/actions?theme=tema-unico-x&partner=${c40}`)
      .expect(200);
    expect(none.body.total).toBe(0);
    const sorted = await director.get('/api/v1/actions?sort=code&pageSize=5&page=1').expect(200);
    const codes = sorted.body.items.map((a: { code: string }) => a.code);
    expect([...codes].sort()).toEqual(codes);
  });

  describe('rejects bad input with 400, one error shape, and writes nothing', () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['an unknown field', { hacker: true }, 'hacker', 'whitelistValidation'],
      ['a wrong type', { sdgs: 'once' }, 'sdgs', 'isArray'],
      ['SDG 18', { sdgs: [18] }, 'sdgs', 'max'],
      [
        'a bad currency code',
        { funding: [{ type: 'commitment', amount: '10.00', currency: 'MXP' }] },
        'funding[0].currency',
        'isIso4217',
      ],
      [
        'a negative amount',
        { funding: [{ type: 'commitment', amount: '-5.00', currency: 'USD' }] },
        'funding[0].amount',
        'isMoney',
      ],
      [
        'an amount as a JS number',
        { funding: [{ type: 'commitment', amount: 5, currency: 'USD' }] },
        'funding[0].amount',
        'isMoney',
      ],
      ['an impossible date', { actualStart: '2023-02-30' }, 'actualStart', 'isDateString'],
      [
        'an end before the start',
        { plannedStart: '2020-05-01', plannedEnd: '2020-04-30' },
        'plannedEnd',
        'dateOrder',
      ],
      [
        'an unknown organisation',
        {
          participations: [
            { organisationId: '00000000-0000-4000-8000-000000000000', role: 'funding' },
          ],
        },
        'participations[0].organisationId',
        'notFound',
      ],
      [
        'a milestone without dates',
        { milestones: [{ type: 'workshop', title: 'Sin fecha' }] },
        'milestones[0].plannedDate',
        'isDefined',
      ],
    ];
    it.each(cases)('%s', async (_name, override, field, constraint) => {
      const tables = ['actions', 'participations', 'funding', 'milestones', 'audit_log'];
      const before = await Promise.all(tables.map((tb) => countRows(t.db, tb)));
      const res = await staff.post('/api/v1/actions').send(newAction(override)).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Los datos enviados no son válidos.',
      });
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code: constraint })]),
      );
      expect(await Promise.all(tables.map((tb) => countRows(t.db, tb)))).toEqual(before);
    });

    it('answers in English when asked', async () => {
      const res = await staff
        .post('/api/v1/actions')
        .set('Accept-Language', 'en-US')
        .send(newAction({ sdgs: [18] }))
        .expect(400);
      expect(res.body.message).toBe('The data sent is not valid.');
      expect(res.body.details[0].message).toBe('Must be at most 17.');
    });

    it('refuses page sizes above 100', async () => {
      const res = await director.get('/api/v1/actions?pageSize=101').expect(400);
      expect(res.body.details[0]).toMatchObject({ field: 'pageSize', code: 'max' });
    });
  });

  it('rolls back the whole multi-row write when a later row fails (no action, no parts, no audit)', async () => {
    const tables = ['actions', 'participations', 'funding', 'audit_log'];
    const before = await Promise.all(tables.map((tb) => countRows(t.db, tb)));
    const body = newAction({
      participations: [
        { organisationId: giz, role: 'funding' },
        { organisationId: giz, role: 'funding' },
      ],
    });
    const res = await staff.post('/api/v1/actions').send(body).expect(409);
    expect(res.body.code).toBe('PARTICIPATION_EXISTS');
    expect(await Promise.all(tables.map((tb) => countRows(t.db, tb)))).toEqual(before);
    const found = await t.db.query(`SELECT 1 FROM actions WHERE code = $1`, [body.code]);
    expect(found).toHaveLength(0);
  });

  it('refuses a duplicate code with 409 ACTION_CODE_TAKEN', async () => {
    const first = await staff.post('/api/v1/actions').send(newAction()).expect(201);
    const res = await staff
      .post('/api/v1/actions')
      .send(newAction({ code: first.body.code.toLowerCase() }))
      .expect(409);
    expect(res.body.code).toBe('ACTION_CODE_TAKEN');
  });

  it('answers 404 ACTION_NOT_FOUND for an action that does not exist', async () => {
    const res = await director.get(`/api/v1/actions/${randomUUID()}`).expect(404);
    expect(res.body.code).toBe('ACTION_NOT_FOUND');
    await staff
      .patch(`/api/v1/actions/${randomUUID()}`)
      .send({ version: 1, titleEs: 'x-y-z' })
      .expect(404);
  });

  describe('optimistic concurrency', () => {
    it('requires a version (If-Match or body)', async () => {
      const a = await staff.post('/api/v1/actions').send(newAction()).expect(201);
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
      const a = await staff.post('/api/v1/actions').send(newAction()).expect(201);
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
      const a = await staff.post('/api/v1/actions').send(newAction()).expect(201);
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
    const a = await staff.post('/api/v1/actions').send(newAction()).expect(201);
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
      .send(newAction({ themes: ['tema-archivo'] }))
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
    const a = await staff.post('/api/v1/actions').send(newAction()).expect(201);
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
          newAction({
            notes: 'Nota interna',
            themes: ['tema-socio'],
            participations: [{ organisationId: ownOrg, role: 'funding', notes: 'interna' }],
          }),
        )
        .expect(201);
      const theirs = await staff
        .post('/api/v1/actions')
        .send(newAction({ themes: ['tema-socio'] }))
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
        .send(newAction({ participations: [], funding: [], milestones: [], results: [] }))
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
