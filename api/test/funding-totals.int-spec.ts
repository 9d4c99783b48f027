import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ACTION_STATUSES, MODALITIES } from '../src/actions/action.model';
import { formatMoney, MoneyDecimal } from '../src/common/money';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation } from './support/factories';

/**
 * The rollups kept by statement triggers (money per action, per provider, per year and modality,
 * each by key figure and currency) must always equal a fresh sum of the funding records, whatever
 * is written: random sequences of inserts, updates (amount, currency, type, value date, moving a
 * record to another action), deletes, exchange-rate changes, changes of an action's modality and
 * rolled-back transactions, and concurrent writers. GBP rates
 * in this file live in 2120–2122; other files use other windows.
 */
describe('funding totals follow every funding write (triggers, real PostgreSQL)', () => {
  let t: TestApp;
  const actionIds: string[] = [];
  const providerIds: string[] = [];
  const theme = `totals-${randomUUID()}`;

  /**
   * Rows where a rollup and a fresh sum of the records differ (none expected). `keys` maps the
   * rollup's key columns to the same key read from a funding record `f` of an action `a`.
   */
  const differencesIn = (
    table: string,
    keys: Record<string, string>,
    where: string,
    params: unknown[],
    tags?: { dim: string; column: string },
  ) => {
    const columns = Object.keys(keys);
    // A tag rollup: the record under each of its action's tags (none: the NULL tag).
    const joins = tags
      ? `CROSS JOIN LATERAL unnest(CASE WHEN cardinality(${tags.column}) = 0
           THEN ARRAY[NULL]::text[] ELSE ${tags.column}::text[] END) AS g(tag)`
      : '';
    const kept = tags ? `k.dim = '${tags.dim}'` : where.replace(/\bf\./g, 'k.');
    return t.db.query(
      `WITH fresh AS (
         SELECT ${Object.entries(keys)
           .map(([k, expr]) => `${expr} AS ${k}`)
           .join(', ')},
                coopera_funding_class(f.type) AS cls, f.currency, count(*)::int AS records,
                sum(f.amount) AS amount, coalesce(sum(f.amount_mxn), 0) AS mxn,
                coalesce(sum(f.amount_usd), 0) AS usd, coalesce(sum(f.amount_eur), 0) AS eur,
                count(f.amount_mxn)::int AS cmxn, count(f.amount_usd)::int AS cusd,
                count(f.amount_eur)::int AS ceur
           FROM funding f JOIN actions a ON a.id = f.action_id ${joins}
          WHERE ${where} GROUP BY ${columns.map((_, i) => i + 1).join(', ')}, cls, f.currency
       ),
       kept AS (SELECT * FROM ${table} k WHERE ${kept})
       SELECT ${columns.map((c) => `f.${c} AS fresh_${c}, k.${c} AS kept_${c}`).join(', ')},
              coalesce(f.cls, k.cls) AS cls,
              coalesce(f.currency, k.currency) AS currency, f.records AS fresh_records,
              k.records AS kept_records, f.amount::text AS fresh_amount, k.amount::text AS kept_amount,
              f.mxn::text AS fresh_mxn, k.amount_mxn::text AS kept_mxn
         FROM fresh f FULL JOIN kept k
           ON ${columns.map((c) => `k.${c} IS NOT DISTINCT FROM f.${c}`).join(' AND ')}
          AND k.cls = f.cls AND k.currency IS NOT DISTINCT FROM f.currency
        WHERE (f.records, f.amount, f.mxn, f.usd, f.eur, f.cmxn, f.cusd, f.ceur)
              IS DISTINCT FROM
              (k.records, k.amount, k.amount_mxn, k.amount_usd, k.amount_eur,
               k.converted_mxn, k.converted_usd, k.converted_eur)`,
      params,
    );
  };
  /** Money per theme, SDG, municipality and status over every record (against a fresh sum). */
  const tagDifferences = async (): Promise<unknown[]> => {
    const found: unknown[] = [];
    for (const [dim, column] of [
      ['theme', 'a.themes'],
      ['sdg', 'a.sdgs'],
      ['municipality', 'a.municipalities'],
      ['status', 'ARRAY[a.status]'],
    ])
      found.push(
        ...(await differencesIn('funding_tag_totals', { tag: 'g.tag' }, 'TRUE', [], {
          dim,
          column,
        })),
      );
    return found;
  };
  /** The rollups: this file's actions, every provider, every year and modality, every tag. */
  const differences = async (): Promise<unknown[]> => [
    ...(await differencesIn(
      'funding_totals',
      { action_id: 'f.action_id' },
      'f.action_id = ANY($1::uuid[])',
      [actionIds],
    )),
    ...(await differencesIn(
      'funding_provider_totals',
      { provider_id: 'f.provider_id' },
      'TRUE',
      [],
    )),
    ...(await differencesIn(
      'funding_year_totals',
      { year: `date_part('year', f.value_date)::int`, modality: 'a.modality' },
      'TRUE',
      [],
    )),
    ...(await tagDifferences()),
  ];
  const clearRates = () =>
    t.db.query(
      `DELETE FROM exchange_rates WHERE currency = 'GBP' AND rate_date BETWEEN '2120-01-01' AND '2122-12-31'`,
    );

  beforeAll(async () => {
    t = await bootTestApp();
    await clearRates();
    for (let i = 0; i < 3; i++) {
      const [a]: { id: string }[] = await t.db.query(
        `INSERT INTO actions (code, kind, title_es, institute_role, themes)
         VALUES ($1, 'cooperation_project', 'Totales', 'recipient', $2) RETURNING id`,
        [`TOT-${randomUUID()}`, [theme]],
      );
      actionIds.push(a.id);
    }
    for (let i = 0; i < 2; i++) providerIds.push(await newOrganisation(t.db));
  });
  afterAll(async () => {
    await t.db.query(`DELETE FROM funding WHERE action_id = ANY($1::uuid[])`, [actionIds]);
    await t.db.query(`DELETE FROM organisations WHERE id = ANY($1::uuid[])`, [providerIds]);
    await clearRates();
    await t.close();
  });

  const CURRENCIES = ['MXN', 'USD', 'EUR', 'GBP', null] as const;
  const TYPES = ['ceiling', 'commitment', 'disbursement', 'expenditure', 'in_kind', 'prize'];
  const amount = fc
    .tuple(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 99 }))
    .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`);
  const day = fc
    .integer({ min: 0, max: 3 * 365 })
    .map((d) => new Date(Date.UTC(2120, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const record = fc.record({
    action: fc.nat({ max: 2 }),
    provider: fc.option(fc.nat({ max: 1 })),
    type: fc.constantFrom(...TYPES),
    amount,
    currency: fc.constantFrom(...CURRENCIES),
    date: fc.option(day, { freq: 6 }),
  });
  const op = fc.oneof(
    fc.record({
      kind: fc.constant('insert' as const),
      records: fc.array(record, { maxLength: 6 }),
    }),
    fc.record({
      kind: fc.constant('update' as const),
      pick: fc.nat(),
      change: fc.record(
        {
          action: fc.nat({ max: 2 }),
          provider: fc.option(fc.nat({ max: 1 })),
          type: fc.constantFrom(...TYPES),
          amount,
          currency: fc.constantFrom(...CURRENCIES),
          date: fc.option(day),
          description: fc.string({ maxLength: 10 }),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
    fc.record({
      kind: fc.constant('rate' as const),
      date: day,
      rate: fc.integer({ min: 1, max: 40_000_000 }).map((n) => (n / 1_000_000).toFixed(6)),
    }),
    fc.record({ kind: fc.constant('dropRates' as const) }),
    fc.record({
      kind: fc.constant('modality' as const),
      action: fc.nat({ max: 2 }),
      modality: fc.option(fc.constantFrom(...MODALITIES)),
    }),
    fc.record({
      kind: fc.constant('tags' as const),
      action: fc.nat({ max: 2 }),
      themes: fc.array(fc.constantFrom(theme, `${theme}-b`), { maxLength: 2 }),
      sdgs: fc.uniqueArray(fc.integer({ min: 1, max: 17 }), { maxLength: 2 }),
      municipalities: fc.array(fc.constantFrom('Zapopan', 'Tonalá'), { maxLength: 2 }),
      status: fc.option(fc.constantFrom(...ACTION_STATUSES)),
    }),
    fc.record({
      kind: fc.constant('rolledBack' as const),
      records: fc.array(record, { minLength: 1, maxLength: 3 }),
    }),
  );

  type Rec = {
    action: number;
    provider?: number | null;
    type: string;
    amount: string;
    currency: string | null;
    date: string | null;
  };
  const insert = (runner: { query: TestApp['db']['query'] }, records: Rec[]) =>
    runner.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::char(3)[], $5::date[], $6::uuid[])`,
      [
        records.map((r) => actionIds[r.action]),
        records.map((r) => r.type),
        records.map((r) => r.amount),
        records.map((r) => r.currency),
        records.map((r) => r.date),
        records.map((r) =>
          r.provider === undefined || r.provider === null ? null : providerIds[r.provider],
        ),
      ],
    );

  type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

  /** Applies one random operation to the funding records, rates or actions. */
  async function applyOp(o: Op) {
    const ids: { id: string }[] = await t.db.query(
      `SELECT id FROM funding WHERE action_id = ANY($1::uuid[]) ORDER BY id`,
      [actionIds],
    );
    if (o.kind === 'insert' && o.records.length) await insert(t.db, o.records);
    if (o.kind === 'update' && ids.length) {
      const c = o.change;
      await t.db.query(
        `UPDATE funding SET action_id = coalesce($2, action_id), type = coalesce($3, type),
                amount = coalesce($4, amount),
                currency = CASE WHEN $5::boolean THEN $6 ELSE currency END,
                value_date = CASE WHEN $7::boolean THEN $8::date ELSE value_date END,
                description = coalesce($9, description),
                provider_id = CASE WHEN $10::boolean THEN $11::uuid ELSE provider_id END
          WHERE id = $1`,
        [
          ids[o.pick % ids.length].id,
          c.action === undefined ? null : actionIds[c.action],
          c.type ?? null,
          c.amount ?? null,
          'currency' in c,
          c.currency ?? null,
          'date' in c,
          c.date ?? null,
          c.description ?? null,
          'provider' in c,
          c.provider === undefined || c.provider === null ? null : providerIds[c.provider],
        ],
      );
    }
    if (o.kind === 'delete' && ids.length)
      await t.db.query(`DELETE FROM funding WHERE id = $1`, [ids[o.pick % ids.length].id]);
    if (o.kind === 'rate')
      await t.db.query(
        `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES ($1, 'GBP', $2, 'totals test')
         ON CONFLICT (rate_date, currency) DO UPDATE SET rate_to_mxn = EXCLUDED.rate_to_mxn`,
        [o.date, o.rate],
      );
    if (o.kind === 'dropRates') await clearRates();
    if (o.kind === 'modality')
      await t.db.query(`UPDATE actions SET modality = $2 WHERE id = $1`, [
        actionIds[o.action],
        o.modality,
      ]);
    if (o.kind === 'tags')
      await t.db.query(
        `UPDATE actions SET themes = $2, sdgs = $3, municipalities = $4, status = $5
          WHERE id = $1`,
        [actionIds[o.action], o.themes, o.sdgs, o.municipalities, o.status],
      );
    if (o.kind === 'rolledBack') {
      await expect(
        t.db.transaction(async (m) => {
          await insert(m, o.records);
          await m.query(`UPDATE funding SET amount = amount + 1 WHERE action_id = $1`, [
            actionIds[0],
          ]);
          await m.query(
            `UPDATE actions SET modality = CASE WHEN modality = 'prize' THEN 'technical' ELSE 'prize' END
              WHERE id = $1`,
            [actionIds[1]],
          );
          await m.query(`UPDATE actions SET sdgs = '{5}' WHERE id = $1`, [actionIds[2]]);
          throw new Error('rolled back on purpose');
        }),
      ).rejects.toThrow('rolled back on purpose');
    }
  }

  it('equal a fresh sum after random sequences of writes, rate changes and rollbacks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        for (const o of ops) await applyOp(o);
        expect(await differences()).toEqual([]);
      }),
      { numRuns: 40 },
    );
    // The actions keep their theme for the next test (its summary filters by it).
    await t.db.query(`UPDATE actions SET themes = $2 WHERE id = ANY($1::uuid[])`, [
      actionIds,
      [theme],
    ]);
    // Deleting every record leaves no totals behind.
    await t.db.query(`DELETE FROM funding WHERE action_id = ANY($1::uuid[])`, [actionIds]);
    expect(
      await t.db.query(`SELECT * FROM funding_totals WHERE action_id = ANY($1::uuid[])`, [
        actionIds,
      ]),
    ).toEqual([]);
  });

  it('stay exact under concurrent writers on the same action, and the dashboard reads them', async () => {
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let i = 0; i < 10; i++) {
          await insert(t.db, [
            {
              action: 0,
              type: 'disbursement',
              amount: '10.01',
              currency: 'MXN',
              date: '2120-06-01',
            },
            { action: w % 3, type: 'commitment', amount: '0.99', currency: 'MXN', date: null },
          ]);
          if (i % 3 === 0)
            await t.db.query(
              `DELETE FROM funding WHERE id = (SELECT id FROM funding WHERE action_id = $1 AND type = 'commitment'
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)`,
              [actionIds[w % 3]],
            );
        }
      })(),
    );
    // Meanwhile the action's modality and SDGs change, each change held open a moment while
    // writers insert records for it: each record must end up under the modality and SDGs the
    // action ends with.
    const modalities = ['financial', 'technical'] as const;
    const flipper = (async () => {
      for (let i = 0; i < 12; i++) {
        await t.db.transaction(async (m) => {
          await m.query(`UPDATE actions SET modality = $2, sdgs = $3 WHERE id = $1`, [
            actionIds[0],
            modalities[i % 2],
            [(i % 2) + 1],
          ]);
          await m.query(`SELECT pg_sleep(0.01)`);
        });
      }
    })();
    await Promise.all([...writers, flipper]);
    expect(await differences()).toEqual([]);
    const byYear: { modality: string; amount: string; records: number }[] = await t.db.query(
      `SELECT modality, amount::text, records FROM funding_year_totals
        WHERE year = 2120 AND cls = 'executed' AND currency = 'MXN'`,
    );
    // Every 2120 disbursement is action 0's, now 'technical' (the last of 12 changes).
    expect(byYear).toEqual([{ modality: 'technical', amount: '800.80', records: 80 }]);
    const director = await signedIn(t, 'director');
    const res = await director.get(`/api/v1/dashboard/summary?theme=${theme}`).expect(200);
    // 8 writers × 10 disbursements of 10.01 MXN; 80 commitments of 0.99 less the deleted ones.
    expect(res.body.money.executed).toMatchObject({
      total: '800.80',
      records: 80,
      unconvertedCount: 0,
    });
    const [{ n }]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM funding WHERE action_id = ANY($1::uuid[]) AND type = 'commitment'`,
      [actionIds],
    );
    expect(res.body.money.committed).toMatchObject({
      total: formatMoney(new MoneyDecimal('0.99').times(n)),
      records: n,
    });
    expect(n).toBeLessThan(80);
  });
});
