import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorBody, ApiErrorDetail } from './models';

/** An API failure in the API's one error shape, whatever actually happened on the wire. */
export interface ApiError {
  status: number;
  code: string;
  message: string;
  details: ApiErrorDetail[];
  /** Raw `details` when it is not a field list (e.g. VERSION_CONFLICT carries `current`). */
  rawDetails?: unknown;
  retryAfterSeconds?: number;
}

function isBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}

function isDetail(value: unknown): value is ApiErrorDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorDetail).field === 'string'
  );
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    const retryAfter = Number(error.headers?.get('Retry-After'));
    const extra =
      Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {};
    if (isBody(error.error)) {
      const details = Array.isArray(error.error.details)
        ? error.error.details.filter(isDetail)
        : [];
      return {
        status: error.status,
        code: error.error.code,
        message: error.error.message,
        details,
        rawDetails: error.error.details,
        ...extra,
      };
    }
    if (error.status === 0) {
      return {
        status: 0,
        code: 'NETWORK_ERROR',
        message: $localize`:@@error.network:No se pudo contactar al servidor. Revisa tu conexión.`,
        details: [],
      };
    }
    return {
      status: error.status,
      code: 'UNEXPECTED',
      message: $localize`:@@error.unexpected:Ocurrió un error inesperado (${error.status}:status:).`,
      details: [],
      ...extra,
    };
  }
  return {
    status: 0,
    code: 'UNEXPECTED',
    message: $localize`:@@error.unknown:Ocurrió un error inesperado.`,
    details: [],
  };
}

/** Field → message map from VALIDATION_FAILED details (first message per field wins). */
export function fieldErrors(error: ApiError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of error?.details ?? []) {
    const key = d.field.split('.')[0];
    out[key] ??= d.message;
  }
  return out;
}
