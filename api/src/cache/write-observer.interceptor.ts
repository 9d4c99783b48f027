import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { finalize, Observable } from 'rxjs';
import { DataVersionService } from './data-version.service';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Listen mode: a write answered by this process forgets the remembered data version before the
 * answer leaves, so the writer's next read never waits for the notification to arrive.
 */
@Injectable()
export class WriteObserverInterceptor implements NestInterceptor {
  constructor(private readonly versions: DataVersionService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.switchToHttp().getRequest<{ method?: string }>().method ?? 'GET';
    if (SAFE.has(method) || this.versions.mode !== 'listen') return next.handle();
    return next.handle().pipe(finalize(() => this.versions.invalidate()));
  }
}
