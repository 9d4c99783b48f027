import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { lastValueFrom, Observable, of } from 'rxjs';
import type { AuthedRequest } from '../auth/auth-user';
import { AnswerCache, CachedAnswer } from './answer-cache';
import { answerKey, answerTag, matchesTag } from './answer-key';
import { computingAnswer } from './answer-parts';
import { DataVersionService } from './data-version.service';
import { versionOf, VersionedTable } from './table-versions';

export interface CachedAnswerOptions {
  /**
   * Every table the answer reads (directly, through a join or a filter): a committed change to
   * one of them, and only to them, makes a new answer. `api/test/answer-tables.int-spec.ts`
   * fails when an endpoint's SQL reads a table it does not declare.
   */
  reads: readonly VersionedTable[];
  /** The answer depends on the user, not only on their scope (e.g. `responsible=me`). */
  perUser?: (query: Record<string, unknown>) => boolean;
  /**
   * The answer's own `version` field leads its tag (`"3.<tag>"`), so the tag still works as
   * If-Match for an update (actions).
   */
  versionInTag?: boolean;
}

export const CACHED_ANSWER = Symbol('CACHED_ANSWER');
export const ANSWER_CACHE = Symbol('ANSWER_CACHE');
/** Set on a request answered 304: the fastify onSend hook drops the body. */
export const NOT_MODIFIED = Symbol('NOT_MODIFIED');

/**
 * GET answers reused until the data changes, with `ETag` + `Cache-Control: private, no-cache`
 * and 304 for an If-None-Match that still holds. On a controller or a handler.
 */
export const CacheAnswer = (options: CachedAnswerOptions) =>
  applyDecorators(SetMetadata(CACHED_ANSWER, options), UseInterceptors(AnswerCacheInterceptor));

/** A handler's own options under a controller-wide @CacheAnswer (e.g. it reads more tables). */
export const CacheAnswerOptions = (options: CachedAnswerOptions) =>
  SetMetadata(CACHED_ANSWER, options);

@Injectable()
export class AnswerCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly versions: DataVersionService,
    @Inject(ANSWER_CACHE) private readonly cache: AnswerCache,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthedRequest>();
    if (request.method !== 'GET') return next.handle();
    const reply = http.getResponse<FastifyReply>();
    const options = this.reflector.getAllAndOverride<CachedAnswerOptions | undefined>(
      CACHED_ANSWER,
      [context.getHandler(), context.getClass()],
    ) ?? { reads: undefined as unknown as VersionedTable[] };
    // The version is read before the answer is computed (with the session, in the same
    // statement, or on its own): an answer is never older than its key.
    const versions = request.dataVersions ?? (await this.versions.current());
    const version = versionOf(versions, options.reads);
    const key = answerKey({
      url: request.url,
      user: request.user,
      acceptLanguage: request.headers['accept-language'],
      perUser: options.perUser?.((request.query ?? {}) as Record<string, unknown>),
    });
    const tag = answerTag(key, version);
    void reply.header('cache-control', 'private, no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (matchesTag(ifNoneMatch, tag)) {
      (request as unknown as Record<symbol, boolean>)[NOT_MODIFIED] = true;
      const sent = String(ifNoneMatch).split(',')[0].trim();
      void reply.header('etag', sent === '*' ? `"${tag}"` : sent);
      return of('');
    }
    const compute = async (): Promise<CachedAnswer> => {
      const value = await computingAnswer({ key, versions, cache: this.cache }, () =>
        lastValueFrom(next.handle()),
      );
      const own = (value as { version?: unknown } | null)?.version;
      const prefix = options.versionInTag && typeof own === 'number' ? `${own}.` : '';
      return { body: JSON.stringify(value), etag: `"${prefix}${tag}"` };
    };
    const answer = await this.cache.answer(key, version, compute);
    void reply.header('etag', answer.etag);
    void reply.header('content-type', 'application/json; charset=utf-8');
    return of(answer.body);
  }
}
