import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors';

/**
 * The version a client read: `If-Match: "3"` (or W/"3", or the detail's ETag `"3.<data tag>"`)
 * or a `version` field. Required for updates.
 */
export function requiredVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): number {
  if (typeof ifMatch === 'string' && ifMatch.trim()) {
    const m = /^(?:W\/)?"?(\d{1,9})(?:\.\d+-[\w-]+)?"?$/.exec(ifMatch.trim());
    if (!m) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
        {
          field: 'If-Match',
          code: 'matches',
          message: 'If-Match debe contener la versión, p. ej. "3".',
        },
      ]);
    }
    const fromHeader = Number(m[1]);
    if (bodyVersion !== undefined && bodyVersion !== fromHeader) {
      throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
        { field: 'version', code: 'matches', message: 'version y If-Match no coinciden.' },
      ]);
    }
    return fromHeader;
  }
  if (bodyVersion === undefined)
    throw new AppError(HttpStatus.PRECONDITION_REQUIRED, 'VERSION_REQUIRED');
  return bodyVersion;
}
