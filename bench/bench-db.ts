/**
 * The benchmark's database: created and migrated on DATABASE_URL's server, else on an embedded
 * PostgreSQL in a temporary folder; dropped at the end unless BENCH_KEEP is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../api/src/db/data-source';
import { startEmbeddedPostgres } from '../api/src/db/embedded-postgres';

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
