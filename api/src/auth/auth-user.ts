import type { TableVersions } from '../cache/table-versions';
import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Role } from './access.decorator';

/** The signed-in user as every handler sees it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Set for partners: the organisation whose actions they may see. */
  organisationId: string | null;
  /** The password was set by an admin: until it is changed, only the password routes answer. */
  mustChangePassword: boolean;
}

/** Who is doing a change, for the audit trail. */
export interface Actor {
  id: string | null;
  email: string | null;
  requestId: string | null;
}

export type AuthedRequest = FastifyRequest & {
  user?: AuthUser;
  sessionToken?: string;
  /** The data version per table read with the session, before any answer is computed. */
  dataVersions?: TableVersions;
};

export function actorOf(request: AuthedRequest): Actor {
  return {
    id: request.user?.id ?? null,
    email: request.user?.email ?? null,
    requestId: (request.raw as { id?: string }).id ?? null,
  };
}

/** The signed-in user (only on routes that require one). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without a signed-in user');
  return user;
});

/** The actor of the current request, for audit rows. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor =>
    actorOf(ctx.switchToHttp().getRequest<AuthedRequest>()),
);
