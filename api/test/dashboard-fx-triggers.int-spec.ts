import { randomUUID } from 'node:crypto';
import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, SignedInAgent } from './support/factories';

/**
 * The stored conversions (funding.amount_mxn/usd/eur) follow the exchange rates: PostgreSQL
 * recomputes them when a rate is inserted, changed or deleted, and a rolled-back change leaves
 * them as they were. Rates in this file live in 2100–2109 (JPY, USD); other files use other
 * windows.
 */
describe('dashboard totals follow exchange-rate changes (triggers, real PostgreSQL)', () => {
  let t: TestApp;
  let director: SignedInAgent;
  let admin: SignedInAgent;
  const theme = `fx-${randomUUID()}`;

  const executed = async (currency: string) => {
    const res = await director
      .get(`/api/v1/dashboard/summary?theme=${theme}&currency=${currency}`)
      .expect(200);
    return {
      total: res.body.money.executed.total as string,
      unconverted: res.body.money.executed.unconvertedCount as number,
    };
  };
  const setRate = (currency: string, date: string, rate: string) =>
    t.db.query(
      `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source) VALUES ($1, $2, $3, 'fx test')
       ON CONFLICT (rate_date, currency) DO UPDATE SET rate_to_mxn = EXCLUDED.rate_to_mxn`,
      [date, currency, rate],
    );

  beforeAll(async () => {
    t = await bootTestApp();
    director = await signedIn(t, 'director');
    admin = await signedIn(t, 'admin');
    await t.db.query(
      `DELETE FROM exchange_rates WHERE rate_date BETWEEN '2100-01-01' AND '2109-12-31'`,
    );
    const [action]: { id: string }[] = await t.db.query(
      `INSERT INTO actions (code, kind, title_es, institute_role, themes)
       VALUES ($1, 'cooperation_project', 'Tipos de cambio', 'recipient', $2) RETURNING id`,
      [`FX-${randomUUID()}`, [theme]],
    );
    // Funding first, rates later: the conversions appear when the rates do.
    for (const [amount, currency] of [
      ['1000.00', 'JPY'],
      ['500.00', 'USD'],
      ['200.00', 'MXN'],
    ]) {
      await t.db.query(
        `INSERT INTO funding (action_id, type, amount, currency, value_date) VALUES ($1, 'disbursement', $2, $3, '2100-03-10')`,
        [action.id, amount, currency],
      );
    }
  });
  afterAll(async () => {
    await t.db.query(
      `DELETE FROM exchange_rates WHERE rate_date BETWEEN '2100-01-01' AND '2109-12-31'`,
    );
    await t.close();
  });

  it('recomputes on insert, update and delete of a rate, and not for later or rolled-back ones', async () => {
    // Whatever rates other files keep before 2100 apply until this file's own arrive.
    await setRate('USD', '2100-03-01', '20.000000');
    await setRate('JPY', '2100-03-01', '0.120000');
    expect(await executed('MXN')).toEqual({ total: '10320.00', unconverted: 0 }); // 120 + 10000 + 200
    expect(await executed('USD')).toEqual({ total: '516.00', unconverted: 0 }); // 6 + 500 + 10

    // Update through the API (optimistic concurrency, audit): the totals follow.
    const [jpy]: { id: string; version: number }[] = await t.db.query(
      `SELECT id, version FROM exchange_rates WHERE currency = 'JPY' AND rate_date = '2100-03-01'`,
    );
    await admin
      .patch(`/api/v1/exchange-rates/${jpy.id}`)
      .send({ rateToMxn: '0.130000', version: jpy.version })
      .expect(200);
    expect(await executed('MXN')).toEqual({ total: '10330.00', unconverted: 0 });
    expect(await executed('USD')).toEqual({ total: '516.50', unconverted: 0 });

    // A newer rate on or before the value date replaces it; one after the value date does not.
    await setRate('JPY', '2100-03-05', '0.140000');
    await setRate('JPY', '2100-03-11', '9.000000');
    expect(await executed('MXN')).toEqual({ total: '10340.00', unconverted: 0 });
    await t.db.query(
      `DELETE FROM exchange_rates WHERE currency = 'JPY' AND rate_date = '2100-03-05'`,
    );
    expect(await executed('MXN')).toEqual({ total: '10330.00', unconverted: 0 });
    const [row]: { rateDate: string; usdRateDate: string }[] = await t.db.query(
      `SELECT to_char(f.rate_date, 'YYYY-MM-DD') AS "rateDate", to_char(f.usd_rate_date, 'YYYY-MM-DD') AS "usdRateDate"
         FROM funding f JOIN actions a ON a.id = f.action_id WHERE $1 = ANY(a.themes) AND f.currency = 'JPY'`,
      [theme],
    );
    expect(row).toEqual({ rateDate: '2100-03-01', usdRateDate: '2100-03-01' });

    // A change rolled back leaves every stored conversion, hence every total, as it was.
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(
        `UPDATE exchange_rates SET rate_to_mxn = 25 WHERE currency = 'USD' AND rate_date = '2100-03-01'`,
      );
      const inside: { usd: string }[] = await runner.query(
        `SELECT round(sum(f.amount_usd), 2)::text AS usd FROM funding f JOIN actions a ON a.id = f.action_id
          WHERE $1 = ANY(a.themes)`,
        [theme],
      );
      expect(inside[0].usd).toBe('513.20'); // 1000 × 0.13 / 25 + 500 + 200 / 25
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await executed('USD')).toEqual({ total: '516.50', unconverted: 0 });
    expect(await executed('MXN')).toEqual({ total: '10330.00', unconverted: 0 });
  });

  it('an import recomputes the records of the imported dates', async () => {
    await admin
      .post('/api/v1/exchange-rates/import?currency=JPY')
      .set('Content-Type', 'text/csv')
      .send(['"Fecha","SF46406"', '"09/03/2100","0.150000"'].join('\n'))
      .expect(200);
    expect(await executed('MXN')).toEqual({ total: '10350.00', unconverted: 0 });
  });
});
