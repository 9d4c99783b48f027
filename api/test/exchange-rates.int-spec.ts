import { bootTestApp, TestApp } from './support/test-app';
import { signedIn, newOrganisation, SignedInAgent } from './support/factories';

/** Rates in this file live in the 1990s (other files use later windows). */
describe('exchange rates (real PostgreSQL over HTTP)', () => {
  let t: TestApp;
  let admin: SignedInAgent;
  beforeAll(async () => {
    t = await bootTestApp();
    admin = await signedIn(t, 'admin');
  });
  afterAll(() => t.close());

  /** Rates of this file's window (other files write other windows in parallel). */
  const ownRates = async () => {
    const rows: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM exchange_rates WHERE rate_date < '2000-01-01'`,
    );
    return rows[0].n;
  };

  const rateId = async (currency: string, date: string) => {
    const rows: { id: string }[] = await t.db.query(
      `SELECT id FROM exchange_rates WHERE currency = $1 AND rate_date = $2`,
      [currency, date],
    );
    return rows[0]?.id;
  };

  it('creates, lists, updates with optimistic concurrency and deletes a rate', async () => {
    const created = await admin
      .post('/api/v1/exchange-rates')
      .send({ rateDate: '1991-01-02', currency: 'usd', rateToMxn: '2.945', source: 'manual' })
      .expect(201);
    expect(created.body).toMatchObject({
      rateDate: '1991-01-02',
      currency: 'USD',
      rateToMxn: '2.945000',
      source: 'manual',
      version: 1,
    });

    const dup = await admin
      .post('/api/v1/exchange-rates')
      .send({ rateDate: '1991-01-02', currency: 'USD', rateToMxn: '3' })
      .expect(409);
    expect(dup.body.code).toBe('CONFLICT');

    const list = await admin
      .get('/api/v1/exchange-rates?currency=USD&from=1991-01-01&to=1991-12-31&pageSize=10')
      .expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    expect(list.body.items[0].id).toBe(created.body.id);

    const updated = await admin
      .patch(`/api/v1/exchange-rates/${created.body.id}`)
      .send({ version: 1, rateToMxn: '2.950000' })
      .expect(200);
    expect(updated.body).toMatchObject({ rateToMxn: '2.950000', version: 2 });

    const stale = await admin
      .patch(`/api/v1/exchange-rates/${created.body.id}`)
      .send({ version: 1, rateToMxn: '9' })
      .expect(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.details.current).toMatchObject({ rateToMxn: '2.950000', version: 2 });

    await admin.delete(`/api/v1/exchange-rates/${created.body.id}?version=1`).expect(409);
    await admin.delete(`/api/v1/exchange-rates/${created.body.id}?version=2`).expect(204);
    await admin.get(`/api/v1/exchange-rates/${created.body.id}`).expect(404);
    const audit: { operation: string }[] = await t.db.query(
      `SELECT operation FROM audit_log WHERE entity = 'exchange_rate' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a) => a.operation)).toEqual(['create', 'update', 'delete']);
  });

  it('rejects invalid rates with 400 and writes nothing', async () => {
    const before = await ownRates();
    for (const body of [
      { rateDate: '1991-02-30', currency: 'USD', rateToMxn: '3' },
      { rateDate: '1991-02-03', currency: 'USD', rateToMxn: '0' },
      { rateDate: '1991-02-03', currency: 'USD', rateToMxn: '-1' },
      { rateDate: '1991-02-03', currency: 'USD', rateToMxn: 3 },
      { rateDate: '1991-02-03', currency: 'US', rateToMxn: '3' },
      { rateDate: '1991-02-03', currency: 'MXN', rateToMxn: '1' },
      { rateDate: '1991-02-03', currency: 'USD', rateToMxn: '3', extra: 1 },
    ]) {
      const res = await admin.post('/api/v1/exchange-rates').send(body).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await ownRates()).toBe(before);
  });

  it('keeps writes for admins: staff may read, partners and signed-out users may not', async () => {
    const staff = await signedIn(t, 'staff');
    await staff.get('/api/v1/exchange-rates').expect(200);
    const denied = await staff
      .post('/api/v1/exchange-rates')
      .send({ rateDate: '1991-03-01', currency: 'USD', rateToMxn: '3' })
      .expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const partner = await signedIn(t, 'partner', { organisationId: await newOrganisation(t.db) });
    await partner.get('/api/v1/exchange-rates').expect(403);
    const anonymous = await t.http.get('/api/v1/exchange-rates').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    await t.http
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send('1992-01-01,3')
      .expect(401);
  });

  const BANXICO = [
    '"Banco de México"',
    '"Tipo de cambio pesos por dólar E.U.A."',
    '"Fecha","SF43718"',
    '"02/01/1992","3.0710"',
    '"03/01/1992","3.0725"',
    '"04/01/1992","N/E"',
    '1992-01-06,3.0801',
    '',
  ].join('\r\n');

  it('dry-runs a Banxico CSV: reports creations, changes and skipped lines without writing', async () => {
    const before = await ownRates();
    const res = await admin
      .post('/api/v1/exchange-rates/import?currency=USD&dryRun=true')
      .set('Content-Type', 'text/csv')
      .send(BANXICO)
      .expect(200);
    expect(res.body).toMatchObject({
      currency: 'USD',
      dryRun: true,
      applied: false,
      created: 3,
      changed: 0,
      unchanged: 0,
      skipped: 1,
      errors: [],
    });
    expect(res.body.changes.map((c: { rateDate: string }) => c.rateDate)).toEqual([
      '1992-01-02',
      '1992-01-03',
      '1992-01-06',
    ]);
    expect(res.body.changes[0]).toMatchObject({ line: 4, rateToMxn: '3.071000', previous: null });
    expect(await ownRates()).toBe(before);
  });

  it('imports all-or-nothing and idempotently', async () => {
    const before = await ownRates();
    const first = await admin
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send(BANXICO)
      .expect(200);
    expect(first.body).toMatchObject({ applied: true, created: 3, changed: 0 });
    expect(await ownRates()).toBe(before + 3);

    const again = await admin
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send(BANXICO)
      .expect(200);
    expect(again.body).toMatchObject({ applied: true, created: 0, changed: 0, unchanged: 3 });
    expect(await ownRates()).toBe(before + 3);

    // One changed value, one new date, one bad line: nothing is written.
    const bad = '02/01/1992,3.0799\n07/01/1992,3.09\n08/01/1992,abc\n31/02/1992,3.1\n';
    const dry = await admin
      .post('/api/v1/exchange-rates/import?currency=USD&dryRun=true')
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(200);
    expect(dry.body).toMatchObject({ created: 1, changed: 1 });
    expect(dry.body.changes[0]).toMatchObject({
      rateDate: '1992-01-02',
      rateToMxn: '3.079900',
      previous: '3.071000',
    });
    expect(dry.body.errors).toEqual([
      expect.objectContaining({ line: 3, code: 'invalid_rate' }),
      expect.objectContaining({ line: 4, code: 'invalid_date' }),
    ]);
    const refused = await admin
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(400);
    expect(refused.body.code).toBe('IMPORT_INVALID');
    expect(refused.body.details.errors).toHaveLength(2);
    expect(await ownRates()).toBe(before + 3);
    const kept: { r: string }[] = await t.db.query(
      `SELECT rate_to_mxn::text AS r FROM exchange_rates WHERE currency = 'USD' AND rate_date = '1992-01-02'`,
    );
    expect(kept[0].r).toBe('3.071000');

    // The corrected file applies the change and the new date in one go.
    const fixed = await admin
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send('02/01/1992,3.0799\n07/01/1992,3.09\n')
      .expect(200);
    expect(fixed.body).toMatchObject({ created: 1, changed: 1 });
    const id = await rateId('USD', '1992-01-02');
    const row = await admin.get(`/api/v1/exchange-rates/${id}`).expect(200);
    expect(row.body).toMatchObject({ rateToMxn: '3.079900', version: 2 });
  });

  it('refuses a duplicate date with another rate and an empty file', async () => {
    const dup = await admin
      .post('/api/v1/exchange-rates/import?currency=EUR&dryRun=true')
      .set('Content-Type', 'text/csv')
      .send('1993-01-04,4\n1993-01-04,4.1\n')
      .expect(200);
    expect(dup.body.errors).toEqual([expect.objectContaining({ line: 2, code: 'duplicate_date' })]);
    const empty = await admin
      .post('/api/v1/exchange-rates/import?currency=EUR')
      .set('Content-Type', 'text/csv')
      .send('Fecha,Valor\n')
      .expect(400);
    expect(empty.body.code).toBe('IMPORT_INVALID');
    await admin
      .post('/api/v1/exchange-rates/import?currency=MXN')
      .set('Content-Type', 'text/csv')
      .send('1993-01-04,1\n')
      .expect(400);
    await admin
      .post('/api/v1/exchange-rates/import?currency=USD&other=1')
      .set('Content-Type', 'text/csv')
      .send('1993-01-04,1\n')
      .expect(400);
  });

  it('converts with the rate of the date or the latest earlier one, through MXN, and says which', async () => {
    await admin
      .post('/api/v1/exchange-rates/import?currency=EUR')
      .set('Content-Type', 'text/csv')
      .send('1994-03-01,3.5\n1994-03-10,3.6\n')
      .expect(200);
    await admin
      .post('/api/v1/exchange-rates/import?currency=USD')
      .set('Content-Type', 'text/csv')
      .send('1994-03-01,3.1\n')
      .expect(200);
    const res = await admin
      .get('/api/v1/exchange-rates/convert?amount=1000.00&from=EUR&to=USD&date=1994-03-09')
      .expect(200);
    // 1000 × 3.5 ÷ 3.1 = 1129.0322…
    expect(res.body).toMatchObject({ converted: '1129.03' });
    expect(res.body.rates).toEqual([
      { currency: 'EUR', rateDate: '1994-03-01', rateToMxn: '3.500000' },
      { currency: 'USD', rateDate: '1994-03-01', rateToMxn: '3.100000' },
    ]);
    const mxn = await admin
      .get('/api/v1/exchange-rates/convert?amount=10&from=MXN&to=MXN&date=1994-03-09')
      .expect(200);
    expect(mxn.body.converted).toBe('10.00');
    const none = await admin
      .get('/api/v1/exchange-rates/convert?amount=10&from=CHF&to=MXN&date=1994-03-09')
      .expect(422);
    expect(none.body.code).toBe('EXCHANGE_RATE_NOT_FOUND');
  });
});
