import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ActionStatus } from '../core/api/models';
import { labelOf, STATUS_LABELS } from '../core/i18n/labels';

/** The colour of a status pill (`.pill-<tone>` in styles.scss); `neutral` is the plain pill. */
export type PillTone = 'neutral' | 'primary' | 'secondary' | 'tertiary' | 'error' | 'missing';

/** The classes of a pill of that tone. */
export const pillClass = (tone: PillTone): string => `pill pill-${tone}`;

const ACTION_STATUS_TONES: Record<ActionStatus, PillTone> = {
  implementation: 'primary',
  pipeline: 'tertiary',
  finalisation: 'tertiary',
  closed: 'secondary',
  cancelled: 'error',
  suspended: 'error',
};

/** The status of an action as a small coloured pill; a missing status reads "Sin dato". */
@Component({
  selector: 'app-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span [class]="pill()">{{ label() }}</span>`,
})
export class StatusChip {
  readonly status = input<ActionStatus | null>(null);
  protected readonly label = computed(() => labelOf(STATUS_LABELS, this.status()));
  protected readonly pill = computed(() => {
    const status = this.status();
    return pillClass(status ? (ACTION_STATUS_TONES[status] ?? 'neutral') : 'missing');
  });
}
