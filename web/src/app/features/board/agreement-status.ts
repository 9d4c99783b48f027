import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AgreementStatus } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { labelOf } from '../../core/i18n/labels';

/** An agreement's status as a pill; "Vencido" beside it when pending past its due date. */
@Component({
  selector: 'app-agreement-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="chip" [class]="'chip s-' + status()" data-testid="agreement-status">{{
      label()
    }}</span>
    @if (overdue()) {
      <span class="badge-late" data-testid="agreement-overdue" i18n="@@agreement.overdue"
        >Vencido</span
      >
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 6px;
      flex-wrap: wrap;
    }
    .chip {
      display: inline-block;
      padding: 2px 10px;
      border-radius: 12px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    .s-open {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .s-in_progress {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .s-done {
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
})
export class AgreementStatusChip {
  readonly status = input.required<AgreementStatus>();
  readonly overdue = input(false);
  protected readonly label = computed(() => labelOf(AGREEMENT_STATUS_LABELS, this.status()));
}
