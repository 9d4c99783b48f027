import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Role } from '../../src/auth/access.decorator';
import { insertUser, TEST_PASSWORD } from './test-app';
import { freePort } from './test-database';

/**
 * The API as a separate process (ts-node on the sources, or a built dist/api/main.js), so that a
 * test can watch it from outside: its liveness, its memory, whether it stays up.
 */
export interface ApiProcess {
  base: string;
  pid: number;
  child: ChildProcess;
  /** Everything the process wrote on stderr so far. */
  stderr(): string;
  /** Peak resident memory of the process (VmHWM), in bytes. */
  peakRss(): number;
  stop(): Promise<void>;
}

export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: {
    root?: string;
    main?: string;
    stdout?: 'inherit' | 'ignore';
    execArgv?: string[];
  } = {},
): Promise<ApiProcess> {
  const root = options.root ?? join(__dirname, '..', '..', '..');
  const port = await freePort();
  const args = [
    ...(options.execArgv ?? []),
    ...(options.main ? [options.main] : ['-r', 'ts-node/register', 'api/src/main.ts']),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'error',
      TS_NODE_PROJECT: 'api/tsconfig.app.json',
      TS_NODE_TRANSPILE_ONLY: 'true',
      ...env,
    },
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API exited: ${stderr}`);
    const ok = await fetch(`${base}/api/health/live`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`API did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid ?? 0;
  return {
    base,
    pid,
    child,
    stderr: () => stderr,
    peakRss: () => {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A user of `role` signed in over HTTP: the cookie and CSRF headers to send. */
export async function signInOverHttp(
  base: string,
  ds: DataSource,
  role: Role,
): Promise<Record<string, string>> {
  const { email } = await insertUser(ds, role);
  const res = await fetch(`${base}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-xsrf-token': csrf };
}

/** POSTs one file to an import endpoint; the status, the body and how long it took. */
export async function postImport(
  base: string,
  headers: Record<string, string>,
  kind: 'workbook' | 'csv' | 'iati',
  file: { name: string; data: Buffer },
  dryRun = true,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers; ms: number }> {
  const started = Date.now();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.data)]), file.name);
  const res = await fetch(`${base}/api/v1/imports/${kind}?dryRun=${dryRun}`, {
    method: 'POST',
    headers,
    body: form,
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body, headers: res.headers, ms: Date.now() - started };
}

export interface Liveness {
  samples: number;
  /** Latency of the answers (ms), from when each request was due. */
  p50: number;
  p99: number;
  max: number;
  /**
   * The largest latency the API's own event loop can account for: per sample, the smaller of the
   * latency and the CPU time its main thread used meanwhile. On a machine shared with other
   * work, a late answer while the main thread sat idle was the scheduler's doing, not the API's.
   */
  blockedMax: number;
  failures: number;
}

/**
 * Asks GET /api/health/live every 50 ms from a separate process (so that nothing the test itself
 * does delays a sample) until stopped. Each latency counts from when the request was due. Resolves
 * once the sampler runs (its first, unmeasured request done).
 */
export async function sampleLiveness(
  base: string,
  pid: number,
): Promise<{ stop(): Promise<Liveness> }> {
  const script = `
    const fs = require('node:fs');
    const latencies = []; const blocked = []; let failures = 0; let running = true;
    // CPU time of the API's main thread (its thread id is the process id), in ms (10 ms ticks).
    const cpu = () => {
      try {
        const stat = fs.readFileSync('/proc/' + process.env.PID + '/task/' + process.env.PID + '/stat', 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(f[11]) + Number(f[12])) * 10;
      } catch { return Infinity; }
    };
    process.stdin.on('data', () => { running = false; });
    (async () => {
      await (await fetch(process.env.BASE + '/api/health/live')).arrayBuffer();
      process.stdout.write('ready\\n');
      let due = performance.now() + 50;
      while (running) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const cpu0 = cpu();
        try {
          const res = await fetch(process.env.BASE + '/api/health/live');
          await res.arrayBuffer();
          if (res.status !== 200) failures++;
        } catch { failures++; }
        const end = performance.now();
        latencies.push(end - due);
        blocked.push(Math.min(end - due, cpu() - cpu0));
        due = end + 50;
      }
      latencies.sort((a, b) => a - b);
      const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
      const blockedMax = Math.round(Math.max(0, ...blocked));
      process.stdout.write(JSON.stringify({ samples: latencies.length, p50: at(0.5), p99: at(0.99), max: at(1), blockedMax, failures }));
      process.exit(0);
    })();`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { ...process.env, BASE: base, PID: String(pid) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.once('exit', () => reject(new Error('the liveness sampler stopped')));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n')) resolve();
    });
  });
  return {
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin?.write('stop\n');
      await exited;
      return JSON.parse(out.slice('ready\n'.length)) as Liveness;
    },
  };
}
