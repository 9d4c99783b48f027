import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const CLIENT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Our id for a request: always generated here, never taken from the client, so the audit trail
 * and the logs can trust it. A client's or proxy's own X-Request-Id is kept apart
 * ({@link clientRequestId}).
 */
export function newRequestId(): string {
  return randomUUID();
}

/** The X-Request-Id a client or proxy sent, when well-formed (logged next to ours, never instead). */
export function clientRequestId(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_ID.test(header) ? header : undefined;
}

/** pino-http's id: the one Fastify already gave the request (see app.factory). */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const existing = (req as IncomingMessage & { id?: unknown }).id;
  const id = typeof existing === 'string' ? existing : newRequestId();
  (req as IncomingMessage & { id?: string }).id = id;
  if (!res.headersSent) res.setHeader('x-request-id', id);
  return id;
}
