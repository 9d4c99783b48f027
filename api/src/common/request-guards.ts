import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { toErrorResponse } from './error-body';
import { AppError, ErrorCode, localeOf, messageFor } from './errors';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './nesting';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The only request bodies an API write accepts: JSON everywhere, and the upload formats of the
 * upload routes (matched on the route's pattern). HTML forms (urlencoded, multipart, text/plain)
 * can be sent by any other site; JSON cannot without CORS.
 */
const UPLOAD_ROUTES: { route: RegExp; types: string[] }[] = [
  {
    route: /^\/api\/v1\/actions\/:id\/(?:[a-z]+\/:[a-zA-Z]+\/)?evidence$/,
    types: ['multipart/form-data'],
  },
  { route: /^\/api\/v1\/imports\/[a-z]+$/, types: ['multipart/form-data'] },
  { route: /^\/api\/v1\/exchange-rates\/import$/, types: ['text/csv'] },
];

export function allowedBodyTypes(route: string | undefined): string[] {
  const upload = route ? UPLOAD_ROUTES.find((u) => u.route.test(route)) : undefined;
  return ['application/json', ...(upload?.types ?? [])];
}

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0].trim().toLowerCase();

const hasBody = (request: FastifyRequest) =>
  request.headers['transfer-encoding'] !== undefined ||
  Number(request.headers['content-length'] ?? 0) > 0;

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): void {
  const response = toErrorResponse(
    error,
    localeOf(request.headers['accept-language']),
    String(request.id),
  );
  void reply.status(response.status).headers(response.headers).send(response.body);
}

/** The app's own origin as the browser sees it (scheme and host, through trusted proxies). */
const ownOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Why an unsafe API request must be refused before it is read, if it must: a body that is not
 * JSON (or the route's upload format), or a request another site made the browser send.
 */
export function refusal(
  request: FastifyRequest,
  allowedOrigins: readonly string[],
): AppError | undefined {
  if (!UNSAFE_METHODS.has(request.method) || !request.url.startsWith('/api/')) return undefined;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (origin !== ownOrigin(request) && !allowedOrigins.includes(origin))
      return new AppError(HttpStatus.FORBIDDEN, 'CROSS_SITE_REQUEST');
  } else {
    // Without Origin, the browser's Fetch Metadata says where the request comes from.
    const site = request.headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site')
      return new AppError(HttpStatus.FORBIDDEN, 'CROSS_SITE_REQUEST');
  }
  const type = mediaType(request.headers['content-type']);
  if (type === '' && !hasBody(request)) return undefined;
  if (!allowedBodyTypes(request.routeOptions?.url).includes(type))
    return new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'UNSUPPORTED_MEDIA_TYPE', {
      expected: allowedBodyTypes(request.routeOptions?.url),
    });
  return undefined;
}

/**
 * Registers the checks every request passes before its body is read: JSON only on writes
 * (uploads excepted), no cross-site writes, and a nesting cap on JSON bodies.
 */
export function registerRequestGuards(fastify: FastifyInstance, allowedOrigins: string[]): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const error = refusal(request, allowedOrigins);
    if (!error) return done();
    sendError(request, reply, error);
  });
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: fastify.initialConfig.bodyLimit },
    (request, body, done) => {
      const text = String(body);
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
        return done(
          new AppError(HttpStatus.BAD_REQUEST, 'NESTING_TOO_DEEP', { maxDepth: MAX_JSON_DEPTH }),
          undefined,
        );
      }
      // The default parser answers through `done`; its return value carries nothing.
      void parseJson(request, text, done);
    },
  );
}

/** The standard error body for failures Node or Fastify answer before any route runs. */
function standardBody(status: number, code: ErrorCode, locale: 'es' | 'en' = 'es'): string {
  return JSON.stringify({ statusCode: status, code, message: messageFor(code, locale) });
}

/**
 * Fastify's `clientErrorHandler`: requests Node's parser refuses (headers too large → 431,
 * unknown method or malformed request → 400) get the standard error shape too.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const status = tooLarge ? 431 : timeout ? 408 : 400;
  const code: ErrorCode = tooLarge
    ? 'HEADERS_TOO_LARGE'
    : timeout
      ? 'REQUEST_TIMEOUT'
      : 'BAD_REQUEST';
  const body = standardBody(status, code);
  const reason = tooLarge
    ? 'Request Header Fields Too Large'
    : timeout
      ? 'Request Timeout'
      : 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

/** Fastify's `frameworkErrors`: a malformed URL or constraint failure in the standard shape. */
export function frameworkErrors(
  error: Error & { statusCode?: number },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .type('application/json; charset=utf-8')
    .send(
      standardBody(
        status,
        status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_REQUEST',
        localeOf(request.headers['accept-language']),
      ),
    );
}
