import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { AuthStore } from '../../core/auth/auth.store';
import { ProgressMeter } from '../../shared/progress-meter';
import { ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { MilestoneLogged } from '../evidence/milestone-logged';
import { ActionExports } from '../exports/action-exports';
import { MissingPart, missingParts } from './action-detail.model';
import { ActionDetailStore } from './action-detail.store';
import { ActionEditor } from './detail/action-editor';
import { DocumentsTab } from './detail/documents-tab';
import { FundingTab } from './detail/funding-tab';
import { HistoryTab } from './detail/history-tab';
import { InstrumentsTab } from './detail/instruments-tab';
import { MilestonesTab } from './detail/milestones-tab';
import { PartnersTab } from './detail/partners-tab';
import { ACTION_LABELS } from './detail/part-labels';
import { ResultsTab } from './detail/results-tab';
import { SummaryTab } from './detail/summary-tab';
import { MissingPanel } from './parts/missing-panel';
import { ProgressPanel } from './progress-panel';

/**
 * /acciones/:id: the header (facts, edit, archive, exports), «Qué falta» after creating, and one
 * tab component per part of the action. Changes go through ActionEditor, which the tabs share.
 */
@Component({
  selector: 'app-action-detail',
  imports: [
    RouterLink,
    MatTabsModule,
    MatIconModule,
    MatButtonModule,
    StatusChip,
    LoadingState,
    ErrorState,
    ActionExports,
    ProgressMeter,
    ProgressPanel,
    MissingPanel,
    SummaryTab,
    PartnersTab,
    InstrumentsTab,
    FundingTab,
    MilestonesTab,
    ResultsTab,
    DocumentsTab,
    HistoryTab,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-detail.html',
  styleUrl: './action-detail.scss',
  providers: [ActionDetailStore, ActionEditor],
})
export class ActionDetail {
  private readonly auth = inject(AuthStore);
  private readonly locale = inject(LOCALE_ID);
  private readonly store = inject(ActionDetailStore);
  protected readonly editor = inject(ActionEditor);

  /** Route parameter (component input binding). */
  readonly id = input.required<string>();
  /** Query parameter `?nueva=1`, set by the form right after creating the action. */
  readonly nueva = input<string>();

  protected readonly action = this.store.action;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;

  /** Stages and their evidence: staff, directors and admins (the API refuses partners). */
  protected readonly canViewStages = computed(() => this.auth.can('notes.view'));
  /** The history: staff, directors and admins (the API answers partners 403). */
  protected readonly canViewHistory = computed(() => this.auth.can('notes.view'));
  protected readonly title = computed(() => {
    const a = this.action();
    if (!a) return '';
    return this.locale.startsWith('en') && a.titleEn ? a.titleEn : a.titleEs;
  });
  /** "Qué falta" after creating an action: the parts it still lacks (editors only). */
  protected readonly missing = computed<MissingPart[]>(() => {
    const a = this.action();
    return a && this.nueva() && this.editor.canEdit() ? missingParts(a) : [];
  });
  protected readonly labels = ACTION_LABELS;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    // A milestone logged from the toolbar dialog for this action: show it at once.
    const logged = inject(MilestoneLogged);
    const seen = logged.event();
    effect(() => {
      const event = logged.event();
      if (event && event !== seen && event.actionId === untracked(this.id))
        untracked(() => this.refresh());
    });
  }

  load(id = this.id()): void {
    this.store.load(id);
  }

  /** Re-reads the action in place (the open tab stays) after an evidence or progress change. */
  protected refresh(): void {
    this.store.refresh();
  }
}
