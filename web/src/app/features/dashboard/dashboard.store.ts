import { computed, inject, Injectable, type Signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import type { Observable } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { Currency } from '../../core/api/models';
import type { ActionFilters } from '../../shared/filter-bar/action-filters';
import { ProgressApi } from '../../core/api/progress.api';
import { DashboardApi, type DashboardQuery } from './dashboard.api';
import {
  chartQuery,
  dashboardStateFromParams,
  dashboardStateToParams,
  type DashboardState,
  drillDownParams,
  type DrillKey,
  sameQuery,
} from './dashboard-query';
import type { LoadState } from '../../shared/states';

/** One dashboard request as the cards read it. */
export interface Loadable<T> extends LoadState {
  value: Signal<T | undefined>;
  loading: Signal<boolean>;
  error: Signal<ApiError | null>;
}

/** Resources wrap non-Error failures (HttpErrorResponse) in an Error whose `cause` is the original. */
function unwrap(error: unknown): unknown {
  return error instanceof Error && error.cause !== undefined ? error.cause : error;
}

/** How many groups each chart asks for (the API returns the largest first). */
export const LIMITS = { partner: 10, theme: 12, milestones: 20, window: 90 } as const;

/**
 * The dashboard's data. The state (filters + reporting currency) lives in the URL; every card
 * reloads when it changes, each with its own loading and error state.
 */
@Injectable()
export class DashboardStore {
  private readonly api = inject(DashboardApi);
  private readonly progressApi = inject(ProgressApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly params = toSignal(this.route.queryParams, { initialValue: {} });

  readonly state = computed(() => dashboardStateFromParams(this.params()));
  /** The query of every card (filters + currency), for panels that load more on demand. */
  readonly query = computed(() => chartQuery(this.state()), { equal: sameQuery });

  readonly summary = this.resource((q) => this.api.summary(q));
  readonly rateSources = this.resource((q) => this.api.rateSources(q));
  readonly byPartner = this.resource((q) =>
    this.api.grouped('by-partner', { ...q, limit: String(LIMITS.partner) }),
  );
  readonly byYear = this.resource((q) => this.api.grouped('by-year', q));
  readonly byTheme = this.resource((q) =>
    this.api.grouped('by-theme', { ...q, limit: String(LIMITS.theme) }),
  );
  readonly byStatus = this.resource((q) => this.api.grouped('by-status', q));
  /** Actions per progress label: the list filters only (no money, so no currency). */
  readonly byProgress = this.resource((q) => {
    const { currency: _currency, ...filters } = q;
    return this.progressApi.distribution(filters);
  });
  readonly bySdg = this.resource((q) => this.api.grouped('by-sdg', q));
  readonly milestones = this.resource((q) =>
    this.api.milestones({
      ...q,
      window: String(LIMITS.window),
      limit: String(LIMITS.milestones),
    }),
  );

  /** Kept for the retry button of the key figures. */
  load(): void {
    this.summary.reload();
  }

  setCurrency(currency: Currency): void {
    this.navigate({ ...this.state(), currency });
  }

  setFilters(filters: ActionFilters): void {
    this.navigate({ ...this.state(), filters });
  }

  /** Opens the action list narrowed to what was clicked (plus the dashboard's filters). */
  drillDown(key: DrillKey, value: string): void {
    void this.router.navigate(['/acciones'], {
      queryParams: drillDownParams(this.state(), key, value),
    });
  }

  private navigate(state: DashboardState): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: dashboardStateToParams(state),
    });
  }

  private resource<T>(stream: (query: DashboardQuery) => Observable<T>): Loadable<T> {
    const res = rxResource({ params: () => this.query(), stream: ({ params }) => stream(params) });
    return {
      value: computed(() => (res.hasValue() ? res.value() : undefined)),
      loading: res.isLoading,
      error: computed(() => {
        const error = res.error();
        return error ? toApiError(unwrap(error)) : null;
      }),
      reload: () => void res.reload(),
    };
  }
}
