import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A database of its own for a test run: on DATABASE_URL's server when given, otherwise on an
 * embedded PostgreSQL in a temporary folder. Created and migrated here, dropped by `drop()`.
 */
export async function createTestDatabase(prefix = 'coopera_test'): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  let serverUrl: URL;
  let stopServer: () => Promise<void> = async () => undefined;
  if (process.env['DATABASE_URL']) {
    serverUrl = new URL(process.env['DATABASE_URL']);
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'coopera-pg-'));
    const server = await startEmbeddedPostgres({ dir, port: await freePort(), database: 'postgres' });
    serverUrl = new URL(server.url);
    stopServer = async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const admin = new URL(serverUrl.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  const url = new URL(serverUrl.toString());
  url.pathname = `/${name}`;
  const ds = createDataSource({ url: url.toString() });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await stopServer();
    },
  };
}
