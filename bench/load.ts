/**
 * Load test: the benchmark's synthetic portfolio (fixed seed: 10,000 actions, 200,000 money
 * records…), the real API, and LOAD_CONNECTIONS concurrent clients (default 50) for LOAD_DURATION
 * seconds (default 60) with a realistic mix: 80 % reads (list, search, detail, partners), 15 %
 * dashboard, 5 % writes (a milestone logged on a random action). Prints errors, p50/p97.5/p99
 * and the server's memory at the start, middle and end.
 *
 * The API runs in a process of its own (production settings, as deployed: bench/api-process.ts)
 * and this process only generates the load. LOAD_API=same-process runs it in this process, as
 * this test did before (one event loop serving 50 clients and generating their load).
 *
 *   npm run load            (LOAD_DURATION=60 LOAD_CONNECTIONS=50 by default)
 *   LOAD_POOL_SIZE=<n>      the API's connection pool (default 20; the app's own default is 10)
 */
import autocannon from 'autocannon';
import { cpus, loadavg, totalmem } from 'node:os';
import { Pool } from 'pg';
import { hashPassword } from '../api/src/auth/password';
import { productionApp, startApiProcess } from './api-process';
import { generate } from './bench-data';
import { benchDatabase } from './bench-db';

const DURATION = Number(process.env['LOAD_DURATION'] ?? 60);
const CONNECTIONS = Number(process.env['LOAD_CONNECTIONS'] ?? 50);
const SAME_PROCESS = process.env['LOAD_API'] === 'same-process';
const API_POOL_SIZE = Number(process.env['LOAD_POOL_SIZE'] ?? 20);

/** Deterministic choice so every run sends the same mix. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
const loads = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface ServerStats {
  memory: { rss: number; heapUsed: number };
  cache: { hits: number; misses: number; partHits: number; partMisses: number; bytes: number };
  routes?: Record<string, { n: number; ms: number }>;
  cpu: NodeJS.CpuUsage;
}
interface Server {
  base: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** The API in a process of its own, or (LOAD_API=same-process) in this one. */
async function startServer(databaseUrl: string): Promise<Server> {
  const options = { databaseUrl, logLevel: 'error' as const, dbPoolSize: API_POOL_SIZE };
  if (!SAME_PROCESS) {
    const api = await startApiProcess(options);
    return { base: `http://127.0.0.1:${api.port}`, stats: api.stats, stop: api.stop };
  }
  const { app, cache } = await productionApp(options);
  await app.listen(0, '127.0.0.1');
  return {
    base: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    stats: async () => ({ memory: process.memoryUsage(), cache, cpu: process.cpuUsage() }),
    stop: () => app.close(),
  };
}

async function signIn(base: string, pool: Pool, role: 'staff' | 'director') {
  const email = `${role}@load.coopera`;
  await pool.query(`INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4)`, [
    email,
    `Load ${role}`,
    await hashPassword('Load-Password-2024'),
    role,
  ]);
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Load-Password-2024' }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

type Session = Awaited<ReturnType<typeof signIn>>;
interface MixData {
  actionIds: string[];
  /** Writes go to active actions: archived ones refuse changes (409 ACTION_ARCHIVED) by design. */
  active: string[];
  orgs: string[];
  director: Session;
  staff: Session;
}

/** The request mix: 80 % reads, 15 % dashboards, 5 % milestone writes, in a fixed sequence. */
function requestMix(data: MixData) {
  const random = lcg(20261123);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const reads = [
    () => `/api/v1/actions?pageSize=25&page=${1 + Math.floor(random() * 20)}`,
    () =>
      `/api/v1/actions?pageSize=25&q=${pick(['agua', 'movilidad', 'arbol', 'clima', 'vivienda'])}`,
    () =>
      `/api/v1/actions?pageSize=25&kind=${pick(['cooperation_project', 'award', 'city_to_city'])}&sort=-updatedAt`,
    () => `/api/v1/actions/${pick(data.actionIds)}`,
    () => `/api/v1/actions/${pick(data.actionIds)}`,
    () => `/api/v1/organisations?pageSize=25&q=${pick(['agencia', 'ciudad', 'fondo'])}`,
    () => `/api/v1/organisations/${pick(data.orgs)}`,
  ];
  const dashboards = [
    () =>
      `/api/v1/dashboard/summary?currency=${pick(['MXN', 'USD', 'EUR'])}&theme=${pick(['movilidad', 'agua', 'clima'])}`,
    () => `/api/v1/dashboard/milestones`,
    () => `/api/v1/dashboard/by-status?kind=award`,
    () => `/api/v1/dashboard/summary`,
  ];
  const counts = { read: 0, dashboard: 0, write: 0 };
  const write = (req: Record<string, unknown>) => ({
    ...req,
    method: 'POST',
    path: `/api/v1/actions/${pick(data.active)}/milestones`,
    headers: {
      cookie: data.staff.cookie,
      'x-xsrf-token': data.staff.csrf,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      type: 'workshop',
      title: 'Taller registrado en carga',
      actualDate: '2026-11-20',
    }),
  });
  const setupRequest = (req: Record<string, unknown>) => {
    const r = random();
    if (r < 0.05) {
      counts.write++;
      return write(req);
    }
    const dashboard = r < 0.2;
    if (dashboard) counts.dashboard++;
    else counts.read++;
    const path = (dashboard ? pick(dashboards) : pick(reads))();
    return { ...req, method: 'GET', path, headers: { cookie: data.director.cookie } };
  };
  return { setupRequest, counts };
}

