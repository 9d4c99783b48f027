import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

/** Rates in this file live in 2030–2039; every action carries this run's theme. */
const THEME = `dash-${randomUUID().slice(0, 8)}`;

async function newAction(
  db: DataSource,
  values: Partial<{
    kind: string;
    status: string | null;
    modality: string;
    themes: string[];
    municipalities: string[];
    sdgs: number[];
  }> = {},
) {
  const rows: { id: string; code: string }[] = await db.query(
    `INSERT INTO actions (code, kind, title_es, institute_role, status, modality, themes, municipalities, sdgs)
     VALUES ($1, $2, $3, 'recipient', $4, $5, $6, $7, $8) RETURNING id, code`,
    [
      `T-${randomUUID().slice(0, 8)}`,
      values.kind ?? 'cooperation_project',
      'Acción de prueba',
      values.status === undefined ? 'implementation' : values.status,
      values.modality ?? 'technical',
      values.themes ?? [THEME],
      values.municipalities ?? [],
      values.sdgs ?? [],
    ],
  );
  return rows[0];
}

async function newFunding(
  db: DataSource,
  actionId: string,
  type: string,
  amount: string,
  currency: string | null,
  valueDate: string | null,
  providerId: string | null = null,
) {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [actionId, type, amount, currency, valueDate, providerId],
  );
  return rows[0].id;
}

