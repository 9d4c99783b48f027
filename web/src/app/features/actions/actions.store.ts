import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { catchError, map, of, Subject, switchMap } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionSummary } from '../../core/api/models';
import { ActionFilters } from '../../shared/filter-bar/action-filters';
import { ActionsApi } from './actions.api';

interface ListState {
  items: ActionSummary[];
  total: number;
  loading: boolean;
  error: ApiError | null;
}

/** The portfolio list page's state; a newer request cancels an older one still in flight. */
@Injectable()
export class ActionsStore {
  private readonly api = inject(ActionsApi);
  private readonly state = signal<ListState>({ items: [], total: 0, loading: false, error: null });
  private readonly requests = new Subject<{ filters: ActionFilters; currency?: string }>();
  private last: { filters: ActionFilters; currency?: string } | null = null;

  readonly items = computed(() => this.state().items);
  readonly total = computed(() => this.state().total);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);

  constructor() {
    const subscription = this.requests
      .pipe(
        switchMap(({ filters, currency }) =>
          this.api.list(filters, currency).pipe(
            map((page) => ({ items: page.items, total: page.total, loading: false, error: null })),
            catchError((e: unknown) =>
              of({ items: [], total: 0, loading: false, error: toApiError(e) }),
            ),
          ),
        ),
      )
      .subscribe((next) => this.state.set(next));
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  load(filters: ActionFilters, currency?: string): void {
    this.last = { filters, currency };
    this.state.update((s) => ({ ...s, loading: true, error: null }));
    this.requests.next(this.last);
  }

  retry(): void {
    if (this.last) this.load(this.last.filters, this.last.currency);
  }
}
