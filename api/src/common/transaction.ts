import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { isSerializationFailure } from './db-errors';

const logger = new Logger('Transaction');

/**
 * Runs `work` in one transaction; when PostgreSQL aborts it as a serialization failure or a
 * deadlock victim (40001, 40P01) — nothing of it was written — it runs it once more from the
 * start. A second failure propagates (and becomes 409 for the client). `work` must only touch
 * the database through `manager`, so running it twice is safe.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    if (!isSerializationFailure(error)) throw error;
    logger.warn(
      `transaction retried after ${(error as { code?: string }).code ?? 'a serialization failure'}`,
    );
    return dataSource.transaction(work);
  }
}
