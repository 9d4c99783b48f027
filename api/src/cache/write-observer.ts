import type { FastifyInstance } from 'fastify';
import { DataVersionService } from './data-version.service';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Listen mode: a write answered by this process forgets the remembered data version before the
 * answer leaves, so the writer's next read never waits for the notification to arrive. A hook
 * rather than a global interceptor: reads pay nothing for it.
 */
export function installWriteObserver(fastify: FastifyInstance, versions: DataVersionService): void {
  if (versions.mode !== 'listen') return;
  fastify.addHook('onSend', (request, _reply, payload, done) => {
    if (!SAFE.has(request.method)) versions.invalidate();
    done(null, payload);
  });
}
