import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from '../api/api-error';
import type { AppNotification, Notifications } from '../api/models';
import { NotificationsApi } from './notifications.api';

/** How often the bell asks again while the app stays open. */
export const REFRESH_MS = 5 * 60_000;

interface State {
  data: Notifications | null;
  loading: boolean;
  error: ApiError | null;
}

/** The signed-in user's milestone notifications (bell and panel), refreshed every few minutes. */
@Injectable()
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly state = signal<State>({ data: null, loading: false, error: null });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly unreadCount = computed(() => this.state().data?.unreadCount ?? 0);
  readonly windowDays = computed(() => this.state().data?.windowDays ?? 7);
  readonly scope = computed(() => this.state().data?.scope ?? null);
  readonly overdue = computed<AppNotification[]>(
    () => this.state().data?.items.filter((i) => i.kind === 'overdue') ?? [],
  );
  readonly upcoming = computed<AppNotification[]>(
    () => this.state().data?.items.filter((i) => i.kind === 'upcoming') ?? [],
  );
  readonly overdueCount = computed(() => this.state().data?.overdueCount ?? 0);
  readonly upcomingCount = computed(() => this.state().data?.upcomingCount ?? 0);
  readonly empty = computed(() => (this.state().data?.items.length ?? 0) === 0);

  constructor() {
    const timer = setInterval(() => this.load(), REFRESH_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  // `run` never rejects: a failure is shown in the panel's state, so these need not wait for it.
  load(): void {
    void this.run(this.api.list());
  }

  markRead(item: AppNotification): void {
    if (item.read) return;
    void this.run(this.api.markRead([item.id]));
  }

  markAllRead(): void {
    void this.run(this.api.markAllRead());
  }

  /** Resolves true once the list without it is shown, false when the request failed. */
  dismiss(item: AppNotification): Promise<boolean> {
    return this.run(this.api.dismiss([item.id]));
  }

  private run(request: Observable<Notifications>): Promise<boolean> {
    this.state.update((s) => ({ ...s, loading: true, error: null }));
    return new Promise((resolve) =>
      request.subscribe({
        next: (data) => {
          this.state.set({ data, loading: false, error: null });
          resolve(true);
        },
        error: (e: unknown) => {
          this.state.update((s) => ({ ...s, loading: false, error: toApiError(e) }));
          resolve(false);
        },
      }),
    );
  }
}
