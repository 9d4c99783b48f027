/**
 * The benchmark's database: created and migrated (as the tests create theirs) on DATABASE_URL's
 * server, else on an embedded PostgreSQL in a temporary folder; dropped at the end unless
 * BENCH_KEEP is set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../api/src/db/embedded-postgres';
import { createDatabaseOn, freePort } from '../api/test/support/test-database';

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
  const db = await createDatabaseOn(server, 'coopera_bench', stop);
  return {
    url: db.url,
    async drop() {
      if (process.env['BENCH_KEEP']) {
        console.log(`Kept the database: ${db.url}`);
        return;
      }
      await db.drop();
    },
  };
}
