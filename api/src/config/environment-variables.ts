import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

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
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  DB_PREPARED_STATEMENTS?: boolean;

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
