import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionDetail } from '../../core/api/models';
import { ActionsApi } from './actions.api';

/**
 * The action page's state. `refresh()` re-reads the action after an edit without the loading
 * state, so the page (and the open tab) stays in place.
 */
@Injectable()
export class ActionDetailStore {
  private readonly api = inject(ActionsApi);
  private readonly actionSignal = signal<ActionDetail | null>(null);
  private readonly loadingSignal = signal(true);
  private readonly errorSignal = signal<ApiError | null>(null);
  private id: string | null = null;
  private subscription: Subscription | null = null;

  readonly action = this.actionSignal.asReadonly();
  readonly loading = this.loadingSignal.asReadonly();
  readonly error = this.errorSignal.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  load(id: string): void {
    this.id = id;
    this.loadingSignal.set(true);
    this.errorSignal.set(null);
    this.fetch(id);
  }

  refresh(): void {
    if (this.id) this.fetch(this.id);
  }

  /** An action the API just returned (after archive or restore). */
  set(action: ActionDetail): void {
    this.actionSignal.set(action);
  }

  private fetch(id: string): void {
    this.subscription?.unsubscribe();
    this.subscription = this.api.get(id).subscribe({
      next: (action) => {
        this.actionSignal.set(action);
        this.loadingSignal.set(false);
      },
      error: (e: unknown) => {
        this.errorSignal.set(toApiError(e));
        this.loadingSignal.set(false);
      },
    });
  }
}
