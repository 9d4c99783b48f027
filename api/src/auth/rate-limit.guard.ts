import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import type { AuthedRequest } from './auth-user';
import { RateLimiter, RateLimitRule } from './rate-limiter.service';

/** Expensive operations counted per user (or per client address when nobody is signed in). */
export type RateLimitBucket = 'exports';

const BUCKET_KEY = 'coopera:rate-limit-bucket';

/** The rule of each bucket, from the configuration: so many requests per minute. */
export function bucketRule(bucket: RateLimitBucket, config: AppConfig): RateLimitRule {
  const limits: Record<RateLimitBucket, number> = { exports: config.exportsPerMinute };
  return { limit: limits[bucket], windowSeconds: 60 };
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.getAllAndOverride<RateLimitBucket | undefined>(BUCKET_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!bucket) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const who = request.user ? `user:${request.user.id}` : `ip:${request.ip}`;
    // Counted in PostgreSQL: every replica sees the same counters. 429 + Retry-After beyond.
    await this.limiter.consume([
      { key: `${bucket}:${who}`, rule: bucketRule(bucket, this.config) },
    ]);
    return true;
  }
}

/** Counts each request of the route(s) in `bucket`; over the limit → 429 RATE_LIMITED. */
export const RateLimited = (bucket: RateLimitBucket) =>
  applyDecorators(
    SetMetadata(BUCKET_KEY, bucket),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: 'RATE_LIMITED, with Retry-After (seconds)' }),
  );
