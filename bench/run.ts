/* eslint-disable no-console */
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
import autocannon from 'autocannon';
import { cpus, loadavg, totalmem } from 'node:os';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createApp } from '../api/src/app.factory';
import { hashPassword } from '../api/src/auth/password';
import { loadConfig } from '../api/src/config/app-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { codesOf } from '../api/src/common/vocabulary';
import { createDataSource } from '../api/src/db/data-source';
import { startEmbeddedPostgres } from '../api/src/db/embedded-postgres';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const SQL_RUNS = Number(process.env['BENCH_SQL_RUNS'] ?? 50);
const AFTER_WRITE_RUNS = Number(process.env['BENCH_AFTER_WRITE_RUNS'] ?? 40);
const WRITES_PER_S = Number(process.env['BENCH_WRITES_PER_S'] ?? 10);
/** The data version read of the answer cache: not part of an endpoint's own SQL. */
const VERSION_READ = /^SELECT \(SELECT coalesce\(json_object_agg/;
const N = { actions: 10_000, organisations: 2_000, funding: 200_000, milestones: 100_000 };

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
    h[12] = '4';
    h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, uuid };
}

const KINDS = codesOf('kind');
const STATUSES = [...codesOf('status'), null];
const MODALITIES = codesOf('modality');
const ORG_TYPES = codesOf('organisationType');
const ROLES = codesOf('participationRole');
const FUNDING_TYPES = codesOf('fundingType');
const MILESTONE_TYPES = codesOf('milestoneType');
const THEMES = [
  'movilidad',
  'vivienda',
  'migracion',
  'clima',
  'agua',
  'arbolado',
  'genero',
  'economia local',
  'participacion',
  'resiliencia',
  'datos',
  'salud',
];
const MUNICIPALITIES = [
  'Guadalajara',
  'Zapopan',
  'Tlaquepaque',
  'Tonalá',
  'Tlajomulco',
  'El Salto',
  'Juanacatlán',
  'Ixtlahuacán',
  'Zapotlanejo',
  'Guanajuato',
];
const WORDS = [
  'plan',
  'movilidad',
  'agua',
  'árbol',
  'ciudad',
  'datos',
  'clima',
  'vivienda',
  'mercado',
  'ruta',
  'eléctrica',
  'bosque',
  'migración',
  'taller',
  'estudio',
  'metropolitano',
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const START = Date.UTC(2015, 0, 1);
const END = Date.UTC(2025, 11, 31);

async function insertChunks(pool: Pool, sql: string, columns: unknown[][], chunk = 20_000) {
  const n = columns[0].length;
  for (let i = 0; i < n; i += chunk)
    await pool.query(
      sql,
      columns.map((c) => c.slice(i, i + chunk)),
    );
}

export async function generate(pool: Pool) {
  const r = prng(20240501);
  const orgIds = Array.from({ length: N.organisations }, () => r.uuid());
  await insertChunks(
    pool,
    `INSERT INTO organisations (id, slug, name, acronym, type, country)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::char(2)[])`,
    [
      orgIds,
      orgIds.map((_, i) => `org-${i}`),
      orgIds.map((_, i) => `Organización ${i}`),
      orgIds.map((_, i) => (i % 3 === 0 ? `ORG${i}` : null)),
      orgIds.map(() => r.pick(ORG_TYPES)),
      orgIds.map(() => r.pick(['MX', 'DE', 'GB', 'US', 'FR', 'ES', null])),
    ],
  );
  const actionIds = Array.from({ length: N.actions }, () => r.uuid());
  const subset = (list: readonly string[], max: number) => {
    const k = r.int(0, max);
    return Array.from(new Set(Array.from({ length: k }, () => r.pick(list)))).join('|');
  };
  const starts = actionIds.map(() => START + r.int(0, 3650) * DAY);
  await insertChunks(
    pool,
    `INSERT INTO actions (id, code, kind, title_es, summary_es, institute_role, status, modality, themes, municipalities, sdgs,
                          planned_start, planned_end, archived_at)
     SELECT id, code, kind, title, summary, 'recipient', status, modality,
            coalesce(string_to_array(nullif(themes, ''), '|'), '{}'), coalesce(string_to_array(nullif(munis, ''), '|'), '{}'),
            coalesce(string_to_array(nullif(sdgs, ''), '|')::smallint[], '{}'), ps, pe, CASE WHEN archived THEN now() END
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                   $10::text[], $11::date[], $12::date[], $13::bool[])
         AS t(id, code, kind, title, summary, status, modality, themes, munis, sdgs, ps, pe, archived)`,
    [
      actionIds,
      actionIds.map((_, i) => `B-${String(i).padStart(5, '0')}`),
      actionIds.map(() => r.pick(KINDS)),
      actionIds.map(() => Array.from({ length: 5 }, () => r.pick(WORDS)).join(' ')),
      actionIds.map(() => Array.from({ length: 20 }, () => r.pick(WORDS)).join(' ')),
      actionIds.map(() => r.pick(STATUSES)),
      actionIds.map(() => r.pick(MODALITIES)),
      actionIds.map(() => subset(THEMES, 3)),
      actionIds.map(() => subset(MUNICIPALITIES, 2)),
      actionIds.map(() =>
        Array.from(new Set(Array.from({ length: r.int(0, 3) }, () => r.int(1, 17)))).join('|'),
      ),
      starts.map(isoDay),
      starts.map((s) => isoDay(s + r.int(90, 1500) * DAY)),
      actionIds.map(() => r.next() < 0.01),
    ],
  );
  const pa: string[] = [];
  const po: string[] = [];
  const pr: string[] = [];
  actionIds.forEach((id) => {
    const orgs = new Set(Array.from({ length: r.int(1, 5) }, () => r.pick(orgIds)));
    for (const org of orgs) {
      pa.push(id);
      po.push(org);
      pr.push(r.pick(ROLES));
    }
  });
  await insertChunks(
    pool,
    `INSERT INTO participations (action_id, organisation_id, role) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])`,
    [pa, po, pr],
  );
  const fa: string[] = [];
  const ft: string[] = [];
  const fm: string[] = [];
  const fc: (string | null)[] = [];
  const fd: (string | null)[] = [];
  const fp: (string | null)[] = [];
  for (let i = 0; i < N.funding; i++) {
    const a = r.int(0, N.actions - 1);
    fa.push(actionIds[a]);
    ft.push(r.pick(FUNDING_TYPES));
    fm.push(`${r.int(0, 20_000_000)}.${String(r.int(0, 99)).padStart(2, '0')}`);
    const c = r.next();
    fc.push(c < 0.7 ? 'MXN' : c < 0.9 ? 'USD' : c < 0.98 ? 'EUR' : null);
    fd.push(r.next() < 0.03 ? null : isoDay(START + r.int(0, 4000) * DAY));
    fp.push(r.next() < 0.1 ? null : po[r.int(0, po.length - 1)]);
  }
  const ma: string[] = [];
  const mt: string[] = [];
  const mp: string[] = [];
  const md: (string | null)[] = [];
  const today = Date.now();
  for (let i = 0; i < N.milestones; i++) {
    ma.push(actionIds[r.int(0, N.actions - 1)]);
    mt.push(r.pick(MILESTONE_TYPES));
    const planned = START + r.int(0, 4400) * DAY;
    mp.push(isoDay(planned));
    md.push(planned < today && r.next() < 0.8 ? isoDay(planned + r.int(-10, 30) * DAY) : null);
  }
  const rd: string[] = [];
  const rc: string[] = [];
  const rv: string[] = [];
  for (let d = START - 30 * DAY; d <= END; d += DAY) {
    const wd = new Date(d).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    rd.push(isoDay(d), isoDay(d));
    rc.push('USD', 'EUR');
    rv.push((15 + r.next() * 7).toFixed(4), (18 + r.next() * 6).toFixed(4));
  }
  // Rates first, as in real use: each funding record converts once, on insert (trigger).
  await insertChunks(
    pool,
    `INSERT INTO exchange_rates (rate_date, currency, rate_to_mxn, source)
     SELECT d, c, v, 'bench' FROM unnest($1::date[], $2::char(3)[], $3::numeric[]) AS t(d, c, v)`,
    [rd, rc, rv],
  );
  await insertChunks(
    pool,
    `INSERT INTO funding (action_id, type, amount, currency, value_date, provider_id)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::char(3)[], $5::date[], $6::uuid[])`,
    [fa, ft, fm, fc, fd, fp],
  );
  await insertChunks(
    pool,
    `INSERT INTO milestones (action_id, type, title, planned_date, actual_date)
     SELECT a, t, 'Hito ' || t, p, d FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS x(a, t, p, d)`,
    [ma, mt, mp, md],
  );
  // A loaded database in use has been vacuumed by autovacuum (visibility map, statistics).
  await pool.query('VACUUM ANALYZE');
  return { actionIds, participations: pa.length, rates: rd.length };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A migrated database of its own: on DATABASE_URL's server, else on an embedded PostgreSQL. */
export async function benchDatabase() {
  let server: URL;
  let stop = async () => undefined as void;
  if (process.env['DATABASE_URL']) {
    server = new URL(process.env['DATABASE_URL']);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'coopera-bench-pg-'));
    const pg = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'postgres' });
    server = new URL(pg.url);
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const name = `coopera_bench_${Date.now()}`;
  const admin = new URL(server.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const ds = createDataSource({ url: url.toString() });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return {
    url: url.toString(),
    async drop() {
      if (process.env['BENCH_KEEP']) {
        console.log(`Kept the database: ${url.toString()}`);
        return;
      }
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await stop();
    },
  };
}

