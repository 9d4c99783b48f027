import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTabChangeEvent, MatTabsModule } from '@angular/material/tabs';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { Subscription } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionDetail as ActionDetailModel, HistoryEntry } from '../../core/api/models';
import { AuthStore } from '../../core/auth/auth.store';
import {
  FUNDING_TYPE_LABELS,
  INSTITUTE_ROLE_LABELS,
  INSTRUMENT_TYPE_LABELS,
  KIND_LABELS,
  labelOf,
  MILESTONE_STATUS_LABELS,
  MILESTONE_TYPE_LABELS,
  MODALITY_LABELS,
  PARTICIPATION_ROLE_LABELS,
  SCHEME_LABELS,
} from '../../core/i18n/labels';
import { PreciseDatePipe, TimestampPipe } from '../../shared/dates';
import { MoneyPipe } from '../../shared/money';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import {
  changedFields,
  groupFunding,
  indicatorProgress,
  sortMilestones,
} from './action-detail.model';
import { ActionsApi } from './actions.api';

const HISTORY_TAB = 7;

@Component({
  selector: 'app-action-detail',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatTabsModule,
    MatCardModule,
    MatIconModule,
    MatButtonModule,
    MatTableModule,
    MatProgressBarModule,
    StatusChip,
    MoneyPipe,
    PreciseDatePipe,
    TimestampPipe,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-detail.html',
  styleUrl: './action-detail.scss',
})
export class ActionDetail {
  private readonly api = inject(ActionsApi);
  private readonly auth = inject(AuthStore);
  private readonly locale = inject(LOCALE_ID);

  /** Route parameter (component input binding). */
  readonly id = input.required<string>();

  protected readonly action = signal<ActionDetailModel | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly history = signal<HistoryEntry[] | null>(null);
  protected readonly historyError = signal<ApiError | null>(null);
  private subscription: Subscription | null = null;

  protected readonly canEdit = computed(() => this.auth.can('portfolio.edit'));
  protected readonly title = computed(() => {
    const a = this.action();
    if (!a) return '';
    return this.locale.startsWith('en') && a.titleEn ? a.titleEn : a.titleEs;
  });
  protected readonly summary = computed(() => {
    const a = this.action();
    if (!a) return null;
    return this.locale.startsWith('en') && a.summaryEn ? a.summaryEn : a.summaryEs;
  });
  protected readonly funding = computed(() => groupFunding(this.action()?.funding ?? []));
  protected readonly milestones = computed(() => sortMilestones(this.action()?.milestones ?? []));

  protected readonly labels = {
    kind: (v: string | null) => labelOf(KIND_LABELS, v),
    instituteRole: (v: string | null) => labelOf(INSTITUTE_ROLE_LABELS, v),
    modality: (v: string | null) => labelOf(MODALITY_LABELS, v),
    scheme: (v: string | null) => labelOf(SCHEME_LABELS, v),
    participation: (v: string | null) => labelOf(PARTICIPATION_ROLE_LABELS, v),
    instrument: (v: string | null) => labelOf(INSTRUMENT_TYPE_LABELS, v),
    funding: (v: string | null) => labelOf(FUNDING_TYPE_LABELS, v),
    milestoneType: (v: string | null) => labelOf(MILESTONE_TYPE_LABELS, v),
    milestoneStatus: (v: string | null) => labelOf(MILESTONE_STATUS_LABELS, v),
  };
  protected readonly operationLabels: Record<HistoryEntry['operation'], string> = {
    create: $localize`:@@history.create:Alta`,
    update: $localize`:@@history.update:Cambio`,
    archive: $localize`:@@history.archive:Archivo`,
    restore: $localize`:@@history.restore:Restauración`,
    delete: $localize`:@@history.delete:Baja`,
  };
  protected operationLabel(operation: string): string {
    return (this.operationLabels as Record<string, string>)[operation] ?? operation;
  }
  protected readonly progress = indicatorProgress;
  protected readonly changed = changedFields;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  load(id = this.id()): void {
    this.subscription?.unsubscribe();
    this.loading.set(true);
    this.error.set(null);
    this.history.set(null);
    this.subscription = this.api.get(id).subscribe({
      next: (action) => {
        this.action.set(action);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  onTab(event: MatTabChangeEvent): void {
    if (event.index === HISTORY_TAB && this.history() === null) this.loadHistory();
  }

  loadHistory(): void {
    this.historyError.set(null);
    this.api.history(this.id()).subscribe({
      next: (page) => this.history.set(page.items),
      error: (e: unknown) => this.historyError.set(toApiError(e)),
    });
  }
}
