#!/usr/bin/env node
// The app the browser tests drive, started and stopped by Playwright (`webServer` in
// e2e/playwright.config.ts, which waits for /api/health/ready and sends SIGTERM at the end).
//
// Runs `node dist/api/main.js` on $PORT with a throwaway embedded PostgreSQL (its own DATA_DIR in
// the OS temp folder, its own free port) and the demo data; its log goes to
// e2e/artifacts/server.log. On SIGTERM or SIGINT it stops the server, stops a PostgreSQL left
// behind and removes the folder. If the server stops on its own, prints its log and exits 1.
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOG_PATH = join(ROOT, 'e2e', 'artifacts', 'server.log');
const STOP_TIMEOUT_MS = 15_000;

const log = (message) => console.error(`[e2e server] ${message}`);
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

/** The server's environment: always the throwaway embedded database, never DATABASE_URL. */
function serverEnv(dataDir, pgPort) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return {
    ...env,
    HOST: '127.0.0.1',
    PORT: process.env.PORT,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_DATA: 'true',
    LOG_PRETTY: 'false',
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
    NODE_ENV: 'production',
    // The suites download every format several times a minute as the same demo users; the
    // limits themselves are tested in api/test/exports-rate-limits.int-spec.ts.
    EXPORTS_PER_MINUTE: '600',
    IMPORT_RATE_LIMIT: '600',
  };
}

async function main() {
  if (!process.env.PORT) throw new Error('PORT is not set (e2e/playwright.config.ts sets it)');
  const pgPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'coopera-e2e-'));
  // mkdtemp makes it 0700; as root, embedded PostgreSQL runs as the `postgres` user and must reach it.
  chmodSync(dataDir, 0o755);
  mkdirSync(dirname(LOG_PATH), { recursive: true });
  const serverLog = createWriteStream(LOG_PATH);
  log(
    `node dist/api/main.js on port ${process.env.PORT} (DATA_DIR ${dataDir}, PostgreSQL on ${pgPort})`,
  );
  const server = spawn(process.execPath, ['dist/api/main.js'], {
    cwd: ROOT,
    env: serverEnv(dataDir, pgPort),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout.pipe(serverLog, { end: false });
  server.stderr.pipe(serverLog, { end: false });
  const exited = new Promise((r) => server.on('exit', (code, signal) => r({ code, signal })));

  let stopping = false;
  const cleanUp = async () => {
    const stopped = await Promise.race([exited, sleep(STOP_TIMEOUT_MS).then(() => null)]);
    if (!stopped) {
      log(`the server did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing it`);
      server.kill('SIGKILL');
      await exited;
    }
    await stopOrphanPostgres(join(dataDir, 'postgres'));
    await new Promise((r) => serverLog.end(r));
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      server.kill('SIGTERM');
      await cleanUp();
      process.exit(0);
    });
  }
  const { code, signal } = await exited;
  if (stopping) return;
  stopping = true;
  await cleanUp();
  log(`the server stopped on its own (code ${code}, signal ${signal}); its log (${LOG_PATH}):`);
  console.error(readFileSync(LOG_PATH, 'utf8').trimEnd());
  process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
