#!/usr/bin/env node
// `npm run e2e [-- <playwright args>]`: end-to-end tests against the built app.
//
// Starts `node dist/api/main.js` on a free port with a throwaway embedded PostgreSQL (its own
// DATA_DIR in the OS temp folder, its own free port) and the demo data, waits until
// /api/health/ready answers, runs Playwright (e2e/playwright.config.ts) with BASE_URL set, stops
// the server and removes the temp folder. Exits with Playwright's exit code.
// Builds first (nx run-many -t build -p api,web) only when dist/ lacks the api or the web app.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = join(ROOT, 'e2e');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

Object.assign(process.env, {
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NG_CLI_ANALYTICS: 'false',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
});

/** Set once the server and its temp folder exist: stops and removes them if main() throws. */
let onCrash = null;

const log = (message) => console.log(`[e2e] ${message}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function ensureBuild() {
  const needed = [join(ROOT, 'dist/api/main.js'), join(ROOT, 'dist/web/browser/es-MX/index.html')];
  const missing = needed.filter((f) => !existsSync(f));
  if (!missing.length) return;
  log(`missing ${missing.map((f) => f.slice(ROOT.length + 1)).join(', ')}: building api and web`);
  const build = spawnSync(
    'npx',
    ['nx', 'run-many', '-t', 'build', '-p', 'api,web', '--output-style=static'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    log(`build failed (exit ${build.status ?? build.signal})`);
    process.exit(build.status || 1);
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a postgres left behind when the server had to be killed, so its folder can go. */
async function stopOrphanPostgres(pgDir) {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`stopping orphan PostgreSQL (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

async function main() {
  ensureBuild();

  const [port, pgPort] = await Promise.all([freePort(), freePort()]);
  if (port === pgPort) throw new Error('got the same free port twice; run again');
  const dataDir = mkdtempSync(join(tmpdir(), 'coopera-e2e-'));
  onCrash = async () => rmSync(dataDir, { recursive: true, force: true });
  // mkdtemp makes it 0700; as root, embedded PostgreSQL runs as the `postgres` user and must reach it.
  chmodSync(dataDir, 0o755);
  const artifacts = join(E2E, 'artifacts');
  mkdirSync(artifacts, { recursive: true });
  const serverLogPath = join(artifacts, 'server.log');
  const serverLog = createWriteStream(serverLogPath);
  const baseUrl = `http://127.0.0.1:${port}`;

  log(
    `starting node dist/api/main.js on ${baseUrl} (DATA_DIR ${dataDir}, embedded PostgreSQL on ${pgPort})`,
  );
  const serverEnv = { ...process.env };
  delete serverEnv.DATABASE_URL; // always the throwaway embedded database
  const server = spawn(process.execPath, ['dist/api/main.js'], {
    cwd: ROOT,
    env: {
      ...serverEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      DEMO_DATA: 'true',
      LOG_PRETTY: 'false',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      NODE_ENV: 'production',
      // The suites download every format several times a minute as the same demo users; the
      // limit itself is tested in api/test/exports.int-spec.ts.
      EXPORTS_PER_MINUTE: '600',
      IMPORT_RATE_LIMIT: '600',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(serverLog, { end: false });
  server.stderr.pipe(serverLog, { end: false });
  let exited = null;
  const exitPromise = new Promise((r) =>
    server.on('exit', (code, signal) => {
      exited = { code, signal };
      r(exited);
    }),
  );

  // Called after cleanUp(), once the log stream is closed.
  const printServerLog = () => {
    console.error(`----- server log (${serverLogPath}) -----`);
    console.error(readFileSync(serverLogPath, 'utf8').trimEnd());
    console.error('----- end of server log -----');
  };

  let cleanedUp = false;
  const cleanUp = async () => {
    if (cleanedUp) return;
    cleanedUp = true;
    if (!exited) {
      log('stopping the server (SIGTERM)');
      server.kill('SIGTERM');
      const stopped = await Promise.race([exitPromise, sleep(STOP_TIMEOUT_MS).then(() => null)]);
      if (!stopped) {
        log(`the server did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
        server.kill('SIGKILL');
        await exitPromise;
      }
    }
    await stopOrphanPostgres(join(dataDir, 'postgres'));
    await new Promise((r) => serverLog.end(r));
    rmSync(dataDir, { recursive: true, force: true });
  };

  onCrash = cleanUp;

  let playwright = null;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      log(`${signal}: stopping`);
      playwright?.kill(signal);
      await cleanUp();
      process.exit(130);
    });
  }

  // Wait for readiness (the first start runs initdb, migrations and the demo seed).
  const started = Date.now();
  let ready = false;
  while (!ready && !exited && Date.now() - started < READY_TIMEOUT_MS) {
    try {
      const response = await fetch(`${baseUrl}/api/health/ready`, {
        signal: AbortSignal.timeout(2000),
      });
      ready = response.ok;
    } catch {
      // not listening yet
    }
    if (!ready) await sleep(250);
  }
  if (!ready) {
    log(
      exited
        ? `the server exited before it was ready (code ${exited.code}, signal ${exited.signal})`
        : `the server was not ready within ${READY_TIMEOUT_MS / 1000} s`,
    );
    await cleanUp();
    printServerLog();
    process.exit(1);
  }
  log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const code = await new Promise((resolveCode) => {
    playwright = spawn(
      'npx',
      ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...process.argv.slice(2)],
      {
        cwd: ROOT,
        env: { ...process.env, BASE_URL: baseUrl },
        stdio: 'inherit',
      },
    );
    playwright.on('exit', (c, signal) => resolveCode(c ?? (signal ? 1 : 0)));
    playwright.on('error', (e) => {
      console.error(e);
      resolveCode(1);
    });
  });

  const serverDied = exited;
  await cleanUp();
  if (serverDied) {
    log(
      `the server stopped during the tests (code ${serverDied.code}, signal ${serverDied.signal})`,
    );
    printServerLog();
  }
  log(`server log: ${serverLogPath}`);
  process.exit(code || (serverDied ? 1 : 0));
}

main().catch(async (error) => {
  console.error(error);
  await onCrash?.().catch(() => undefined);
  process.exit(1);
});
