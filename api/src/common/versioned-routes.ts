import { applyDecorators, Delete, HttpCode, Patch, Type } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorator';

/*
 * The routes of a versioned record (see versioned-write.ts), as every controller declares them:
 * staff change them, the version read travels as `If-Match` or in the body (PATCH) or as
 * `?version=` (DELETE, optional), a stale one answers 409 VERSION_CONFLICT.
 */

/** PATCH `path`: staff only, `If-Match` accepted, answers `type` (200). */
export function VersionedPatch(path: string | undefined, type: Type<unknown>): MethodDecorator {
  return applyDecorators(
    Patch(path),
    Roles('staff'),
    ApiHeader({ name: 'If-Match', required: false }),
    ApiOkResponse({ type }),
  );
}

/** DELETE `path`: staff only, audited, answers 204. */
export function AuditedDelete(path?: string): MethodDecorator {
  return applyDecorators(Delete(path), Roles('staff'), HttpCode(204), ApiNoContentResponse());
}
