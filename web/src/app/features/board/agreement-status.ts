import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AgreementStatus } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { labelOf } from '../../core/i18n/labels';
import { pillClass, type PillTone } from '../../shared/status-chip';

const TONES: Record<AgreementStatus, PillTone> = {
  open: 'tertiary',
  in_progress: 'primary',
  done: 'secondary',
  cancelled: 'neutral',
};

/** An agreement's status as a pill; "Vencido" beside it when pending past its due date. */
@Component({
  selector: 'app-agreement-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span [class]="pill()" data-testid="agreement-status">{{ label() }}</span>
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
  `,
})
export class AgreementStatusChip {
  readonly status = input.required<AgreementStatus>();
  readonly overdue = input(false);
  protected readonly label = computed(() => labelOf(AGREEMENT_STATUS_LABELS, this.status()));
  protected readonly pill = computed(() => pillClass(TONES[this.status()] ?? 'neutral'));
}
