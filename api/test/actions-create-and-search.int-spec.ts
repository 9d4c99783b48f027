import { randomUUID } from 'node:crypto';
import { countRows, TestApp } from './support/test-app';
import type { SignedInAgent } from './support/factories';
import { actionsFixture, actionWithParts } from './support/action-bodies';

describe('actions API: create, search, validation and conflicts', () => {
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

  it('creates an action with its parts in one request and returns the mapped detail', async () => {
    const res = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
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
      .send(fullAction({ titleEs: 'Hermanamiento Guadalajara–Medellín de movilidad' }))
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
      .send(fullAction({ titleEs: 'Árbol urbano de prueba ÚNICA', themes: ['tema-unico-x'] }))
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
      const res = await staff.post('/api/v1/actions').send(fullAction(override)).expect(400);
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
        .send(fullAction({ sdgs: [18] }))
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
    const body = fullAction({
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
    const first = await staff.post('/api/v1/actions').send(fullAction()).expect(201);
    const res = await staff
      .post('/api/v1/actions')
      .send(fullAction({ code: first.body.code.toLowerCase() }))
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
});
