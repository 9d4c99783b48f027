import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NOT_MODIFIED } from './answer-cache.interceptor';

/**
 * Sends 304 without a body for a request the answer cache found unchanged (Nest would set the
 * route's 200 after the interceptor).
 */
export function installNotModified(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request: FastifyRequest, reply, payload, done) => {
    if (!(request as unknown as Record<symbol, boolean>)[NOT_MODIFIED] || reply.statusCode !== 200)
      return done(null, payload);
    void reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    done(null, '');
  });
}
