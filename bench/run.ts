/**
 * Coopera API benchmark: a generated portfolio (fixed seed) of 10,000 actions, 2,000
 * organisations, 200,000 money records and 100,000 milestones, loaded with bulk unnest inserts
 * into a database of its own (on DATABASE_URL's server, else an embedded PostgreSQL in a
 * temporary folder). It boots the real API, signs in a director, measures each endpoint with
 * autocannon and runs the same SQL directly through pg as the floor.
 *
 *   npx ts-node --transpile-only -P api/tsconfig.app.json bench/run.ts
 *   BENCH_DURATION=5 BENCH_CONNECTIONS=10 BENCH_SQL_RUNS=50 (defaults)
 *   BENCH_ONLY=<part of an endpoint name>  BENCH_EXPLAIN=1 (plans instead of timings)
 *   BENCH_KEEP=1 (with DATABASE_URL): keep the generated database (its URL is printed)
 *   DB_PARALLEL_WORKERS=<n>: as for the app (default 0), for the API and the SQL floor alike
 *
 * Each endpoint is measured four ways, in one run:
 *  - unchanged data: latency at one connection and throughput at BENCH_CONNECTIONS (answers reused);
 *  - right after a write: each read follows a committed write to a table every answer reads
 *    (an action edited), one connection —
 *    the uncached path, compared with the SQL floor (the same statements replayed through pg);
 *  - writes between reads: BENCH_CONNECTIONS readers while a writer commits BENCH_WRITES_PER_S
 *    writes a second, each a milestone logged (cache invalidation under load: answers that do
 *    not read milestones keep theirs).
 * Then the data version modes (DATA_VERSION_MODE read | listen) side by side on the summary.
 *   BENCH_MODES=0 skips that part; DATA_VERSION_MODE picks the mode of the main table.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../api/src/app.factory';
import { hashPassword } from '../api/src/auth/password';
import { AppConfig, loadConfig } from '../api/src/config/app-config';
import { generate, N } from './bench-data';
import { benchDatabase } from './bench-db';
import {
  AFTER_WRITE_RUNS,
  CONNECTIONS,
  DURATION,
  measureAfterWrite,
  measureHttp,
  measureSql,
  measureWritesBetween,
  SQL_RUNS,
  startRecording,
  timedGet,
  WRITES_PER_S,
} from './bench-measure';

export { generate } from './bench-data';
export { benchDatabase } from './bench-db';

/** The data version read of the answer cache: not part of an endpoint's own SQL. */
const VERSION_READ = /^SELECT \(SELECT coalesce\(json_object_agg/;

type App = Awaited<ReturnType<typeof createApp>>;
type Row = Record<string, string | number>;
interface Endpoint {
  name: string;
  path: string;
  kind: 'simple' | 'dashboard';
}

/** Autocannon stops with requests still queued: give the server time to finish them. */
class Drain {
  lastP99 = 0;
  note(result: { p99?: number }) {
    this.lastP99 = result.p99 ?? 20_000;
  }
  wait() {
    return new Promise((resolve) =>
      setTimeout(resolve, Math.min(20_000, Math.max(1_000, 3 * this.lastP99))),
    );
  }
}

/** What every measurement needs: the API, a director's cookie, the writes, the SQL pool. */
interface Bench {
  config: AppConfig;
  dbUrl: string;
  pool: Pool;
  base: string;
  headers: Record<string, string>;
  /** A committed change every answer reads (an action edited): the next read is computed afresh. */
  writeAll: () => Promise<unknown>;
  /**
   * The everyday write: a milestone logged on an action. With versions per table it renews
   * only the answers that read milestones (summary, milestones, list, detail).
   */
  write: () => Promise<unknown>;
  drain: Drain;
}

function benchConfig(): AppConfig {
  return {
    ...loadConfig({
      NODE_ENV: 'production',
      DB_PARALLEL_WORKERS: process.env['DB_PARALLEL_WORKERS'],
      DATA_VERSION_MODE: process.env['DATA_VERSION_MODE'],
      ANSWER_CACHE_BYTES: process.env['ANSWER_CACHE_BYTES'],
    }),
    webDist: '/nonexistent',
    logLevel: 'error' as const,
    logPretty: false,
  };
}

/** Generates the portfolio and prints what was loaded and how long it took. */
async function loadPortfolio(pool: Pool) {
  const t0 = Date.now();
  const loaded = await generate(pool);
  const loadMs = Date.now() - t0;
  console.log(
    `Loaded ${N.actions} actions, ${N.organisations} organisations, ${loaded.participations} participations, ` +
      `${N.funding} funding, ${N.milestones} milestones, ${loaded.rates} rates in ${(loadMs / 1000).toFixed(1)} s` +
      (loadMs > 60_000 ? '  (OVER the 60 s target)' : ''),
  );
  return loaded.actionIds;
}

/** The API listening on a free port, and a signed-in director's cookie. */
async function startApp(config: AppConfig, dbUrl: string) {
  const app = await createApp(config, dbUrl);
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const email = 'director@bench.coopera';
  await app
    .get(DataSource)
    .query(
      `INSERT INTO users (email, name, password_hash, role) VALUES ($1, 'Bench director', $2, 'director')`,
      [email, await hashPassword('Bench-Password-2024')],
    );
  const signIn = await request(base)
    .post('/api/v1/auth/sign-in')
    .send({ email, password: 'Bench-Password-2024' });
  if (signIn.status !== 200)
    throw new Error(`sign-in failed: ${signIn.status} ${JSON.stringify(signIn.body)}`);
  const cookie = (signIn.headers['set-cookie'] as unknown as string[])
    .map((c) => c.split(';')[0])
    .join('; ');
  return { app, base, headers: { cookie } };
}

function endpointsOf(actionIds: string[]): Endpoint[] {
  const dashboard = (name: string, path: string): Endpoint => ({
    name: `dashboard ${name}`,
    path: `/api/v1/dashboard/${path}`,
    kind: 'dashboard',
  });
  return [
    {
      name: 'actions list (kind + q)',
      path: '/api/v1/actions?pageSize=25&kind=cooperation_project&q=agua',
      kind: 'simple',
    },
    { name: 'action detail', path: `/api/v1/actions/${actionIds[4242]}`, kind: 'simple' },
    dashboard('summary', 'summary'),
    dashboard('summary USD', 'summary?currency=USD'),
    dashboard('by-partner', 'by-partner'),
    dashboard('by-partner-type', 'by-partner-type'),
    dashboard('by-year', 'by-year'),
    dashboard('by-theme', 'by-theme'),
    dashboard('by-sdg', 'by-sdg'),
    dashboard('by-municipality', 'by-municipality'),
    dashboard('by-status', 'by-status'),
    dashboard('milestones', 'milestones?window=90'),
    dashboard('summary (theme)', 'summary?theme=agua&kind=cooperation_project'),
  ];
}

/** BENCH_EXPLAIN: the plans of the endpoint's statements instead of timings. */
async function explain(pool: Pool, name: string, queries: { sql: string; params?: unknown[] }[]) {
  for (const q of queries.filter(
    (x) => x.sql.startsWith('WITH') || x.sql.includes('FROM actions'),
  )) {
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params as unknown[]);
    console.log(`--- ${name}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
}

/** Which targets an endpoint misses ('yes' when none). */
function verdict(
  kind: Endpoint['kind'],
  load: { rps: number; p95: number },
  fresh: { p95: number },
): string {
  const target = kind === 'simple' ? 50 : 150;
  if (kind === 'simple') return fresh.p95 <= target ? 'yes' : `NO (p95 ${fresh.p95} > ${target})`;
  return (
    [
      load.rps >= 500 ? '' : `req/s < 500`,
      load.p95 <= 50 ? '' : `p95 @${CONNECTIONS} > 50`,
      fresh.p95 <= target ? '' : `write→read p95 > ${target}`,
    ]
      .filter(Boolean)
      .join(', ') || 'yes'
  );
}

/**
 * One endpoint, four ways. The SQL floor first, on an idle server (the endpoint's own statements,
 * without the data version read); then unchanged data at one connection and at CONNECTIONS; then
 * each read right after a write (the answer computed afresh); then writes between reads. Each is
 * followed by a pause that lets in-flight requests drain. Null: skipped or explained.
 */
async function measureEndpoint(b: Bench, e: Endpoint): Promise<Row | null> {
  await b.drain.wait();
  const recorder = startRecording();
  const probe = await request(b.base).get(e.path).set(b.headers);
  const queries = recorder.stop();
  if (probe.status !== 200) {
    console.log(`SKIP ${e.name}: ${probe.status} ${probe.body?.code ?? ''}`);
    return { endpoint: e.name, note: `skipped (${probe.status})` };
  }
  if (process.env['BENCH_EXPLAIN']) {
    await explain(b.pool, e.name, queries);
    return null;
  }
  const own = queries.filter((q) => !VERSION_READ.test(q.sql));
  const sqlP50 = await measureSql(b.pool, own);
  const latency = await measureHttp(b.base + e.path, b.headers, 1);
  b.drain.note(latency);
  await b.drain.wait();
  const load = await measureHttp(b.base + e.path, b.headers, CONNECTIONS);
  b.drain.note(load);
  await b.drain.wait();
  const fresh = await measureAfterWrite(b.base + e.path, b.headers, b.writeAll);
  const mixed = await measureWritesBetween(b.base + e.path, b.headers, b.write);
  b.drain.note(mixed);
  await b.drain.wait();
  return {
    endpoint: e.name,
    [`req/s @${CONNECTIONS}`]: Math.round(load.rps),
    [`p95 @${CONNECTIONS}`]: load.p95,
    'p95 @1': latency.p95,
    'write→read p50': fresh.p50,
    'write→read p95': fresh.p95,
    'sql p50': Number(sqlP50.toFixed(1)),
    ratio: Number((fresh.p50 / sqlP50).toFixed(2)),
    queries: own.length,
    [`w/r req/s @${CONNECTIONS}`]: Math.round(mixed.rps),
    [`w/r p95 @${CONNECTIONS}`]: mixed.p95,
    ok: verdict(e.kind, load, fresh),
    errors: latency.errors + load.errors + fresh.errors + mixed.errors,
    kB: Math.round(JSON.stringify(probe.body).length / 1024),
  };
}

function printTable(rows: Row[], config: AppConfig) {
  console.log(
    '\nAll times in ms. Unchanged data: p95 @1 (sequential) for %d s, req/s and p95 @%d for %d s. ' +
      'write→read: %d reads, each right after a committed edit of an action (answer computed afresh), one ' +
      'connection; sql p50: the same statements replayed through pg (%d runs, the data version ' +
      'read left out); ratio = write→read p50 ÷ sql p50. w/r: @%d readers while %d milestones/s are logged. ' +
      'Targets: dashboards ≥ 500 req/s and p95 ≤ 50 @%d (unchanged), write→read p95 ≤ 150; ' +
      'simple reads write→read p95 ≤ 50; action detail ratio ≤ 1.2 with ≤ 3 queries. ' +
      'Data version mode: %s; answer cache: %d MiB.',
    DURATION,
    CONNECTIONS,
    DURATION,
    AFTER_WRITE_RUNS,
    SQL_RUNS,
    CONNECTIONS,
    WRITES_PER_S,
    CONNECTIONS,
    config.dataVersionMode,
    Math.round(config.answerCacheBytes / 2 ** 20),
  );
  console.table(rows);
}

/** The two ways of learning the data version, side by side on `path` (the summary). */
async function measureModes(b: Bench, path: string) {
  const modes: Row[] = [];
  for (const mode of ['read', 'listen'] as const) {
    const other = await createApp({ ...b.config, dataVersionMode: mode }, b.dbUrl);
    await other.listen(0, '127.0.0.1');
    const url = (await other.getUrl()).replace('[::1]', '127.0.0.1') + path;
    await timedGet(url, b.headers);
    await b.drain.wait();
    const still = await measureHttp(url, b.headers, CONNECTIONS);
    b.drain.note(still);
    await b.drain.wait();
    const fresh = await measureAfterWrite(url, b.headers, b.writeAll);
    const mixed = await measureWritesBetween(url, b.headers, b.write);
    b.drain.note(mixed);
    await b.drain.wait();
    await other.close();
    modes.push({
      mode,
      [`req/s @${CONNECTIONS}`]: Math.round(still.rps),
      [`p50 @${CONNECTIONS}`]: still.p50,
      [`p95 @${CONNECTIONS}`]: still.p95,
      'write→read p95': fresh.p95,
      [`w/r req/s @${CONNECTIONS}`]: Math.round(mixed.rps),
      [`w/r p95 @${CONNECTIONS}`]: mixed.p95,
      errors: still.errors + fresh.errors + mixed.errors,
    });
  }
  console.log('\nData version modes (dashboard summary):');
  console.table(modes);
}

const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** Every endpoint (or those BENCH_ONLY names), then the data version modes. */
async function measureAll(b: Bench, actionIds: string[]) {
  const endpoints = endpointsOf(actionIds);
  const only = process.env['BENCH_ONLY'];
  const rows: Row[] = [];
  for (const e of endpoints) {
    if (only && !e.name.includes(only)) continue;
    const row = await measureEndpoint(b, e);
    if (!row) continue;
    rows.push(row);
    if (!row['note']) console.log(`${e.name}: ${JSON.stringify(row)}`);
  }
  printTable(rows, b.config);
  if (process.env['BENCH_MODES'] !== '0' && !only) await measureModes(b, endpoints[2].path);
}

async function main() {
  const started = Date.now();
  const startLoad = loadNow();
  const db = await benchDatabase();
  const config = benchConfig();
  // The SQL floor runs with the app's own session settings.
  const pool = new Pool({
    connectionString: db.url,
    max: 10,
    options: `-c max_parallel_workers_per_gather=${config.dbParallelWorkers}`,
  });
  let app: App | undefined;
  try {
    const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
    console.log(`Database ready (migrated) in ${Date.now() - started} ms`);
    const actionIds = await loadPortfolio(pool);
    const started_ = await startApp(config, db.url);
    app = started_.app;
    let writeNo = 0;
    const nextAction = () => actionIds[(writeNo++ * 7919) % actionIds.length];
    await measureAll(
      {
        config,
        dbUrl: db.url,
        pool,
        base: started_.base,
        headers: started_.headers,
        writeAll: () =>
          pool.query(`UPDATE actions SET updated_at = now() WHERE id = $1`, [nextAction()]),
        write: () =>
          pool.query(
            `INSERT INTO milestones (action_id, type, title, planned_date) VALUES ($1, 'workshop', 'Bench', current_date + 30)`,
            [nextAction()],
          ),
        drain: new Drain(),
      },
      actionIds,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `load average ${loadNow()} at the end (${startLoad} at the start); ` +
        `node ${process.version}; PostgreSQL ${pgVersion}${process.env['DATABASE_URL'] ? ' (DATABASE_URL)' : ' (embedded, same machine)'}`,
    );
  } finally {
    if (app) await app.close();
    await pool.end();
    await db.drop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