describe('dashboard (real PostgreSQL over HTTP)', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let giz: string;
  let c40: string;
  let a1: { id: string; code: string };
  let a2: { id: string; code: string };
  let unknownPrize: string;
  beforeAll(async () => {
    t = await bootTestApp();
    director = await signedIn(t, 'director');
    giz = await newOrganisation(t.db, { name: 'GIZ', acronym: 'GIZ', type: 'bilateral_agency' });
    c40 = await newOrganisation(t.db, {
      name: 'C40 Cities',
      acronym: 'C40',
      type: 'city_network',
    });
    await t.db.query(
      `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES
        ('2030-01-01', 'USD', 20, 'test'), ('2030-06-01', 'USD', 18.5, 'test'),
        ('2030-01-01', 'EUR', 22, 'test')`,
    );
    a1 = await newAction(t.db, {
      themes: [THEME, 'movilidad'],
      municipalities: ['Zapopan'],
      sdgs: [11, 13],
    });
    a2 = await newAction(t.db, { status: 'closed', kind: 'award', modality: 'prize' });
    await t.db.query(
      `INSERT INTO participations (action_id, organisation_id, role) VALUES ($1, $2, 'funding'), ($3, $4, 'funding')`,
      [a1.id, giz, a2.id, c40],
    );
    await newFunding(t.db, a1.id, 'ceiling', '16187025.00', 'MXN', '2030-02-01', giz);
    await newFunding(t.db, a1.id, 'disbursement', '1000.10', 'USD', '2030-07-15', giz); // 18.5 → 18501.85 MXN
    await newFunding(t.db, a1.id, 'expenditure', '500.00', 'EUR', '2030-03-01', giz); // 22 → 11000.00 MXN
    await newFunding(t.db, a1.id, 'disbursement', '10.00', 'USD', '2029-12-31', giz); // no USD rate in the window… unless another file's
    unknownPrize = await newFunding(t.db, a2.id, 'prize', '361000.00', null, '2030-05-01', c40);
    await newFunding(t.db, a2.id, 'commitment', '1000.00', 'USD', null, c40);
    await t.db.query(
      `INSERT INTO milestones (action_id, type, title, planned_date, actual_date) VALUES
        ($1, 'workshop', 'Taller vencido', (now() AT TIME ZONE 'America/Mexico_City')::date - 3, NULL),
        ($1, 'launch', 'Lanzamiento', (now() AT TIME ZONE 'America/Mexico_City')::date + 10, NULL),
        ($1, 'closure', 'Cierre lejano', (now() AT TIME ZONE 'America/Mexico_City')::date + 200, NULL),
        ($1, 'kickoff', 'Hecho', (now() AT TIME ZONE 'America/Mexico_City')::date - 30, (now() AT TIME ZONE 'America/Mexico_City')::date - 29)`,
      [a1.id],
    );
  });
  afterAll(() => t.close());

  it('sums each key figure in MXN with its parts by currency and lists what it could not convert', async () => {
    const res = await director.get(`/api/v1/dashboard/summary?theme=${THEME}`).expect(200);
    const { money } = res.body;
    expect(res.body).toMatchObject({
      currency: 'MXN',
      actions: 2,
      activeActions: 1,
      partners: 2,
      overdueMilestones: 1,
    });
    expect(res.body.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(money.ceilings).toMatchObject({
      total: '16187025.00',
      currency: 'MXN',
      records: 1,
      unconvertedCount: 0,
    });
    expect(money.ceilings.byCurrency).toEqual([
      { currency: 'MXN', amount: '16187025.00', converted: '16187025.00' },
    ]);
    // The USD record dated 2029-12-31 converts only if some earlier USD rate exists (other files): check shape, not value.
    expect(money.executed.records).toBe(3);
    const eur = money.executed.byCurrency.find((c: { currency: string }) => c.currency === 'EUR');
    expect(eur).toEqual({ currency: 'EUR', amount: '500.00', converted: '11000.00' });
    expect(
      money.executed.byCurrency.find((c: { currency: string }) => c.currency === 'USD').amount,
    ).toBe('1010.10');
    expect(money.inKind).toMatchObject({
      total: '0.00',
      records: 1,
      unconvertedCount: 1,
      byCurrency: [],
    });
    expect(money.inKind.unconvertedByCurrency).toEqual([
      { currency: null, reason: 'currency_not_stated', amount: '361000.00', records: 1 },
    ]);
    expect(money.committed).toMatchObject({ total: '0.00', unconvertedCount: 1 });
    expect(money.committed.unconvertedByCurrency).toEqual([
      { currency: 'USD', reason: 'no_value_date', amount: '1000.00', records: 1 },
    ]);
    // The records themselves, for the "ver desglose" panel: one page at a time.
    const list = await director
      .get(`/api/v1/dashboard/unconverted?theme=${THEME}&figure=inKind`)
      .expect(200);
    expect(list.body).toMatchObject({ currency: 'MXN', total: 1, page: 1, pageSize: 25 });
    expect(list.body.items).toEqual([
      expect.objectContaining({
        fundingId: unknownPrize,
        actionId: a2.id,
        actionCode: a2.code,
        amount: '361000.00',
        currency: null,
        reason: 'currency_not_stated',
        figure: 'inKind',
      }),
    ]);
    const all = await director
      .get(`/api/v1/dashboard/unconverted?theme=${THEME}&pageSize=1&page=2`)
      .expect(200);
    const left = ['ceilings', 'committed', 'executed', 'inKind'].reduce(
      (n, cls) => n + money[cls].unconvertedCount,
      0,
    );
    expect(all.body.total).toBe(left);
    expect(all.body.items).toHaveLength(1);
    const beyond = await director
      .get(`/api/v1/dashboard/unconverted?theme=${THEME}&pageSize=1&page=9`)
      .expect(200);
    expect(beyond.body).toMatchObject({ total: left, items: [] });
    await director.get(`/api/v1/dashboard/unconverted?figure=salary`).expect(400);
    expect(res.body.actionsByKind).toEqual(
      expect.arrayContaining([
        { key: 'cooperation_project', count: 1 },
        { key: 'award', count: 1 },
      ]),
    );
  });

  it('converts to USD and EUR through MXN with the latest rate on or before the value date', async () => {
    const usd = await director
      .get(`/api/v1/dashboard/summary?theme=${THEME}&currency=usd&kind=cooperation_project`)
      .expect(200);
    // EUR 500 × 22 ÷ 20 (USD rate of 2030-03-01 is the 2030-01-01 one) = 550.00
    expect(
      usd.body.money.executed.byCurrency.find((c: { currency: string }) => c.currency === 'EUR')
        .converted,
    ).toBe('550.00');
    // Ceiling MXN 16187025.00 ÷ 20 = 809351.25
    expect(usd.body.money.ceilings.total).toBe('809351.25');
    const eur = await director
      .get(`/api/v1/dashboard/summary?theme=${THEME}&currency=EUR`)
      .expect(200);
    expect(eur.body.money.ceilings.total).toBe('735773.86'); // 16187025 / 22 = 735773.8636…
  });

  it('groups by theme, SDG, municipality, status, year, partner and partner type', async () => {
    const theme = await director.get(`/api/v1/dashboard/by-theme?theme=${THEME}`).expect(200);
    expect(theme.body).toMatchObject({ groupBy: 'theme', overlapping: true });
    const movilidad = theme.body.groups.find((g: { key: string }) => g.key === 'movilidad');
    expect(movilidad).toMatchObject({ actions: 1 });
    expect(movilidad.money.ceilings.total).toBe('16187025.00');
    const sdg = await director.get(`/api/v1/dashboard/by-sdg?theme=${THEME}`).expect(200);
    expect(sdg.body.groups.map((g: { key: string | null }) => g.key).sort()).toEqual(
      ['11', '13', null].sort(),
    );
    const muni = await director.get(`/api/v1/dashboard/by-municipality?theme=${THEME}`).expect(200);
    expect(muni.body.groups.find((g: { key: string }) => g.key === 'Zapopan').actions).toBe(1);
    const status = await director.get(`/api/v1/dashboard/by-status?theme=${THEME}`).expect(200);
    expect(
      status.body.groups.find((g: { key: string }) => g.key === 'closed').money.inKind
        .unconvertedCount,
    ).toBe(1);
    const year = await director.get(`/api/v1/dashboard/by-year?theme=${THEME}`).expect(200);
    const y2030 = year.body.groups.find(
      (g: { key: string; modality: string }) => g.key === '2030' && g.modality === 'technical',
    );
    expect(y2030.money.ceilings.total).toBe('16187025.00');
    expect(
      year.body.groups.find((g: { key: string | null }) => g.key === null).money.committed
        .unconvertedCount,
    ).toBe(1);
    const partner = await director.get(`/api/v1/dashboard/by-partner?theme=${THEME}`).expect(200);
    const gizGroup = partner.body.groups.find((g: { key: string }) => g.key === giz);
    expect(gizGroup).toMatchObject({ label: 'GIZ', actions: 1 });
    expect(gizGroup.money.ceilings.total).toBe('16187025.00');
    const types = await director
      .get(`/api/v1/dashboard/by-partner-type?theme=${THEME}`)
      .expect(200);
    expect(types.body.groups.map((g: { key: string }) => g.key).sort()).toEqual([
      'bilateral_agency',
      'city_network',
    ]);
  });

  it('ranks groups by money then actions, "not stated" last, cut at the limit with every group counted', async () => {
    const theme = `rank-${randomUUID().slice(0, 8)}`;
    const [p1, p2, p3, p4, p5] = await Promise.all(
      ['Uno', 'Dos', 'Tres', 'Cuatro', 'Cinco'].map((name) =>
        newOrganisation(t.db, { name: `${name} ${theme}` }),
      ),
    );
    const b1 = await newAction(t.db, { themes: [theme] });
    const b2 = await newAction(t.db, { themes: [theme] });
    await t.db.query(
      `INSERT INTO participations (action_id, organisation_id, role)
       VALUES ($1, $3, 'implementing'), ($2, $3, 'implementing'), ($1, $4, 'implementing')`,
      [b1.id, b2.id, p4, p5],
    );
    await newFunding(t.db, b1.id, 'disbursement', '100.00', 'MXN', '2030-02-01', p1);
    await newFunding(t.db, b1.id, 'disbursement', '300.00', 'MXN', '2030-02-01', p2);
    await newFunding(t.db, b2.id, 'expenditure', '0.50', 'MXN', '2030-02-01', p2);
    await newFunding(t.db, b2.id, 'commitment', '1000.00', 'MXN', '2030-02-01', p3);
    await newFunding(t.db, b2.id, 'disbursement', '5000.00', 'MXN', '2030-02-01', null);
    const all = await director.get(`/api/v1/dashboard/by-partner?theme=${theme}`).expect(200);
    expect(all.body.totalGroups).toBe(6);
    expect(all.body.groups.map((g: { key: string | null }) => g.key)).toEqual([
      p2,
      p1,
      p3,
      p4,
      p5,
      null,
    ]);
    const [dos, , , cuatro] = all.body.groups;
    expect(dos.money.executed).toMatchObject({ total: '300.50', records: 2 });
    expect(dos.money.executed.byCurrency).toEqual([
      { currency: 'MXN', amount: '300.50', converted: '300.50' },
    ]);
    expect(cuatro).toMatchObject({ actions: 2, label: `Cuatro ${theme}` });
    expect(cuatro.money.executed).toMatchObject({ total: '0.00', records: 0, byCurrency: [] });
    const top = await director
      .get(`/api/v1/dashboard/by-partner?theme=${theme}&limit=2`)
      .expect(200);
    expect(top.body.totalGroups).toBe(6);
    expect(top.body.groups.map((g: { key: string }) => g.key)).toEqual([p2, p1]);
    expect(top.body.groups[1]).toMatchObject({ label: `Uno ${theme}`, actions: 0 });
    const years = await director.get(`/api/v1/dashboard/by-year?theme=${THEME}`).expect(200);
    const keys = years.body.groups.map((g: { key: string | null }) => g.key);
    expect(keys[keys.length - 1]).toBeNull();
    const known = keys.filter((k: string | null) => k !== null).map(Number);
    expect(known).toEqual([...known].sort((a, b) => a - b));
  });

  it('lists upcoming and overdue milestones on the Mexico City calendar', async () => {
    const res = await director
      .get(`/api/v1/dashboard/milestones?theme=${THEME}&window=30`)
      .expect(200);
    expect(res.body).toMatchObject({ window: 30, upcomingCount: 1, overdueCount: 1 });
    expect(res.body.overdue[0]).toMatchObject({
      title: 'Taller vencido',
      daysFromToday: -3,
      actionCode: a1.code,
      actionTitle: 'Acción de prueba',
    });
    expect(res.body.upcoming[0]).toMatchObject({ title: 'Lanzamiento', daysFromToday: 10 });
    const wide = await director
      .get(`/api/v1/dashboard/milestones?theme=${THEME}&window=366`)
      .expect(200);
    expect(wide.body.upcomingCount).toBe(2);
  });

  it('shows partners only the money of their organisation’s actions', async () => {
    const partner = await signedIn(t, 'partner', { organisationId: c40 });
    const res = await partner.get(`/api/v1/dashboard/summary?theme=${THEME}`).expect(200);
    expect(res.body).toMatchObject({ actions: 1, partners: 1, overdueMilestones: 0 });
    expect(res.body.money.ceilings).toMatchObject({ total: '0.00', records: 0 });
    const left = await partner
      .get(`/api/v1/dashboard/unconverted?theme=${THEME}&figure=inKind`)
      .expect(200);
    expect(left.body.items[0].fundingId).toBe(unknownPrize);
    // Asking for another organisation's actions does not widen the scope.
    const other = await partner
      .get(`/api/v1/dashboard/by-partner?theme=${THEME}&partner=${giz}`)
      .expect(200);
    expect(other.body.groups).toEqual([]);
    const stranger = await signedIn(t, 'partner', { organisationId: await newOrganisation(t.db) });
    const none = await stranger.get(`/api/v1/dashboard/summary?theme=${THEME}`).expect(200);
    expect(none.body).toMatchObject({ actions: 0, partners: 0 });
  });

  it('requires sign-in and validates every query parameter', async () => {
    const anonymous = await t.http.get('/api/v1/dashboard/summary').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    // Other files write in parallel: count what this file owns (its theme, its rate window,
    // its director's audit rows).
    const owned = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM actions WHERE $1 = ANY(themes))::int AS actions,
                  (SELECT count(*) FROM funding f JOIN actions a ON a.id = f.action_id
                    WHERE $1 = ANY(a.themes))::int AS funding,
                  (SELECT count(*) FROM exchange_rates
                    WHERE rate_date BETWEEN '2030-01-01' AND '2039-12-31')::int AS rates,
                  (SELECT count(*) FROM audit_log WHERE actor_id = $2)::int AS audit`,
          [THEME, director.user.id],
        )
      )[0];
    const before = await owned();
    for (const url of [
      '/api/v1/dashboard/summary?currency=GBP',
      '/api/v1/dashboard/summary?kind=nope',
      '/api/v1/dashboard/summary?unknown=1',
      '/api/v1/dashboard/by-theme?sdg=18',
      '/api/v1/dashboard/by-year?yearFrom=abc',
      '/api/v1/dashboard/by-partner?partner=not-a-uuid',
      '/api/v1/dashboard/by-partner?limit=0',
      '/api/v1/dashboard/milestones?window=0',
      '/api/v1/dashboard/milestones?window=1000',
    ]) {
      const res = await director.get(url);
      expect([url, res.status, res.body.code]).toEqual([url, 400, 'VALIDATION_FAILED']);
    }
    expect(await owned()).toEqual(before);
  });

  it('answers staff and admins too', async () => {
    for (const role of ['staff', 'admin'] as const) {
      const agent = await signedIn(t, role);
      await agent.get(`/api/v1/dashboard/by-status?theme=${THEME}`).expect(200);
    }
  });
});
