import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const IPV4 = String.raw`(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?`;
const IPV6 = String.raw`[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(\/\d{1,3})?`;
const NAMED = 'loopback|linklocal|uniquelocal';
const ADDRESS = `(${IPV4}|${IPV6}|${NAMED})`;
/** off/false, a hop count, or a list of addresses, CIDRs or proxy-addr's named ranges. */
const TRUST_PROXY_PATTERN = new RegExp(
  `^\\s*(off|false|0|[1-9]|10|${ADDRESS}(\\s*,\\s*${ADDRESS})*)\\s*$`,
  'i',
);

/**
 * Which clients may set X-Forwarded-For / -Proto / -Host: none (off), the n nearest hops, or
 * the listed addresses/CIDRs. Fastify's `trustProxy` option takes each form as is.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = (value ?? '').trim().toLowerCase();
  if (!v || v === 'off' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v.split(',').map((a) => a.trim());
}

/** Every environment variable Coopera reads, validated once at start-up. */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 65535' })
  @Min(1, { message: 'must be an integer between 1 and 65535' })
  @Max(65535, { message: 'must be an integer between 1 and 65535' })
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s/]*@?[^\s/]+(:\d+)?\/[^\s/?]+(\?\S*)?$/, {
    message: 'must be a URL like postgres://user:password@host:5432/database',
  })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1024 and 65535' })
  @Min(1024, { message: 'must be an integer between 1024 and 65535' })
  @Max(65535, { message: 'must be an integer between 1024 and 65535' })
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  LOG_PRETTY?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  DEMO_DATA?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  DB_POOL_SIZE?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer between 0 and 16' })
  @Min(0, { message: 'must be an integer between 0 and 16' })
  @Max(16, { message: 'must be an integer between 0 and 16' })
  DB_PARALLEL_WORKERS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (≥ 100)' })
  @Min(100, { message: 'must be an integer number of milliseconds (≥ 100)' })
  DB_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (1000–3600000)' })
  @Min(1000, { message: 'must be an integer number of milliseconds (1000–3600000)' })
  @Max(3600000, { message: 'must be an integer number of milliseconds (1000–3600000)' })
  DB_STATEMENT_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of milliseconds (100–3600000)' })
  @Min(100, { message: 'must be an integer number of milliseconds (100–3600000)' })
  @Max(3600000, { message: 'must be an integer number of milliseconds (100–3600000)' })
  DB_LOCK_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of hours (1–720)' })
  @Min(1, { message: 'must be an integer number of hours (1–720)' })
  @Max(720, { message: 'must be an integer number of hours (1–720)' })
  SESSION_TTL_HOURS?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @IsOptional()
  @Matches(TRUST_PROXY_PATTERN, {
    message:
      'must be off, a number of proxy hops (1–10), or a comma-separated list of addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8, or loopback)',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @IsIn(['auto', 'on', 'off'])
  HSTS?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  API_DOCS?: boolean;

  @IsOptional()
  @IsString()
  WEB_DIST?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}-[A-Za-z0-9-]+$/, {
    message: 'must be an IATI organisation identifier such as MX-RFC-IPG140101ABC',
  })
  IATI_REPORTING_ORG_REF?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of requests per minute (1–10000)' })
  @Min(1, { message: 'must be an integer number of requests per minute (1–10000)' })
  @Max(10000, { message: 'must be an integer number of requests per minute (1–10000)' })
  EXPORTS_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  JOBS_ENABLED?: boolean;

  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, {
    message: 'must be a URL like smtp://user:password@mail.example.org:587 (or smtps://…:465)',
  })
  SMTP_URL?: string;

  @IsOptional()
  @Matches(/^(.+<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'must be an e-mail address, optionally with a name: Coopera <coopera@example.org>',
  })
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^\S+(\s+\S+){4}$/, {
    message: 'must be a five-field cron expression such as "0 8 * * 1" (Mondays 08:00)',
  })
  DIGEST_CRON?: string;

  @IsOptional()
  @Matches(/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/, {
    message: 'must be an IANA time zone such as America/Mexico_City',
  })
  DIGEST_TIME_ZONE?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/\S*)?$/, {
    message: 'must be the public address of the app, such as https://coopera.example.org',
  })
  APP_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be an integer number of bytes between 1024 and 536870912 (512 MiB)' })
  @Min(1024, { message: 'must be an integer number of bytes between 1024 and 536870912 (512 MiB)' })
  @Max(536870912, {
    message: 'must be an integer number of bytes between 1024 and 536870912 (512 MiB)',
  })
  EVIDENCE_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of bytes between 1024 and 1073741824' })
  @Min(1024, { message: 'must be a number of bytes between 1024 and 1073741824' })
  @Max(1073741824, { message: 'must be a number of bytes between 1024 and 1073741824' })
  IMPORT_MAX_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of imports per hour between 1 and 10000' })
  @Min(1, { message: 'must be a number of imports per hour between 1 and 10000' })
  @Max(10000, { message: 'must be a number of imports per hour between 1 and 10000' })
  IMPORT_RATE_LIMIT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of MiB between 64 and 16384' })
  @Min(64, { message: 'must be a number of MiB between 64 and 16384' })
  @Max(16384, { message: 'must be a number of MiB between 64 and 16384' })
  IMPORT_WORKER_HEAP_MB?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of milliseconds between 1000 and 3600000' })
  @Min(1000, { message: 'must be a number of milliseconds between 1000 and 3600000' })
  @Max(3600000, { message: 'must be a number of milliseconds between 1000 and 3600000' })
  IMPORT_READ_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of bytes between 1024 and 4294967296' })
  @Min(1024, { message: 'must be a number of bytes between 1024 and 4294967296' })
  @Max(4294967296, { message: 'must be a number of bytes between 1024 and 4294967296' })
  IMPORT_MAX_UNCOMPRESSED_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of rows between 1 and 10000000' })
  @Min(1, { message: 'must be a number of rows between 1 and 10000000' })
  @Max(10000000, { message: 'must be a number of rows between 1 and 10000000' })
  IMPORT_MAX_ROWS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of columns between 30 and 16384' })
  @Min(30, { message: 'must be a number of columns between 30 and 16384' })
  @Max(16384, { message: 'must be a number of columns between 30 and 16384' })
  IMPORT_MAX_COLUMNS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of characters between 100 and 10000000' })
  @Min(100, { message: 'must be a number of characters between 100 and 10000000' })
  @Max(10000000, { message: 'must be a number of characters between 100 and 10000000' })
  IMPORT_MAX_CELL_CHARS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of imports between 1 and 64' })
  @Min(1, { message: 'must be a number of imports between 1 and 64' })
  @Max(64, { message: 'must be a number of imports between 1 and 64' })
  IMPORT_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of milliseconds between 0 and 600000' })
  @Min(0, { message: 'must be a number of milliseconds between 0 and 600000' })
  @Max(600000, { message: 'must be a number of milliseconds between 0 and 600000' })
  IMPORT_QUEUE_WAIT_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'must be a number of bytes between 0 (off) and 4294967296' })
  @Min(0, { message: 'must be a number of bytes between 0 (off) and 4294967296' })
  @Max(4294967296, { message: 'must be a number of bytes between 0 (off) and 4294967296' })
  ANSWER_CACHE_BYTES?: number;

  @IsOptional()
  @IsIn(['read', 'listen'], { message: 'must be read or listen' })
  DATA_VERSION_MODE?: string;
}

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