interface Recorded {
  sql: string;
  params: unknown[] | undefined;
}
let recording: Recorded[] | null = null;
const originalQuery = PostgresQueryRunner.prototype.query;
PostgresQueryRunner.prototype.query = function (
  this: PostgresQueryRunner,
  ...args: Parameters<typeof originalQuery>
) {
  if (recording) recording.push({ sql: args[0], params: args[1] ? [...args[1]] : undefined });
  return originalQuery.apply(this, args);
} as typeof originalQuery;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measureHttp(url: string, headers: Record<string, string>, connections: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: DURATION, headers }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, time: number) => {
      latencies.push(time);
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    count: latencies.length,
    errors: result.non2xx + result.errors,
  };
}

/** One GET through fetch (keep-alive), timed in ms. */
async function timedGet(url: string, headers: Record<string, string>) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: res.status === 200 };
}

/** Each read right after a committed write (one connection): the answer is computed afresh. */
async function measureAfterWrite(
  url: string,
  headers: Record<string, string>,
  write: () => Promise<unknown>,
) {
  const times: number[] = [];
  let errors = 0;
  for (let i = 0; i < AFTER_WRITE_RUNS + 3; i++) {
    await write();
    const { ms, ok } = await timedGet(url, headers);
    if (!ok) errors++;
    if (i >= 3) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: Number(pct(times, 50).toFixed(1)), p95: Number(pct(times, 95).toFixed(1)), errors };
}

