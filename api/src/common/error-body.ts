import { HttpException, HttpStatus } from '@nestjs/common';
import { mapDatabaseError } from './db-errors';
import { AppError, ErrorCode, Locale, messageFor } from './errors';
import { flattenValidationErrors, ValidationFailed } from './validation';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True for failures nobody expected: they are logged with their stack. */
  unexpected: boolean;
}

const BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
  503: 'DATABASE_UNAVAILABLE',
};

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/** Turns anything thrown into the API's one error shape, in the request's language. */
export function toErrorResponse(error: unknown, locale: Locale, requestId?: string): ErrorResponse {
  const mapped = error instanceof AppError ? error : mapDatabaseError(error);
  if (mapped) {
    const details =
      mapped instanceof ValidationFailed
        ? flattenValidationErrors(mapped.errors, locale)
        : mapped.details;
    return {
      status: mapped.status,
      body: {
        statusCode: mapped.status,
        code: mapped.code,
        message: messageFor(mapped.code, locale),
        ...(details !== undefined ? { details } : {}),
      },
      headers: mapped.headers ?? {},
      unexpected: false,
    };
  }
  const fastifyCode = (error as { code?: unknown })?.code;
  const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
  let status: number | undefined;
  let code: ErrorCode | undefined;
  if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
    code = FASTIFY_CODES[fastifyCode];
    status = typeof fastifyStatus === 'number' ? fastifyStatus : 400;
  } else if (error instanceof HttpException) {
    status = error.getStatus();
    code = BY_STATUS[status] ?? (status < 500 ? 'BAD_REQUEST' : undefined);
    // Nest wraps Fastify's JSON parser failure in a plain 400.
    if (status === 400 && /not valid JSON|Unexpected (token|end)/i.test(error.message))
      code = 'MALFORMED_JSON';
  } else if ((error as Error)?.name === 'SyntaxError' && fastifyStatus === 400) {
    status = 400;
    code = 'MALFORMED_JSON';
  } else if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    status = fastifyStatus;
    code = BY_STATUS[status] ?? 'BAD_REQUEST';
  }
  if (status !== undefined && code !== undefined) {
    return {
      status,
      body: { statusCode: status, code, message: messageFor(code, locale) },
      headers: {},
      unexpected: false,
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: {
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: messageFor('INTERNAL_ERROR', locale),
      ...(requestId ? { requestId } : {}),
    },
    headers: {},
    unexpected: true,
  };
}
