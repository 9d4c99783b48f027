/**
 * What one reused answer costs, in CPU time rather than wall time (the figures hold on a loaded
 * machine): the API runs in a child process of its own (production settings, bench/api-process.ts),
 * this process sends HIT_COST_REQUESTS sequential keep-alive requests per endpoint and reads the
 * CPU time of the API process (process.cpuUsage, over IPC) and of its PostgreSQL backends
 * (/proc/<pid>/stat) before and after. The access log is on and written to standard output (a
 * pipe). A 404 under /api is the floor (HTTP, hooks, logging, no session, no handler).
 *
 *   npm run bench:hit            (HIT_COST_REQUESTS=2000; DATA_VERSION_MODE=read|listen)
 *   HIT_COST_PROFILE=<dir>       writes a --cpu-prof profile of the API process there
 *
 * Demo portfolio (answers of 1–20 kB); the answer's size matters only for the socket write.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest, Agent } from 'node:http';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { hashPassword } from '../api/src/auth/password';
import { ApiProcess, startApiProcess } from './api-process';
import { benchDatabase } from './bench-db';

const REQUESTS = Number(process.env['HIT_COST_REQUESTS'] ?? 2000);
const ROUNDS = Number(process.env['HIT_COST_ROUNDS'] ?? 3);
const TICK_US = 1e6 / 100; // /proc stat clock ticks (USER_HZ = 100)

interface Case {
  name: string;
  path: string;
  headers: Record<string, string>;
}
interface Best {
  status: number;
  kB: number;
  api: number;
  pg: number;
  wall: number;
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

/** A director signed in through the API, and the endpoints to measure. */
async function cases(api: ApiProcess, db: Client): Promise<Case[]> {
  const email = 'director@hit.coopera';
  await db.query(
    `INSERT INTO users (email, name, password_hash, role) VALUES ($1, 'Hit director', $2, 'director')`,
    [email, await hashPassword('Hit-Password-2024')],
  );
  const signIn = await fetch(`http://127.0.0.1:${api.port}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'Hit-Password-2024' }),
  });
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const action = await db.query<{ id: string }>(`SELECT id FROM actions ORDER BY code LIMIT 1`);
  const headers = { cookie, 'accept-language': 'es-MX' };
  return [
    { name: '404 under /api (floor)', path: '/api/v1/nothing-here', headers: {} },
    { name: 'health/live (no session)', path: '/api/health/live', headers: {} },
    { name: 'dashboard summary (hit)', path: '/api/v1/dashboard/summary', headers },
    { name: 'dashboard by-partner (hit)', path: '/api/v1/dashboard/by-partner', headers },
    { name: 'actions list (hit)', path: '/api/v1/actions?pageSize=25', headers },
    { name: 'action detail (hit)', path: `/api/v1/actions/${action.rows[0].id}`, headers },
  ];
}

/** One round of one case: REQUESTS requests after 200 to warm up, CPU per request. */
async function measure(api: ApiProcess, c: Case, pids: () => Promise<number[]>): Promise<Best> {
  const first = await get(api.port, c.path, c.headers);
  for (let i = 0; i < 200; i++) await get(api.port, c.path, c.headers);
  const backends = await pids();
  const cpu0 = (await api.stats()).cpu;
  const pg0 = backendCpuUs(backends);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i++) await get(api.port, c.path, c.headers);
  const wall = Number(process.hrtime.bigint() - t0) / 1e3 / REQUESTS;
  const pg1 = backendCpuUs(backends);
  const cpu1 = (await api.stats()).cpu;
  return {
    status: first.status,
    kB: first.bytes / 1024,
    api: (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / REQUESTS,
    pg: Math.max(0, (pg1 - pg0) / REQUESTS),
    wall,
  };
}

async function main() {
  const db = await benchDatabase();
  const api = await startApiProcess({
    databaseUrl: db.url,
    logLevel: 'info',
    seedDemo: true,
    profileDir: process.env['HIT_COST_PROFILE'],
  });
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const dbName = new URL(db.url).pathname.slice(1);
    const pids = async () =>
      (
        await client.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [dbName],
        )
      ).rows.map((r) => r.pid);
    const list = await cases(api, client);
    console.log(
      `${REQUESTS} sequential requests each; DATA_VERSION_MODE=${process.env['DATA_VERSION_MODE'] ?? 'read'}; ` +
        `load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    console.log(
      `case | status | kB | API CPU µs/req | PostgreSQL CPU µs/req | wall µs/req (least of ${ROUNDS} rounds)`,
    );
    const best = new Map<string, Best>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of list) {
        const b = await measure(api, c, pids);
        const was = best.get(c.name);
        best.set(c.name, {
          ...b,
          api: Math.min(b.api, was?.api ?? Infinity),
          pg: Math.min(b.pg, was?.pg ?? Infinity),
          wall: Math.min(b.wall, was?.wall ?? Infinity),
        });
      }
    }
    for (const [name, b] of best)
      console.log(
        `${name} | ${b.status} | ${b.kB.toFixed(1)} | ${b.api.toFixed(0)} | ${b.pg.toFixed(0)} | ${b.wall.toFixed(0)}`,
      );
  } finally {
    agent.destroy();
    await client.end();
    await api.stop();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
