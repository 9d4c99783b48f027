import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors';
import type { ImportLimits, ImportLocation } from './import-model';

/** The defaults of the IMPORT_MAX_* settings (see docs/security.md, "Limits"). */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxUncompressedBytes: 64 * 1024 * 1024,
  maxRows: 100_000,
  maxColumns: 100,
  maxCellChars: 32_767,
};

/** 413: the file's text is larger than IMPORT_MAX_UNCOMPRESSED_BYTES. */
export function tooLargeUncompressed(
  limits: ImportLimits,
  where: ImportLocation & { entry?: string },
  value: number,
): AppError {
  return new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'IMPORT_TOO_LARGE_UNCOMPRESSED', {
    ...where,
    setting: 'IMPORT_MAX_UNCOMPRESSED_BYTES',
    limit: limits.maxUncompressedBytes,
    value,
  });
}

/** 400: a table has more data rows than IMPORT_MAX_ROWS (`row`: where the reader stopped). */
export function tooManyRows(limits: ImportLimits, where: ImportLocation): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_TOO_MANY_ROWS', {
    ...where,
    setting: 'IMPORT_MAX_ROWS',
    limit: limits.maxRows,
  });
}

/** 400: a row has a value beyond column IMPORT_MAX_COLUMNS (`value`: that column's number). */
export function tooManyColumns(
  limits: ImportLimits,
  where: ImportLocation,
  value: number,
): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_TOO_MANY_COLUMNS', {
    ...where,
    setting: 'IMPORT_MAX_COLUMNS',
    limit: limits.maxColumns,
    value,
  });
}

/** 400: a cell holds more than IMPORT_MAX_CELL_CHARS characters. */
export function cellTooLong(limits: ImportLimits, where: ImportLocation, value: number): AppError {
  return new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CELL_TOO_LONG', {
    ...where,
    setting: 'IMPORT_MAX_CELL_CHARS',
    limit: limits.maxCellChars,
    value,
  });
}
