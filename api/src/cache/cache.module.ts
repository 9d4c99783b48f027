import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AnswerCache } from './answer-cache';
import { ANSWER_CACHE, AnswerCacheInterceptor } from './answer-cache.interceptor';
import { DataVersionService } from './data-version.service';

/** Reused answers: the data version, the per-process answer cache and its interceptor. */
@Global()
@Module({
  providers: [
    DataVersionService,
    {
      provide: ANSWER_CACHE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new AnswerCache(config.answerCacheBytes),
    },
    AnswerCacheInterceptor,
  ],
  exports: [DataVersionService, ANSWER_CACHE, AnswerCacheInterceptor],
})
export class AnswerCacheModule {}
