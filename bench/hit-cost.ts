/**
 * What one reused answer costs, in CPU time rather than wall time (the figures hold on a loaded
 * machine): the API runs in a child process of its own (production settings), this process sends HIT_COST_REQUESTS sequential keep-alive requests per endpoint and
 * reads the CPU time of the API process (process.cpuUsage, over IPC) and of its PostgreSQL
 * backends (/proc/<pid>/stat) before and after. The access log is on and written to standard
 * output (/dev/null here). A 404 under /api is the floor (HTTP, hooks, logging, no session, no
 * handler).
 *
 *   npm run bench:hit            (HIT_COST_REQUESTS=2000; DATA_VERSION_MODE=read|listen)
 *   HIT_COST_PROFILE=<dir>       writes a --cpu-prof profile of the API process there
 *
 * Demo portfolio (answers of 1–20 kB); the answer's size matters only for the socket write.
 */
import { fork, ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { loadavg } from 'node:os';
import { Client } from 'pg';

const REQUESTS = Number(process.env['HIT_COST_REQUESTS'] ?? 2000);
const ROUNDS = Number(process.env['HIT_COST_ROUNDS'] ?? 3);
const TICK_US = 1e6 / 100; // /proc stat clock ticks (USER_HZ = 100)

interface Ready {
  port: number;
  cookie: string;
  actionId: string;
  dbName: string;
}

async function server(): Promise<void> {
  const { createApp } = await import('../api/src/app.factory');
  const { loadConfig } = await import('../api/src/config/app-config');
  const { hashPassword } = await import('../api/src/auth/password');
  const { DemoSeeder } = await import('../api/src/seed/demo-seeder');
  const { DataSource } = await import('typeorm');
  const { benchDatabase } = await import('./run');
  const db = await benchDatabase();
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      DATA_VERSION_MODE: process.env['DATA_VERSION_MODE'],
      DATABASE_URL: db.url,
    }),
    webDist: '/nonexistent',
    logLevel: 'info',
    logPretty: false,
  };
  const app = await createApp(config, db.url);
  const ds = app.get(DataSource);
  await app.get(DemoSeeder).seedIfEmpty();
  await app.listen(0, '127.0.0.1');
  const port = Number(new URL((await app.getUrl()).replace('[::1]', '127.0.0.1')).port);
  const email = 'director@hit.coopera';
  await ds.query(
    `INSERT INTO users (email, name, password_hash, role) VALUES ($1, 'Hit director', $2, 'director')`,
    [email, await hashPassword('Hit-Password-2024')],
  );
  const signIn = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Hit-Password-2024' }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const action: { id: string }[] = await ds.query(`SELECT id FROM actions ORDER BY code LIMIT 1`);
  process.on('message', (message: string) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (message === 'stop')
      void app
        .close()
        .then(() => db.drop())
        .then(() => process.exit(0));
  });
  const ready: Ready = {
    port,
    cookie,
    actionId: action[0].id,
    dbName: new URL(db.url).pathname.slice(1),
  };
  process.send?.({ ready });
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(port: number, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end();
  });
}

function ask<T>(child: ChildProcess, message: string, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, T>) => {
      if (!(key in m)) return;
      child.off('message', on);
      resolve(m[key]);
    };
    child.on('message', on);
    child.send(message);
  });
}

function backendCpuUs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // backend gone
    }
  }
  return ticks * TICK_US;
}

async function main() {
  const child = fork(__filename, [], {
    env: { ...process.env, HIT_COST_ROLE: 'server', TS_NODE_PROJECT: 'api/tsconfig.app.json' },
    // The access log goes to standard output, a pipe as under a container or a service manager.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    execPath: process.execPath,
    execArgv: [
      '-r',
      'ts-node/register/transpile-only',
      ...(process.env['HIT_COST_PROFILE']
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env['HIT_COST_PROFILE']}`]
        : []),
    ],
  });
  child.stdout?.resume();
  const ready = await new Promise<Ready>((resolve) =>
    child.on('message', (m: { ready?: Ready }) => m.ready && resolve(m.ready)),
  );
  const admin = new Client({
    connectionString: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  const usesEmbedded = !process.env['DATABASE_URL'];
  if (!usesEmbedded) await admin.connect();
  const pids = async (): Promise<number[]> =>
    usesEmbedded
      ? []
      : (
          await admin.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE datname = $1`,
            [ready.dbName],
          )
        ).rows.map((r) => r.pid);
  const headers = { cookie: ready.cookie, 'accept-language': 'es-MX' };
  const cases: { name: string; path: string; headers: Record<string, string> }[] = [
    { name: '404 under /api (floor)', path: '/api/v1/nothing-here', headers: {} },
    { name: 'health/live (no session)', path: '/api/health/live', headers: {} },
    { name: 'dashboard summary (hit)', path: '/api/v1/dashboard/summary', headers },
    { name: 'dashboard by-partner (hit)', path: '/api/v1/dashboard/by-partner', headers },
    { name: 'actions list (hit)', path: '/api/v1/actions?pageSize=25', headers },
    { name: 'action detail (hit)', path: `/api/v1/actions/${ready.actionId}`, headers },
  ];
  console.log(
    `${REQUESTS} sequential requests each; DATA_VERSION_MODE=${process.env['DATA_VERSION_MODE'] ?? 'read'}; ` +
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  console.log(
    `case | status | kB | API CPU µs/req | PostgreSQL CPU µs/req | wall µs/req (least of ${ROUNDS} rounds)`,
  );
  const best = new Map<
    string,
    { status: number; kB: number; api: number; pg: number; wall: number }
  >();
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of cases) {
      const first = await get(ready.port, c.path, c.headers);
      for (let i = 0; i < 200; i++) await get(ready.port, c.path, c.headers);
      const backends = await pids();
      const cpu0 = await ask<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
      const pg0 = backendCpuUs(backends);
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < REQUESTS; i++) await get(ready.port, c.path, c.headers);
      const wall = Number(process.hrtime.bigint() - t0) / 1e3 / REQUESTS;
      const pg1 = backendCpuUs(backends);
      const cpu1 = await ask<NodeJS.CpuUsage>(child, 'cpu', 'cpu');
      const api = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / REQUESTS;
      const pg = Math.max(0, (pg1 - pg0) / REQUESTS);
      const was = best.get(c.name);
      best.set(c.name, {
        status: first.status,
        kB: first.bytes / 1024,
        api: Math.min(api, was?.api ?? Infinity),
        pg: Math.min(pg, was?.pg ?? Infinity),
        wall: Math.min(wall, was?.wall ?? Infinity),
      });
    }
  }
  for (const [name, b] of best)
    console.log(
      `${name} | ${b.status} | ${b.kB.toFixed(1)} | ${b.api.toFixed(0)} | ` +
        `${usesEmbedded ? 'n/a' : b.pg.toFixed(0)} | ${b.wall.toFixed(0)}`,
    );
  if (!usesEmbedded) await admin.end();
  agent.destroy();
  child.send('stop');
  await new Promise((resolve) => child.on('exit', resolve));
}

if (process.env['HIT_COST_ROLE'] === 'server') {
  server().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
