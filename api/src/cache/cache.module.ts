import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AnswerCache } from './answer-cache';
import { ANSWER_CACHE, AnswerCacheInterceptor } from './answer-cache.interceptor';
import { DataVersionService } from './data-version.service';
import { WriteObserverInterceptor } from './write-observer.interceptor';

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
    { provide: APP_INTERCEPTOR, useClass: WriteObserverInterceptor },
  ],
  exports: [DataVersionService, ANSWER_CACHE, AnswerCacheInterceptor],
})
export class AnswerCacheModule {}
