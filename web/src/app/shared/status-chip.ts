import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ActionStatus } from '../core/api/models';
import { labelOf, STATUS_LABELS } from '../core/i18n/labels';

/** The status of an action as a small coloured pill; a missing status reads "Sin dato". */
@Component({
  selector: 'app-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="chip" [class]="'chip status-' + (status() ?? 'none')">{{
    label()
  }}</span>`,
  styles: `
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    .status-implementation {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .status-pipeline,
    .status-finalisation {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .status-closed {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .status-cancelled,
    .status-suspended {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .status-none {
      font-style: italic;
    }
  `,
})
export class StatusChip {
  readonly status = input<ActionStatus | null>(null);
  protected readonly label = computed(() => labelOf(STATUS_LABELS, this.status()));
}
