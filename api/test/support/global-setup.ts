import { createTestDatabase, TestDatabase } from './test-database';

declare global {
  // eslint-disable-next-line no-var
  var __COOPERA_TEST_DB__: TestDatabase | undefined;
}

/** One database for the run, created and migrated before any test; workers read its URL. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const db = await createTestDatabase();
  globalThis.__COOPERA_TEST_DB__ = db;
  process.env['COOPERA_TEST_DATABASE_URL'] = db.url;
  process.stdout.write(`\nTest database ready in ${Date.now() - started} ms\n`);
}
