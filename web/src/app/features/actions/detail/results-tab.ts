import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ActionDetail } from '../../../core/api/models';
import { PreciseDatePipe } from '../../../shared/dates';
import { EmptyState } from '../../../shared/states';
import { indicatorProgress } from '../action-detail.model';
import { ActionEditor, injectCanEdit } from './action-editor';
import { PartEvidence } from './part-evidence';
import { PartActions } from './part-actions';
import { PartToolbar } from './part-toolbar';

/** «Resultados»: each result with its indicators (baseline → target → actual) and evidence. */
@Component({
  selector: 'app-results-tab',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PreciseDatePipe,
    EmptyState,
    PartEvidence,
    PartActions,
    PartToolbar,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './results-tab.html',
  styleUrl: './detail.scss',
  styles: `
    .indicator {
      margin: 8px 0 16px;
      max-width: 640px;
    }
  `,
})
export class ResultsTab {
  protected readonly editor = inject(ActionEditor, { optional: true });

  readonly action = input.required<ActionDetail>();
  /** False on the share page, which lists the evidence files apart. */
  readonly withEvidence = input(true);
  /** After an evidence upload or delete. */
  readonly changed = output<void>();

  protected readonly canEdit = injectCanEdit();
  protected readonly progress = indicatorProgress;
}