/** CONNECTIONS readers while one writer commits WRITES_PER_S writes a second. */
async function measureWritesBetween(
  url: string,
  headers: Record<string, string>,
  write: () => Promise<unknown>,
) {
  let writes = 0;
  let stop = false;
  const writer = (async () => {
    while (!stop) {
      await new Promise((resolve) => setTimeout(resolve, 1000 / WRITES_PER_S));
      if (stop) break;
      await write();
      writes++;
    }
  })();
  try {
    const result = await measureHttp(url, headers, CONNECTIONS);
    return { ...result, writes };
  } finally {
    stop = true;
    await writer;
  }
}

/** Replays the SQL one request ran (in parallel, as the services do) SQL_RUNS times. */
async function measureSql(pool: Pool, recorded: Recorded[]) {
  const queries = recorded.filter(
    (q) => !/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET LOCAL)/i.test(q.sql),
  );
  const times: number[] = [];
  for (let i = 0; i < SQL_RUNS + 5; i++) {
    const t0 = process.hrtime.bigint();
    await Promise.all(queries.map((q) => pool.query(q.sql, q.params as unknown[])));
    if (i >= 5) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return pct(times, 50);
}

async function main() {
  const started = Date.now();
  const startLoad = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const db = await benchDatabase();
  const config = {
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
  // The SQL floor runs with the app's own session settings.
  const pool = new Pool({
    connectionString: db.url,
    max: 10,
    options: `-c max_parallel_workers_per_gather=${config.dbParallelWorkers}`,
  });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    const pgVersion = (await pool.query('SHOW server_version')).rows[0].server_version as string;
    console.log(`Database ready (migrated) in ${Date.now() - started} ms`);
    const t0 = Date.now();
    const { actionIds, participations, rates } = await generate(pool);
    const loadMs = Date.now() - t0;
    console.log(
      `Loaded ${N.actions} actions, ${N.organisations} organisations, ${participations} participations, ` +
        `${N.funding} funding, ${N.milestones} milestones, ${rates} rates in ${(loadMs / 1000).toFixed(1)} s` +
        (loadMs > 60_000 ? '  (OVER the 60 s target)' : ''),
    );

    app = await createApp(config, db.url);
    /** Autocannon stops with requests still queued: give the server time to finish them. */
    let lastP99 = 0;
    const drained = () =>
      new Promise((resolve) => setTimeout(resolve, Math.min(20_000, Math.max(1_000, 3 * lastP99))));
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = app.get(DataSource);
    const email = 'director@bench.coopera';
    await ds.query(
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
    const headers = { cookie };
    let writeNo = 0;
    /**
     * A committed change every answer reads (an action edited): each read after it computes
     * the answer afresh.
     */
    const writeAll = () =>
      pool.query(`UPDATE actions SET updated_at = now() WHERE id = $1`, [
        actionIds[(writeNo++ * 7919) % actionIds.length],
      ]);
    /**
     * The everyday write: a milestone logged on an action. With versions per table it renews
     * only the answers that read milestones (summary, milestones, list, detail).
     */
    const write = () =>
      pool.query(
        `INSERT INTO milestones (action_id, type, title, planned_date) VALUES ($1, 'workshop', 'Bench', current_date + 30)`,
        [actionIds[(writeNo++ * 7919) % actionIds.length]],
      );

    const endpoints: { name: string; path: string; kind: 'simple' | 'dashboard' }[] = [
      {
        name: 'actions list (kind + q)',
        path: '/api/v1/actions?pageSize=25&kind=cooperation_project&q=agua',
        kind: 'simple',
      },
      { name: 'action detail', path: `/api/v1/actions/${actionIds[4242]}`, kind: 'simple' },
      { name: 'dashboard summary', path: '/api/v1/dashboard/summary', kind: 'dashboard' },
      {
        name: 'dashboard summary USD',
        path: '/api/v1/dashboard/summary?currency=USD',
        kind: 'dashboard',
      },
      { name: 'dashboard by-partner', path: '/api/v1/dashboard/by-partner', kind: 'dashboard' },
      {
        name: 'dashboard by-partner-type',
        path: '/api/v1/dashboard/by-partner-type',
        kind: 'dashboard',
      },
      { name: 'dashboard by-year', path: '/api/v1/dashboard/by-year', kind: 'dashboard' },
      { name: 'dashboard by-theme', path: '/api/v1/dashboard/by-theme', kind: 'dashboard' },
      { name: 'dashboard by-sdg', path: '/api/v1/dashboard/by-sdg', kind: 'dashboard' },
      {
        name: 'dashboard by-municipality',
        path: '/api/v1/dashboard/by-municipality',
        kind: 'dashboard',
      },
      { name: 'dashboard by-status', path: '/api/v1/dashboard/by-status', kind: 'dashboard' },
      {
        name: 'dashboard milestones',
        path: '/api/v1/dashboard/milestones?window=90',
        kind: 'dashboard',
      },
      {
        name: 'dashboard summary (theme)',
        path: '/api/v1/dashboard/summary?theme=agua&kind=cooperation_project',
        kind: 'dashboard',
      },
    ];
    const only = process.env['BENCH_ONLY'];
    const rows: Record<string, string | number>[] = [];
    for (const e of endpoints) {
      if (only && !e.name.includes(only)) continue;
      await drained();
      recording = [];
      const probe = await request(base).get(e.path).set(headers);
      const queries = recording;
      recording = null;
      if (probe.status !== 200) {
        console.log(`SKIP ${e.name}: ${probe.status} ${probe.body?.code ?? ''}`);
        rows.push({ endpoint: e.name, note: `skipped (${probe.status})` });
        continue;
      }
      if (process.env['BENCH_EXPLAIN']) {
        for (const q of queries.filter(
          (x) => x.sql.startsWith('WITH') || x.sql.includes('FROM actions'),
        )) {
          const plan = await pool.query(
            `EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`,
            q.params as unknown[],
          );
          console.log(`--- ${e.name}\n${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}`);
        }
        continue;
      }
      // The SQL floor first, on an idle server (the endpoint's own statements, without the data
      // version read); then unchanged data at one connection and at CONNECTIONS; then each read
      // right after a write (the answer computed afresh); then writes between reads. Each is
      // followed by a pause that lets in-flight requests drain.
      const own = queries.filter((q) => !VERSION_READ.test(q.sql));
      const sqlP50 = await measureSql(pool, own);
      const latency = await measureHttp(base + e.path, headers, 1);
      lastP99 = latency.p99 ?? 20_000;
      await drained();
      const load = await measureHttp(base + e.path, headers, CONNECTIONS);
      lastP99 = load.p99 ?? 20_000;
      await drained();
      const fresh = await measureAfterWrite(base + e.path, headers, writeAll);
      const mixed = await measureWritesBetween(base + e.path, headers, write);
      lastP99 = mixed.p99 ?? 20_000;
      await drained();
      const target = e.kind === 'simple' ? 50 : 150;
      rows.push({
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
        ok:
          e.kind === 'simple'
            ? fresh.p95 <= target
              ? 'yes'
              : `NO (p95 ${fresh.p95} > ${target})`
            : [
                load.rps >= 500 ? '' : `req/s < 500`,
                load.p95 <= 50 ? '' : `p95 @${CONNECTIONS} > 50`,
                fresh.p95 <= target ? '' : `write→read p95 > ${target}`,
              ]
                .filter(Boolean)
                .join(', ') || 'yes',
        errors: latency.errors + load.errors + fresh.errors + mixed.errors,
        kB: Math.round(JSON.stringify(probe.body).length / 1024),
      });
      console.log(`${e.name}: ${JSON.stringify(rows[rows.length - 1])}`);
    }
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
    if (process.env['BENCH_MODES'] !== '0' && !only) {
      // The two ways of learning the data version, side by side on the summary.
      const modes: Record<string, string | number>[] = [];
      for (const mode of ['read', 'listen'] as const) {
        const other = await createApp({ ...config, dataVersionMode: mode }, db.url);
        await other.listen(0, '127.0.0.1');
        const url = (await other.getUrl()).replace('[::1]', '127.0.0.1') + endpoints[2].path;
        await timedGet(url, headers);
        await drained();
        const still = await measureHttp(url, headers, CONNECTIONS);
        lastP99 = still.p99 ?? 20_000;
        await drained();
        const fresh = await measureAfterWrite(url, headers, writeAll);
        const mixed = await measureWritesBetween(url, headers, write);
        lastP99 = mixed.p99 ?? 20_000;
        await drained();
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
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} at the end (${startLoad} at the start); ` +
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
