import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import type { ApiError } from '../core/api/api-error';

/** Data on its way (a store's resource): loading, its failure, and how to try again. */
export interface LoadState {
  loading(): boolean;
  error(): ApiError | null;
  reload(): void;
}

@Component({
  selector: 'app-loading-state',
  imports: [MatProgressSpinnerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state" role="status" aria-live="polite">
      <mat-spinner diameter="40" aria-hidden="true" />
      <span>{{ label() }}</span>
    </div>
  `,
  styles: `
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      padding: 32px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class LoadingState {
  readonly label = input($localize`:@@state.loading:Cargando…`);
}

@Component({
  selector: 'app-empty-state',
  imports: [MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state" data-testid="empty-state">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      <p>{{ message() }}</p>
      <ng-content />
    </div>
  `,
  styles: `
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      padding: 32px 16px;
      color: var(--mat-sys-on-surface-variant);
      text-align: center;
    }
    p {
      margin: 0;
    }
  `,
})
export class EmptyState {
  readonly message = input($localize`:@@state.empty:No hay nada que mostrar.`);
  readonly icon = input('inbox');
}

@Component({
  selector: 'app-error-state',
  imports: [MatIconModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="state" role="alert" data-testid="error-state">
      <mat-icon aria-hidden="true">error_outline</mat-icon>
      <p>{{ message() }}</p>
      @if (retryable()) {
        <button
          mat-stroked-button
          type="button"
          (click)="retry.emit()"
          data-testid="retry"
          i18n="@@state.retry"
        >
          Reintentar
        </button>
      }
    </div>
  `,
  styles: `
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      padding: 32px 16px;
      text-align: center;
      color: var(--mat-sys-on-surface);
    }
    mat-icon {
      color: var(--mat-sys-error);
    }
    p {
      margin: 0;
    }
  `,
})
export class ErrorState {
  readonly message = input.required<string>();
  readonly retryable = input(true);
  readonly retry = output<void>();
}
