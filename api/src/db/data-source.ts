import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
// migrations/ sits at the top level (fixed layout) and is compiled into the API bundle.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { MIGRATIONS } from '../../../migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /** Upper bound for acquiring a connection and for a single statement. */
  timeoutMs?: number;
  /**
   * Longest a statement may run on the server (statement_timeout); the client gives up 2 s later
   * (query_timeout), so a frozen server fails a request instead of holding it. Default: 6 ×
   * timeoutMs, at least 30 s.
   */
  statementTimeoutMs?: number;
  /** Longest a statement waits for a lock (lock_timeout); unset: as long as the statement may run. */
  lockTimeoutMs?: number;
  logging?: boolean;
  /**
   * PostgreSQL's parallel workers per statement (max_parallel_workers_per_gather), set when the
   * connection opens. Coopera runs requests, and a dashboard's statements, side by side: on a
   * small server one core per statement is faster (benchmark, 2 cores: money by year 218 → 135
   * ms); raise it on a large one. Undefined: the server's own setting.
   */
  parallelWorkers?: number;
}

/** The one description of Coopera's database, shared by the app, the CLI and the tests. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  const timeout = options.timeoutMs ?? 5000;
  const statementTimeout = options.statementTimeoutMs ?? Math.max(timeout * 6, 30_000);
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: options.logging ? ['error', 'warn', 'migration'] : false,
    poolSize: options.poolSize ?? 10,
    extra: {
      connectionTimeoutMillis: timeout,
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 2000,
      ...(options.lockTimeoutMs === undefined ? {} : { lock_timeout: options.lockTimeoutMs }),
      idle_in_transaction_session_timeout: 60_000,
      application_name: 'coopera',
      ...(options.parallelWorkers === undefined
        ? {}
        : { options: `-c max_parallel_workers_per_gather=${options.parallelWorkers}` }),
    },
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}
