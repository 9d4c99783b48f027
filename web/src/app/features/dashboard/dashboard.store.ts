import { computed, inject, Injectable, signal } from '@angular/core';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { DashboardSummary } from '../../core/api/models';
import { DashboardApi } from './dashboard.api';

/** The dashboard's data; charts added later read the same `summary` signal. */
@Injectable()
export class DashboardStore {
  private readonly api = inject(DashboardApi);
  readonly summary = signal<DashboardSummary | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  readonly hasData = computed(() => this.summary() !== null);

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.summary('MXN').subscribe({
      next: (summary) => {
        this.summary.set(summary);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }
}
