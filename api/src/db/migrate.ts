import type { DataSource, Migration } from 'typeorm';

const MIGRATION_LOCK = 'coopera.migrations';

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so replicas starting at
 * the same time run them once: the others wait, then find nothing pending.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    // Waiting for another replica's migrations is not a request: no lock or statement timeout.
    await lock.query(`SET lock_timeout = 0`);
    await lock.query(`SET statement_timeout = 0`);
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock
      .query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK])
      .catch(() => undefined);
    await lock.query(`RESET lock_timeout; RESET statement_timeout`).catch(() => undefined);
    await lock.release();
  }
}
