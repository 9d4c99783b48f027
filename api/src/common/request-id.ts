import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const VALID = /^[A-Za-z0-9._-]{8,64}$/;

/** Reuses a well-formed incoming `X-Request-Id` (from a proxy), otherwise makes one. */
export function newRequestId(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && VALID.test(header) ? header : randomUUID();
}

/** pino-http's id: the one Fastify already gave the request (see app.factory). */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const existing = (req as IncomingMessage & { id?: unknown }).id;
  const id = typeof existing === 'string' ? existing : newRequestId(req);
  (req as IncomingMessage & { id?: string }).id = id;
  if (!res.headersSent) res.setHeader('x-request-id', id);
  return id;
}
