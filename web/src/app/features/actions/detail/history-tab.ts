import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../../core/api/api-error';
import type { ActionDetail, HistoryEntry } from '../../../core/api/models';
import { EmptyState, ErrorState, LoadingState } from '../../../shared/states';
import { ActionsApi } from '../actions.api';
import { describeHistory } from '../history.model';

/**
 * «Historial»: who changed what and when. Loads when the tab opens (it is created then) and again
 * each time the page re-reads the action after a change.
 */
@Component({
  selector: 'app-history-tab',
  imports: [MatTableModule, EmptyState, ErrorState, LoadingState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './history-tab.html',
})
export class HistoryTab {
  private readonly api = inject(ActionsApi);
  private readonly locale = inject(LOCALE_ID);
  private subscription: Subscription | null = null;

  /** The action as the page has it: a new copy (after a change) reloads the history. */
  readonly action = input.required<ActionDetail>();

  private readonly entries = signal<HistoryEntry[] | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly lines = computed(
    () => this.entries()?.map((h) => describeHistory(h, this.locale)) ?? null,
  );
  protected readonly columns = ['at', 'actor', 'what'];

  constructor() {
    effect(() => {
      const id = this.action().id;
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  load(id = this.action().id): void {
    this.error.set(null);
    this.subscription?.unsubscribe();
    this.subscription = this.api.history(id).subscribe({
      next: (page) => this.entries.set(page.items),
      error: (e: unknown) => this.error.set(toApiError(e)),
    });
  }
}
