import { CanActivate, ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../common/errors';
import { redactUrl } from '../common/logger';
import { ACCESS_KEY, AccessRule, PASSWORD_CHANGE_KEY } from './access.decorator';
import type { AuthedRequest } from './auth-user';
import { CSRF_HEADER, sessionTokenOf } from './cookies';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The global guard: every route must declare its access rule (@Public, @SignedIn, @Roles);
 * a route without one is refused. Signed-in unsafe requests must carry the CSRF header.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (!rule) {
      this.logger.error(
        `Route without an access declaration: ${request.method} ${redactUrl(request.url)}`,
      );
      throw new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN');
    }
    if (rule.kind === 'public' && rule.session === false) return true;
    const token = sessionTokenOf(request);
    const session = token ? await this.sessions.resolve(token) : null;
    if (session) {
      request.user = session.user;
      request.sessionToken = token;
      request.dataVersions = session.dataVersions;
    }
    if (rule.kind === 'public') return true;
    if (!session) throw new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED');
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
        throw new AppError(HttpStatus.FORBIDDEN, 'CSRF_TOKEN_INVALID');
      }
    }
    if (
      session.user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean | undefined>(PASSWORD_CHANGE_KEY, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      throw new AppError(HttpStatus.FORBIDDEN, 'PASSWORD_CHANGE_REQUIRED');
    }
    if (rule.kind === 'roles' && !rule.roles.includes(session.user.role)) {
      throw new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN');
    }
    return true;
  }
}
