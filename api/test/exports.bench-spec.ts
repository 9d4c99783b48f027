import { get } from 'node:http';
import request from 'supertest';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { bootTestApp, insertUser, TEST_PASSWORD, TestApp } from './support/test-app';

const N = 10_000;

interface Measure {
  status: number;
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  lines: number;
  peakRssDeltaMb: number;
  peakHeapDeltaMb: number;
}

/** GETs `path`, discarding the body as it arrives, and samples this process's memory meanwhile. */
function measure(base: string, path: string, cookie: string): Promise<Measure> {
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 5);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    get(`${base}${path}`, { headers: { cookie } }, (res) => {
      let ttfb = 0;
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        if (!ttfb) ttfb = performance.now() - started;
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      });
      res.on('end', () => {
        clearInterval(sampler);
        resolve({
          status: res.statusCode ?? 0,
          ttfbMs: Math.round(ttfb),
          totalMs: Math.round(performance.now() - started),
          bytes,
          lines,
          peakRssDeltaMb: mb(peakRss - before.rss),
          peakHeapDeltaMb: mb(peakHeap - before.heapUsed),
        });
      });
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe(`exports of ${N.toLocaleString('en')} actions (database of its own)`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let base: string;
  let cookie: string;
  beforeAll(async () => {
    db = await createTestDatabase('coopera_test_exports_bench');
    t = await bootTestApp({ databaseUrl: db.url });
    const started = Date.now();
    await t.db.query(
      `INSERT INTO actions (code, kind, title_es, summary_es, institute_role, status, themes, sdgs, actual_start, planned_end)
       SELECT 'BENCH-' || lpad(g::text, 5, '0'),
              (ARRAY['cooperation_project','city_to_city','network_membership','award'])[1 + g % 4],
              'Acción de prueba número ' || g || ', con "comillas" y acentos: movilidad eléctrica',
              CASE WHEN g % 10 = 0 THEN '=HYPERLINK("http://x")' ELSE 'Resumen de la acción ' || g END,
              'recipient',
              (ARRAY['pipeline','implementation','finalisation','closed'])[1 + g % 4],
              ARRAY['movilidad','cambio-climatico'], ARRAY[11,13]::smallint[],
              date '2015-01-01' + (g % 2000), date '2025-01-01' + (g % 2000)
         FROM generate_series(1, ${N}) g`,
    );
    await t.db.query(
      `INSERT INTO funding (action_id, type, amount, currency, value_date)
       SELECT a.id, t.type, (random() * 1000000)::numeric(18,2), 'MXN', a.actual_start
         FROM actions a CROSS JOIN (VALUES ('commitment'), ('disbursement')) t(type)`,
    );
    console.log(`Bulk insert of ${N} actions + ${2 * N} money records: ${Date.now() - started} ms`);
    const { email } = await insertUser(t.db, 'director');
    const res = await request(t.app.getHttpServer())
      .post('/api/v1/auth/sign-in')
      .send({ email, password: TEST_PASSWORD })
      .expect(200);
    cookie = (res.headers['set-cookie'] as unknown as string[])
      .map((c) => c.split(';')[0])
      .join('; ');
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.drop();
  });

  it('streams actions.csv with the first bytes within a second and flat memory', async () => {
    await measure(base, '/api/v1/exports/actions.csv?kind=award', cookie); // warm-up
    const csv = await measure(base, '/api/v1/exports/actions.csv', cookie);
    console.log(`actions.csv (${N} actions): ${JSON.stringify(csv)}`);
    expect(csv.status).toBe(200);
    expect(csv.ttfbMs).toBeLessThan(1000);
    // Header + one line per action (no field holds a newline here).
    expect(csv.lines).toBe(N + 1);
    expect(csv.peakRssDeltaMb).toBeLessThan(150);

    const funding = await measure(base, '/api/v1/exports/funding.csv', cookie);
    console.log(`funding.csv (${2 * N} rows): ${JSON.stringify(funding)}`);
    expect(funding.lines).toBe(2 * N + 1);
  }, 120_000);

  it('streams the workbook and the IATI file of the whole portfolio', async () => {
    const xlsx = await measure(base, '/api/v1/exports/portfolio.xlsx', cookie);
    console.log(`portfolio.xlsx (${N} actions, ${2 * N} money rows): ${JSON.stringify(xlsx)}`);
    expect(xlsx.status).toBe(200);
    const iati = await measure(base, '/api/v1/exports/iati.xml', cookie);
    console.log(`iati.xml (${N} activities): ${JSON.stringify(iati)}`);
    expect(iati.status).toBe(200);
    expect(iati.ttfbMs).toBeLessThan(1000);
  }, 180_000);
});
