import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { createDatabaseOn, freePort, TestDatabase } from './test-database';

declare global {
  var __COOPERA_TEST_DB__: TestDatabase | undefined;
}

/**
 * One database for the run, created and migrated before any test: on DATABASE_URL's server when
 * given, otherwise on an embedded PostgreSQL in a temporary folder. Workers read its URL.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  let db: TestDatabase;
  if (process.env['DATABASE_URL']) {
    db = await createDatabaseOn(new URL(process.env['DATABASE_URL']));
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'coopera-pg-'));
    const server = await startEmbeddedPostgres({
      dir,
      port: await freePort(),
      database: 'postgres',
    });
    db = await createDatabaseOn(new URL(server.url), 'coopera_test', async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });
  }
  globalThis.__COOPERA_TEST_DB__ = db;
  process.env['COOPERA_TEST_DATABASE_URL'] = db.url;
  process.stdout.write(
    `\nTest database ready in ${Date.now() - started} ms (${db.url.replace(/:[^:@/]*@/, ':***@')})\n`,
  );
}
