import { createServer } from 'node:net';
import { Client } from 'pg';
import { createDataSource } from '../../src/db/data-source';

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

/** Creates and migrates a database named `<prefix>_<unique>` on the server of `serverUrl`. */
export async function createDatabaseOn(
  serverUrl: URL,
  prefix = 'coopera_test',
  stopServer: () => Promise<void> = async () => undefined,
): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
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

/** Another database on the test run's server (for tests that must own the whole database). */
export function createTestDatabase(prefix = 'coopera_test_own'): Promise<TestDatabase> {
  const url = process.env['COOPERA_TEST_DATABASE_URL'];
  if (!url) throw new Error('COOPERA_TEST_DATABASE_URL is not set: run through jest');
  return createDatabaseOn(new URL(url), prefix);
}
