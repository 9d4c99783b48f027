import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { Evidence, Milestone } from '../../../core/api/models';
import { PreciseDatePipe } from '../../../shared/dates';
import { EmptyState } from '../../../shared/states';
import { EvidenceList } from '../../evidence/evidence-list';
import { sortMilestones } from '../action-detail.model';
import { ActionEditor, injectCanEdit } from './action-editor';
import { attachLabel, evidenceLabel } from './evidence-labels';
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
    EvidenceList,
    PartActions,
    PartToolbar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './milestones-tab.html',
  styleUrls: ['./detail.scss', './milestones-tab.scss'],
})
export class MilestonesTab {
  protected readonly editor = inject(ActionEditor, { optional: true });

  readonly actionId = input.required<string>();
  readonly milestones = input.required<readonly Milestone[], readonly Milestone[]>({
    transform: sortMilestones,
  });
  /** The action's evidence files; null leaves them out (the share page lists them apart). */
  readonly evidence = input<readonly Evidence[] | null>(null);
  /** After an evidence upload or delete. */
  readonly changed = output<void>();

  protected readonly canEdit = injectCanEdit();
  protected readonly labels = ACTION_LABELS;
  protected readonly attachLabel = attachLabel;
  protected readonly evidenceLabel = evidenceLabel;
}
