import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ApiError } from '../core/api/api-error';
import { EmptyState, ErrorState } from './states';

/**
 * A list page's states around its table: a progress bar while loading, the error with «Reintentar»,
 * the empty state when there is nothing (`empty`), else the projected table.
 */
@Component({
  selector: 'app-list-state',
  imports: [MatProgressBarModule, EmptyState, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="loadingLabel()" />
    }
    @if (error(); as err) {
      <app-error-state [message]="err.message" (retry)="retry.emit()" />
    } @else if (!loading() && empty()) {
      <app-empty-state [icon]="emptyIcon()" [message]="emptyMessage()" />
    } @else {
      <ng-content />
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ListState {
  readonly loading = input.required<boolean>();
  readonly error = input.required<ApiError | null>();
  /** Nothing to list: the empty state instead of the table. */
  readonly empty = input(false);
  /** The progress bar's accessible name («Cargando acuerdos»). */
  readonly loadingLabel = input.required<string>();
  readonly emptyIcon = input('inbox');
  readonly emptyMessage = input('');
  readonly retry = output<void>();
}
