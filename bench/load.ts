/* eslint-disable no-console */
/**
 * Load test: the benchmark's synthetic portfolio (fixed seed: 10,000 actions, 200,000 money
 * records…), the real API, and LOAD_CONNECTIONS concurrent clients (default 50) for LOAD_DURATION
 * seconds (default 60) with a realistic mix: 80 % reads (list, search, detail, partners), 15 %
 * dashboard, 5 % writes (a milestone logged on a random action). Prints errors, p50/p95/p99 and
 * the server's memory at the start, middle and end.
 *
 *   npm run load            (LOAD_DURATION=60 LOAD_CONNECTIONS=50 by default)
 */
import autocannon from 'autocannon';
import { cpus, loadavg, totalmem } from 'node:os';
import { Pool } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../api/src/app.factory';
import { AnswerCache } from '../api/src/cache/answer-cache';
import { ANSWER_CACHE } from '../api/src/cache/answer-cache.interceptor';
import { hashPassword } from '../api/src/auth/password';
import { loadConfig } from '../api/src/config/app-config';
import { benchDatabase, generate } from './run';

const DURATION = Number(process.env['LOAD_DURATION'] ?? 60);
const CONNECTIONS = Number(process.env['LOAD_CONNECTIONS'] ?? 50);

/** Deterministic choice so every run sends the same mix. */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;

async function signIn(base: string, ds: DataSource, role: 'staff' | 'director') {
  const email = `${role}@load.coopera`;
  await ds.query(`INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4)`, [
    email,
    `Load ${role}`,
    await hashPassword('Load-Password-2024'),
    role,
  ]);
  const res = await request(base)
    .post('/api/v1/auth/sign-in')
    .send({ email, password: 'Load-Password-2024' });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = (res.headers['set-cookie'] as unknown as string[])
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: res.body.csrfToken as string };
}

async function main() {
  const db = await benchDatabase();
  const pool = new Pool({ connectionString: db.url, max: 4 });
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    const t0 = Date.now();
    const { actionIds } = await generate(pool);
    console.log(`Synthetic portfolio loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        DATA_VERSION_MODE: process.env['DATA_VERSION_MODE'],
        ANSWER_CACHE_BYTES: process.env['ANSWER_CACHE_BYTES'],
      }),
      webDist: '/nonexistent',
      logLevel: 'error',
      logPretty: false,
      dbPoolSize: 20,
    };
    app = await createApp(config, db.url);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const ds = app.get(DataSource);
    const director = await signIn(base, ds, 'director');
    const staff = await signIn(base, ds, 'staff');
    const orgs: { id: string }[] = await ds.query(
      `SELECT id FROM organisations ORDER BY id LIMIT 200`,
    );
    // Writes go to active actions: archived ones refuse changes (409 ACTION_ARCHIVED) by design.
    const active: string[] = (
      (await ds.query(`SELECT id FROM actions WHERE archived_at IS NULL ORDER BY id`)) as {
        id: string;
      }[]
    ).map((r) => r.id);
    const before = await pool.query(`SELECT count(*)::int AS n FROM milestones`);

    const random = lcg(20261123);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const reads = [
      () => `/api/v1/actions?pageSize=25&page=${1 + Math.floor(random() * 20)}`,
      () =>
        `/api/v1/actions?pageSize=25&q=${pick(['agua', 'movilidad', 'arbol', 'clima', 'vivienda'])}`,
      () =>
        `/api/v1/actions?pageSize=25&kind=${pick(['cooperation_project', 'award', 'city_to_city'])}&sort=-updatedAt`,
      () => `/api/v1/actions/${pick(actionIds)}`,
      () => `/api/v1/actions/${pick(actionIds)}`,
      () => `/api/v1/organisations?pageSize=25&q=${pick(['agencia', 'ciudad', 'fondo'])}`,
      () => `/api/v1/organisations/${pick(orgs).id}`,
    ];
    const dashboards = [
      () =>
        `/api/v1/dashboard/summary?currency=${pick(['MXN', 'USD', 'EUR'])}&theme=${pick(['movilidad', 'agua', 'clima'])}`,
      () => `/api/v1/dashboard/milestones`,
      () => `/api/v1/dashboard/by-status?kind=award`,
      () => `/api/v1/dashboard/summary`,
    ];
    const counts = { read: 0, dashboard: 0, write: 0 };
    const memory: { at: string; rss: number; heap: number }[] = [];
    const sample = (at: string) => {
      const m = process.memoryUsage();
      memory.push({ at, rss: m.rss, heap: m.heapUsed });
    };
    sample('start');
    const middle = setTimeout(() => sample('middle'), (DURATION * 1000) / 2);

    const result = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: DURATION,
      requests: [
        {
          setupRequest: (req: Record<string, unknown>) => {
            const r = random();
            if (r < 0.05) {
              counts.write++;
              return {
                ...req,
                method: 'POST',
                path: `/api/v1/actions/${pick(active)}/milestones`,
                headers: {
                  cookie: staff.cookie,
                  'x-xsrf-token': staff.csrf,
                  'content-type': 'application/json',
                },
                body: JSON.stringify({
                  type: 'workshop',
                  title: 'Taller registrado en carga',
                  actualDate: '2026-11-20',
                }),
              };
            }
            const dashboard = r < 0.2;
            dashboard ? counts.dashboard++ : counts.read++;
            return {
              ...req,
              method: 'GET',
              path: (dashboard ? pick(dashboards) : pick(reads))(),
              headers: { cookie: director.cookie },
            };
          },
        },
      ],
    } as autocannon.Options);
    clearTimeout(middle);
    sample('end');
    const after = await pool.query(`SELECT count(*)::int AS n FROM milestones`);
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(
      `\nLoad: ${CONNECTIONS} clients for ${DURATION} s — ${result.requests.total} requests (${counts.read} reads, ${counts.dashboard} dashboard, ${counts.write} writes set up)`,
    );
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `  targets: ≥ 400 req/s (${verdict(result.requests.average >= 400)}), p97.5 ≤ 250 ms (${verdict(result.latency.p97_5 <= 250)}), 0 errors (${verdict(errors === 0)}), no memory growth (RSS end ≤ 1.25 × middle: ${verdict(memory[memory.length - 1].rss <= 1.25 * (memory[1] ?? memory[0]).rss)})`,
    );
    console.log(
      `  req/s ${result.requests.average.toFixed(0)}  p50 ${result.latency.p50} ms  p90 ${result.latency.p90} ms  p97.5 ${result.latency.p97_5} ms (autocannon has no p95 bucket; p95 lies between)  p99 ${result.latency.p99} ms  max ${result.latency.max} ms`,
    );
    console.log(
      `  errors ${errors} (connection errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})`,
    );
    console.log(`  milestones written: ${after.rows[0].n - before.rows[0].n}`);
    const cache = app.get<AnswerCache>(ANSWER_CACHE);
    console.log(
      `  answer cache: ${cache.hits} hits, ${cache.misses} misses (${((100 * cache.hits) / Math.max(1, cache.hits + cache.misses)).toFixed(1)} % reused), ${mb(cache.bytes)} held`,
    );
    console.log(
      `  server memory: ${memory.map((m) => `${m.at} rss ${mb(m.rss)} heap ${mb(m.heap)}`).join(' · ')}`,
    );
    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; node ${process.version}; data version mode ${config.dataVersionMode}`,
    );
    if (errors > 0) process.exitCode = 1;
  } finally {
    if (app) await app.close();
    await pool.end();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
