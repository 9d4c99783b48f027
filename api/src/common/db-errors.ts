import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from './errors';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

const CONNECTION_TEXT =
  /timeout exceeded when trying to connect|Query read timeout|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)/i;

function pgCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isConnectionError(error: unknown): boolean {
  const code = pgCode(error);
  if (code && CONNECTION_CODES.has(code)) return true;
  return error instanceof Error && CONNECTION_TEXT.test(error.message);
}

export function isSerializationFailure(error: unknown): boolean {
  const code = pgCode(error);
  return code === '40001' || code === '40P01';
}

/** Maps database failures to meaning; returns undefined for errors that are not the database's. */
export function mapDatabaseError(error: unknown): AppError | undefined {
  if (isConnectionError(error)) {
    return new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', undefined, {
      'Retry-After': '5',
    });
  }
  if (!(error instanceof QueryFailedError)) return undefined;
  switch (pgCode(error)) {
    case '23505':
      return new AppError(HttpStatus.CONFLICT, 'CONFLICT');
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new AppError(HttpStatus.BAD_REQUEST, 'CONSTRAINT_VIOLATION');
    case '23503':
      return new AppError(HttpStatus.CONFLICT, 'CONSTRAINT_VIOLATION');
    case '40001':
    case '40P01':
      return new AppError(HttpStatus.CONFLICT, 'VERSION_CONFLICT');
    case '57014': // statement timeout / cancelled
    case '55P03': // lock_timeout: a table held by someone else
      return new AppError(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', undefined, {
        'Retry-After': '5',
      });
    default:
      return undefined;
  }
}

/**
 * Rows changed by an UPDATE/DELETE run through `manager.query()`: TypeORM's PostgreSQL driver
 * answers `[rows, affectedCount]` for those statements (and plain rows for SELECT/INSERT).
 */
export function affectedRows(result: unknown): number {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[1];
  }
  return Array.isArray(result) ? result.length : 0;
}

/** Whether `error` is PostgreSQL's unique violation (23505) of the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const d = e.driverError ?? e;
  return d.code === '23505' && d.constraint === constraint;
}
