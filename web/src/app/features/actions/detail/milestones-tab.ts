import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { ActionDetail } from '../../../core/api/models';
import { PreciseDatePipe } from '../../../shared/dates';
import { EmptyState } from '../../../shared/states';
import { sortMilestones } from '../action-detail.model';
import { ActionEditor } from './action-editor';
import { PartEvidence } from './part-evidence';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';
import { ACTION_LABELS } from './part-labels';

/** «Hitos»: the milestones as a timeline, each with its evidence files. */
@Component({
  selector: 'app-milestones-tab',
  imports: [
    MatButtonModule,
    MatIconModule,
    PreciseDatePipe,
    EmptyState,
    PartEvidence,
    PartActions,
    PartToolbar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './milestones-tab.html',
  styleUrls: ['./detail.scss', './milestones-tab.scss'],
})
export class MilestonesTab {
  protected readonly editor = inject(ActionEditor, { optional: true });

  readonly action = input.required<ActionDetail>();
  /** False on the share page, which lists the evidence files apart. */
  readonly withEvidence = input(true);
  /** After an evidence upload or delete. */
  readonly changed = output<void>();

  protected readonly milestones = computed(() => sortMilestones(this.action().milestones));
  protected readonly labels = ACTION_LABELS;
}