interface Outcome {
  result: autocannon.Result;
  counts: ReturnType<typeof requestMix>['counts'];
  memory: { at: string; rss: number; heap: number }[];
  cache: ServerStats['cache'];
  routes: ServerStats['routes'];
  /** CPU seconds the API process spent during the run. */
  apiCpuS: number;
  written: number;
  loadStart: string;
}

/** Where the server's time went: each route's share of the summed request time, largest first. */
function routeShares(routes: ServerStats['routes']): string {
  const all = Object.entries(routes ?? {});
  const total = all.reduce((sum, [, r]) => sum + r.ms, 0);
  return all
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 8)
    .map(
      ([route, r]) =>
        `${route} ${r.n} × ${(r.ms / r.n).toFixed(0)} ms (${((100 * r.ms) / total).toFixed(0)} %)`,
    )
    .join(' · ');
}

function report(outcome: Outcome): number {
  const { result, counts, memory, cache, routes, apiCpuS, written, loadStart } = outcome;
  const errors = result.errors + result.timeouts + result.non2xx;
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const middle = (memory[1] ?? memory[0]).rss;
  console.log(
    `\nLoad: ${CONNECTIONS} clients for ${DURATION} s — ${result.requests.total} requests (${counts.read} reads, ${counts.dashboard} dashboard, ${counts.write} writes set up); API ${SAME_PROCESS ? 'in the load generator’s process' : 'in a process of its own'}`,
  );
  console.log(
    `  targets: ≥ 400 req/s (${verdict(result.requests.average >= 400)}), p97.5 ≤ 250 ms (${verdict(result.latency.p97_5 <= 250)}), 0 errors (${verdict(errors === 0)}), no memory growth (RSS end ≤ 1.25 × middle: ${verdict(memory[memory.length - 1].rss <= 1.25 * middle)})`,
  );
  console.log(
    `  req/s ${result.requests.average.toFixed(0)}  p50 ${result.latency.p50} ms  p90 ${result.latency.p90} ms  p97.5 ${result.latency.p97_5} ms (autocannon has no p95 bucket; p95 lies between)  p99 ${result.latency.p99} ms  max ${result.latency.max} ms`,
  );
  console.log(
    `  errors ${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
  );
  console.log(`  milestones written: ${written}`);
  console.log(
    `  answer cache: ${cache.hits} hits, ${cache.misses} misses (${((100 * cache.hits) / Math.max(1, cache.hits + cache.misses)).toFixed(1)} % reused), ${mb(cache.bytes)} held; answers computed again took ${cache.partHits} parts as they were and computed ${cache.partMisses}`,
  );
  console.log(
    `  ${SAME_PROCESS ? 'API and load generator' : 'API'} process CPU: ${apiCpuS.toFixed(1)} s in ${DURATION} s (${((100 * apiCpuS) / DURATION).toFixed(0)} % of one core: one event loop)`,
  );
  if (routes)
    console.log(`  server time by route (requests × mean, share): ${routeShares(routes)}`);
  console.log(
    `  server memory: ${memory.map((m) => `${m.at} rss ${mb(m.rss)} heap ${mb(m.heap)}`).join(' · ')}`,
  );
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadStart} at the start, ${loads()} at the end; node ${process.version}; data version mode ${process.env['DATA_VERSION_MODE'] ?? 'read'}`,
  );
  return errors;
}

/** Runs the mix against `server` for DURATION seconds, sampling its memory. */
async function run(server: Server, pool: Pool, data: MixData): Promise<Outcome> {
  const milestones = async () =>
    (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM milestones`)).rows[0].n;
  const before = await milestones();
  const { setupRequest, counts } = requestMix(data);
  const memory: Outcome['memory'] = [];
  const cpu: NodeJS.CpuUsage[] = [];
  const sample = async (at: string) => {
    const { memory: m, cpu: c } = await server.stats();
    memory.push({ at, rss: m.rss, heap: m.heapUsed });
    cpu.push(c);
  };
  await sample('start');
  const loadStart = loads();
  let middle: Promise<void> = Promise.resolve();
  const timer = setTimeout(() => (middle = sample('middle')), (DURATION * 1000) / 2);
  const result = await autocannon({
    url: server.base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [{ setupRequest }],
  } as autocannon.Options);
  clearTimeout(timer);
  await middle;
  await sample('end');
  const { cache, routes } = await server.stats();
  const written = (await milestones()) - before;
  const [c0, c1] = [cpu[0], cpu[cpu.length - 1]];
  const apiCpuS = (c1.user + c1.system - c0.user - c0.system) / 1e6;
  return { result, counts, memory, cache, routes, apiCpuS, written, loadStart };
}

async function main() {
  const db = await benchDatabase();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  let server: Server | undefined;
  try {
    const t0 = Date.now();
    const { actionIds } = await generate(pool);
    console.log(`Synthetic portfolio loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    server = await startServer(db.url);
    const ids = async (sql: string) =>
      (await pool.query<{ id: string }>(sql)).rows.map((r) => r.id);
    const data: MixData = {
      actionIds,
      active: await ids(`SELECT id FROM actions WHERE archived_at IS NULL ORDER BY id`),
      orgs: await ids(`SELECT id FROM organisations ORDER BY id LIMIT 200`),
      director: await signIn(server.base, pool, 'director'),
      staff: await signIn(server.base, pool, 'staff'),
    };
    if (report(await run(server, pool, data)) > 0) process.exitCode = 1;
  } finally {
    if (server) await server.stop();
    await pool.end();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
