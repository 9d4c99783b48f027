import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvironmentVariables, parseTrustProxy } from './environment-variables';

export { parseTrustProxy } from './environment-variables';

export interface AppConfig {
  /** Run mode: production turns off the API docs and pretty logs by default; test silences logs. */
  env: 'development' | 'production' | 'test';
  /** HTTP port of the API and the web app. */
  port: number;
  /** Address the server listens on (0.0.0.0: every interface). */
  host: string;
  /** Set when an external PostgreSQL is used; otherwise an embedded server is started. */
  databaseUrl?: string;
  /** Folder of the embedded PostgreSQL's data (git-ignored), used when no DATABASE_URL is set. */
  dataDir: string;
  /** Port of the embedded PostgreSQL. */
  embeddedPgPort: number;
  /** Least severe log level written (pino). */
  logLevel: string;
  /** Human-readable logs instead of JSON lines (default: when the output is a terminal). */
  logPretty: boolean;
  /** Load the demo portfolio and demo users into an empty database. */
  demoData: boolean;
  /** Connections in the app's PostgreSQL pool. */
  dbPoolSize: number;
  /** PostgreSQL's max_parallel_workers_per_gather for the app's connections. */
  dbParallelWorkers: number;
  /**
   * Runs the hottest statements (session check, action detail) as named prepared statements,
   * planned once per connection. Behind PgBouncer in transaction mode: PgBouncer 1.21 or newer
   * with `max_prepared_statements` set, or `false`.
   */
  dbPreparedStatements: boolean;
  /** Longest wait for a connection from the pool (ms) before the request fails fast with 503. */
  dbTimeoutMs: number;
  /** statement_timeout of the app's connections (the client gives up 2 s later). */
  dbStatementTimeoutMs: number;
  /** lock_timeout of the app's connections: a blocked table fails fast with 503. */
  dbLockTimeoutMs: number;
  /** Hours a session lasts without activity before sign-in is asked again. */
  sessionTtlHours: number;
  /** Extra origins (comma-separated) allowed to call the API from a browser; the app's own is always allowed. */
  corsOrigins: string[];
  /** Proxies whose X-Forwarded-* headers are believed: none (false), a hop count, or addresses/CIDRs. */
  trustProxy: false | number | string[];
  /** Strict-Transport-Security and upgrade-insecure-requests: over https only (auto), always, never. */
  hsts: 'auto' | 'on' | 'off';
  /** Serve Swagger UI and the OpenAPI JSON (off by default in production). */
  apiDocs: boolean;
  /** Folder of the built web app served at / (Spanish) and /en/ (English). */
  webDist: string;
  /** IATI identifier of the reporting organisation written in IATI exports (and recognised on import). */
  iatiReportingOrgRef: string;
  /** Exports (files, project sheets, IATI XML) per user — or per address for share links — per minute. */
  exportsPerMinute: number;
  /** Run scheduled jobs (pg-boss) in this process; off in tests unless asked for. */
  jobsEnabled: boolean;
  /** Outgoing mail; without it the digest is not sent. */
  smtpUrl?: string;
  /** Sender of outgoing e-mail. */
  mailFrom: string;
  /** When the weekly digest runs (cron, in {@link digestTimeZone}). */
  digestCron: string;
  /** Time zone of the digest schedule (IANA name). */
  digestTimeZone: string;
  /** Public address of the web app, for links in e-mails (no trailing slash). */
  appUrl: string;
  /** Where the logs go instead of stdout (tests only; not read from the environment). */
  logDestination?: NodeJS.WritableStream;
  /** Faster pg-boss polling (tests only; not read from the environment). */
  jobsTiming?: {
    cronMonitorIntervalSeconds?: number;
    cronWorkerIntervalSeconds?: number;
    pollingIntervalSeconds?: number;
  };
  /** Largest evidence file accepted, in bytes (each file of an upload). */
  evidenceMaxBytes: number;
  /** Largest import upload (bytes, all files together). */
  importMaxBytes: number;
  /** Imports (dry runs included) one user may start per hour. */
  importRateLimit: number;
  /** Heap of the worker thread that reads an import (MiB); beyond it: 413 IMPORT_READ_OUT_OF_MEMORY. */
  importWorkerHeapMb: number;
  /** Longest read of an import's files (ms); beyond it the worker is stopped: 400 IMPORT_READ_TIMEOUT. */
  importReadTimeoutMs: number;
  /** Text one import file may expand to (bytes): 413 IMPORT_TOO_LARGE_UNCOMPRESSED. */
  importMaxUncompressedBytes: number;
  /** Data rows of one table: 400 IMPORT_TOO_MANY_ROWS. */
  importMaxRows: number;
  /** Columns of one table: 400 IMPORT_TOO_MANY_COLUMNS. */
  importMaxColumns: number;
  /** Characters of one cell: 400 IMPORT_CELL_TOO_LONG. */
  importMaxCellChars: number;
  /** Imports read and planned at once in this process; the rest wait in line. */
  importConcurrency: number;
  /** Longest wait in line for an import (ms); then 429 IMPORT_BUSY with Retry-After. */
  importQueueWaitMs: number;
  /** Memory for reused answers (dashboards, lists, action details) per process; 0 turns it off. */
  answerCacheBytes: number;
  /**
   * How a process learns the data version: read with each request's session, or kept in memory
   * with the sessions through LISTEN/NOTIFY (a reused answer then makes no round trip).
   */
  dataVersionMode: 'read' | 'listen';
}

