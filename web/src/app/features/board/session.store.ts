import { DestroyRef, inject, Injectable, LOCALE_ID, signal } from '@angular/core';
import { forkJoin, Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { BoardReport, BoardSessionDetail } from '../../core/api/models';
import { apiLanguage } from '../../core/i18n/locale';
import { BoardApi } from './board.api';

/** A linked action as the session page shows it (code, title, progress). */
export type LinkedActionView = BoardReport['actions'][number];

/**
 * The session page's state: the session with its agenda and agreements, and the actions its
 * agenda links to (code, title and progress, from the follow-up report). `refresh()` re-reads
 * without the loading state, so the page stays in place after an edit.
 */
@Injectable()
export class SessionStore {
  private readonly api = inject(BoardApi);
  private readonly lang = apiLanguage(inject(LOCALE_ID));
  private id: string | null = null;
  private subscription: Subscription | null = null;

  readonly session = signal<BoardSessionDetail | null>(null);
  readonly actions = signal<Map<string, LinkedActionView>>(new Map());
  /** The institute's acronym (or name). */
  readonly institute = signal('');
  readonly loading = signal(true);
  readonly error = signal<ApiError | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  load(id: string): void {
    this.id = id;
    this.loading.set(true);
    this.error.set(null);
    this.fetch(id);
  }

  refresh(): void {
    if (this.id) this.fetch(this.id);
  }

  private fetch(id: string): void {
    this.subscription?.unsubscribe();
    this.subscription = forkJoin([this.api.session(id), this.api.report(id, this.lang)]).subscribe({
      next: ([session, report]) => {
        this.session.set(session);
        this.actions.set(new Map(report.actions.map((a) => [a.id, a])));
        this.institute.set(report.session.institute);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }
}