export class ConfigError extends Error {}

const SECRET_VARIABLES = new Set(['DATABASE_URL', 'SMTP_URL']);

/**
 * Validates `source` (normally `process.env`) and returns the typed configuration.
 * Throws a {@link ConfigError} whose message is one line naming the variable and the problem.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    // Never echo a value that may hold a secret (DATABASE_URL carries a password).
    const shown = SECRET_VARIABLES.has(first.property)
      ? ''
      : `=${JSON.stringify(raw[first.property])}`;
    throw new ConfigError(
      `Invalid environment variable ${first.property}${shown}: ${reason.replace(`${first.property} `, '')}`,
    );
  }
  const env = (vars.NODE_ENV ?? 'development') as AppConfig['env'];
  const dataDir = vars.DATA_DIR ?? '.data';
  return {
    env,
    port: vars.PORT ?? 3000,
    host: vars.HOST ?? '0.0.0.0',
    databaseUrl: vars.DATABASE_URL,
    dataDir,
    embeddedPgPort: vars.EMBEDDED_PG_PORT ?? 54329,
    logLevel: vars.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    logPretty: vars.LOG_PRETTY ?? Boolean(process.stdout.isTTY),
    demoData: vars.DEMO_DATA ?? !vars.DATABASE_URL,
    dbPoolSize: vars.DB_POOL_SIZE ?? 10,
    dbParallelWorkers: vars.DB_PARALLEL_WORKERS ?? 0,
    dbPreparedStatements: vars.DB_PREPARED_STATEMENTS ?? true,
    dbTimeoutMs: vars.DB_TIMEOUT_MS ?? 5000,
    dbStatementTimeoutMs:
      vars.DB_STATEMENT_TIMEOUT_MS ?? Math.max((vars.DB_TIMEOUT_MS ?? 5000) * 6, 30_000),
    dbLockTimeoutMs: vars.DB_LOCK_TIMEOUT_MS ?? 3000,
    sessionTtlHours: vars.SESSION_TTL_HOURS ?? 12,
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(vars.TRUST_PROXY),
    hsts: (vars.HSTS ?? 'auto') as AppConfig['hsts'],
    apiDocs: vars.API_DOCS ?? env !== 'production',
    webDist: vars.WEB_DIST ?? 'dist/web/browser',
    iatiReportingOrgRef: vars.IATI_REPORTING_ORG_REF ?? 'XM-COOPERA-IMEPLAN',
    exportsPerMinute: vars.EXPORTS_PER_MINUTE ?? 30,
    jobsEnabled: vars.JOBS_ENABLED ?? env !== 'test',
    smtpUrl: vars.SMTP_URL,
    mailFrom: vars.MAIL_FROM ?? 'Coopera <no-reply@coopera.local>',
    digestCron: (vars.DIGEST_CRON ?? '0 8 * * 1').trim().replace(/\s+/g, ' '),
    digestTimeZone: vars.DIGEST_TIME_ZONE ?? 'America/Mexico_City',
    appUrl: (vars.APP_URL ?? `http://localhost:${vars.PORT ?? 3000}`).replace(/\/+$/, ''),
    evidenceMaxBytes: vars.EVIDENCE_MAX_BYTES ?? 20 * 1024 * 1024,
    importMaxBytes: vars.IMPORT_MAX_BYTES ?? 20 * 1024 * 1024,
    importRateLimit: vars.IMPORT_RATE_LIMIT ?? 60,
    importWorkerHeapMb: vars.IMPORT_WORKER_HEAP_MB ?? 512,
    importReadTimeoutMs: vars.IMPORT_READ_TIMEOUT_MS ?? 120_000,
    importMaxUncompressedBytes: vars.IMPORT_MAX_UNCOMPRESSED_BYTES ?? 64 * 1024 * 1024,
    importMaxRows: vars.IMPORT_MAX_ROWS ?? 100_000,
    importMaxColumns: vars.IMPORT_MAX_COLUMNS ?? 100,
    importMaxCellChars: vars.IMPORT_MAX_CELL_CHARS ?? 32_767,
    importConcurrency: vars.IMPORT_CONCURRENCY ?? 2,
    importQueueWaitMs: vars.IMPORT_QUEUE_WAIT_MS ?? 10_000,
    answerCacheBytes: vars.ANSWER_CACHE_BYTES ?? 64 * 1024 * 1024,
    dataVersionMode: (vars.DATA_VERSION_MODE ?? 'read') as AppConfig['dataVersionMode'],
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
/** The connection string of the app's database (for pg-boss, which keeps its own pool). */
export const DATABASE_URL = Symbol('DATABASE_URL');
