import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  LOCALE_ID,
  signal,
  Type,
  untracked,
} from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTabChangeEvent, MatTabsModule } from '@angular/material/tabs';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { firstValueFrom, Observable } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { HistoryEntry, Indicator, Milestone } from '../../core/api/models';
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
import { ConfirmData, ConfirmDialog } from '../../shared/confirm-dialog';
import { PreciseDatePipe, TimestampPipe } from '../../shared/dates';
import { todayIso } from '../../shared/forms';
import { MoneyPipe } from '../../shared/money';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { ActionExports } from '../exports/action-exports';
import { ProgressMeter } from '../../shared/progress-meter';
import { ProgressApi } from '../../core/api/progress.api';
import { ProgressPanel } from './progress-panel';
import {
  groupFunding,
  indicatorProgress,
  MissingPart,
  missingParts,
  sortMilestones,
} from './action-detail.model';
import { MissingPanel } from './parts/missing-panel';
import { describeHistory } from './history.model';
import { ActionDetailStore } from './action-detail.store';
import { ActionsApi, PartKind } from './actions.api';
import type { PartDialogData } from './parts/part-dialog';
import { EvidenceList } from '../evidence/evidence-list';
import { MilestoneLogged } from '../evidence/milestone-logged';
import { ThemesStore } from '../../shared/themes/themes.store';

/** The dialogs load on first use, so the page's chunk stays small. */
const PART_DIALOGS: Record<PartKind, () => Promise<Type<unknown>>> = {
  participations: () => import('./parts/participation-dialog').then((m) => m.ParticipationDialog),
  instruments: () => import('./parts/instrument-dialog').then((m) => m.InstrumentDialog),
  funding: () => import('./parts/funding-dialog').then((m) => m.FundingDialog),
  milestones: () => import('./parts/milestone-dialog').then((m) => m.MilestoneDialog),
  results: () => import('./parts/result-dialog').then((m) => m.ResultDialog),
  indicators: () => import('./parts/indicator-dialog').then((m) => m.IndicatorDialog),
  documents: () => import('./parts/document-dialog').then((m) => m.DocumentDialog),
  stages: () => import('./parts/stage-dialog').then((m) => m.StageDialog),
};

const SAVED = $localize`:@@parts.saved:Guardado`;
const DELETED = $localize`:@@parts.deleted:Eliminado`;
const STALE = $localize`:@@parts.stale:Otra persona modificó este registro; se recargó la acción. Revisa y vuelve a intentar.`;

const HISTORY_TAB = 8;

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
    ActionExports,
    ProgressMeter,
    ProgressPanel,
    EvidenceList,
    MissingPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-detail.html',
  styleUrl: './action-detail.scss',
  providers: [ActionDetailStore],
})
export class ActionDetail {
  private readonly api = inject(ActionsApi);
  private readonly progressApi = inject(ProgressApi);
  private readonly auth = inject(AuthStore);
  private readonly locale = inject(LOCALE_ID);

  /** Route parameter (component input binding). */
  readonly id = input.required<string>();
  /** Query parameter `?nueva=1`, set by the form right after creating the action. */
  readonly nueva = input<string>();

  private readonly store = inject(ActionDetailStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly themes = inject(ThemesStore);

  protected readonly action = this.store.action;
  protected readonly loading = this.store.loading;
  protected readonly error = this.store.error;
  protected readonly history = signal<HistoryEntry[] | null>(null);
  protected readonly historyLines = computed(
    () => this.history()?.map((h) => describeHistory(h, this.locale)) ?? null,
  );
  protected readonly historyError = signal<ApiError | null>(null);

  /** Staff and admins manage actions (archive, restore); directors and partners only read. */
  protected readonly canManage = computed(() => this.auth.can('portfolio.edit'));
  /** Edit controls: managers, while the action is not archived (the API refuses edits then). */
  protected readonly canEdit = computed(() => this.canManage() && !this.action()?.archivedAt);
  /** Stages and their evidence: staff, directors and admins (the API refuses partners). */
  protected readonly canViewStages = computed(() => this.auth.can('notes.view'));
  /** The history: staff, directors and admins (the API answers partners 403). */
  protected readonly canViewHistory = computed(() => this.auth.can('notes.view'));
  protected readonly partnerColumns = computed(() =>
    this.canEdit() ? ['organisation', 'role', 'notes', 'edit'] : ['organisation', 'role', 'notes'],
  );
  protected readonly fundingColumns = computed(() =>
    this.canEdit()
      ? ['amount', 'date', 'provider', 'receiver', 'description', 'edit']
      : ['amount', 'date', 'provider', 'receiver', 'description'],
  );
  protected readonly busy = signal(false);
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
  /** "Qué falta" after creating an action: the parts it still lacks (editors only). */
  protected readonly missing = computed<MissingPart[]>(() => {
    const a = this.action();
    return a && this.nueva() && this.canEdit() ? missingParts(a) : [];
  });

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
  protected readonly progress = indicatorProgress;

  /** The action's themes with the managed list's labels. */
  protected themeLabels(codes: readonly string[]): string {
    return codes.length ? codes.map((c) => this.themes.label(c)).join(', ') : '—';
  }

  constructor() {
    void this.themes.ensureLoaded();
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

  /** After an evidence upload or delete. */
  protected onEvidenceChanged(): void {
    this.refresh();
  }

  protected attachLabel(owner: string): string {
    return $localize`:@@evidence.attachNamed:Adjuntar evidencia a ${owner}:owner:`;
  }

  protected evidenceLabel(owner: string): string {
    return $localize`:@@evidence.regionNamed:Evidencias de ${owner}:owner:`;
  }

  protected readonly actionEvidenceLabel = $localize`:@@evidence.regionAction:Evidencias de la acción`;

  load(id = this.id()): void {
    this.history.set(null);
    this.store.load(id);
  }

  /** Re-reads the action in place (the open tab stays) after an edit. */
  private refresh(): void {
    this.store.refresh();
    if (this.history() !== null || this.historyError()) this.loadHistory();
  }

  protected editLabel(name: string): string {
    return $localize`:@@parts.editNamed:Editar ${name}:name:`;
  }

  protected deleteLabel(name: string): string {
    return $localize`:@@parts.deleteNamed:Eliminar ${name}:name:`;
  }

  /** Opens the add/edit dialog of a part; on save the page refreshes and says so. */
  async openPart(
    kind: PartKind,
    part?: { id: string; version: number },
    extra: Partial<PartDialogData<unknown>> = {},
  ): Promise<void> {
    const a = this.action();
    if (!a || !this.canEdit()) return;
    const component = await PART_DIALOGS[kind]();
    const data: PartDialogData<unknown> = { actionId: a.id, part, ...extra };
    if (kind === 'documents') {
      data.options = {
        milestones: a.milestones.map((m) => ({ id: m.id, title: m.title })),
        results: a.results.map((r) => ({ id: r.id, statement: r.statement })),
      };
    }
    const ref = this.dialog.open(component, {
      data,
      injector: this.injector,
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      width: '640px',
      maxWidth: '95vw',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) this.done(SAVED);
  }

  addIndicator(resultId: string): Promise<void> {
    return this.openPart('indicators', undefined, { resultId });
  }

  editIndicator(resultId: string, indicator: Indicator): Promise<void> {
    return this.openPart('indicators', indicator, { resultId });
  }

  /** Asks, then deletes a part with the version read. */
  async deletePart(kind: PartKind, part: { id: string; version: number }, name: string) {
    const a = this.action();
    if (!a || !this.canEdit()) return;
    const ok = await this.confirm({
      title: $localize`:@@parts.deleteTitle:¿Eliminar este registro?`,
      message: $localize`:@@parts.deleteMessage:Se eliminará «${name}:name:» de la acción. El cambio queda en el historial.`,
      confirm: $localize`:@@parts.delete:Eliminar`,
      danger: true,
    });
    if (ok) await this.run(this.api.deletePart(a.id, kind, part.id, part.version), DELETED);
  }

  /** Changes made in the progress tab: re-read the action (its progress figure). */
  protected progressChanged(): void {
    this.refresh();
  }

  /** Plans the lifecycle milestones of the action's kind; they are then edited like any other. */
  async planFromTemplate(): Promise<void> {
    const a = this.action();
    if (!a || !this.canEdit() || this.busy()) return;
    const ok = await this.confirm({
      title: $localize`:@@milestone.templateTitle:¿Generar los hitos planeados?`,
      message: $localize`:@@milestone.templateMessage:Se añadirán los hitos del ciclo de vida de este tipo de acción, con fechas programadas a partir del inicio programado (o real, o de hoy). Se omiten los tipos de hito que ya existen; después se editan como cualquier hito.`,
      confirm: $localize`:@@milestone.templateConfirm:Generar hitos`,
    });
    if (!ok) return;
    this.busy.set(true);
    try {
      const outcome = await firstValueFrom(this.progressApi.fromTemplate(a.id));
      const created = outcome.created.length;
      const skipped = outcome.skipped.length;
      this.done(
        $localize`:@@milestone.templateDone:Hitos planeados: ${created}:created: creados, ${skipped}:skipped: omitidos (ya existían).`,
      );
    } catch (e) {
      const err = toApiError(e);
      this.refresh();
      this.snackBar.open(err.message, undefined, { duration: 6000, politeness: 'assertive' });
    } finally {
      this.busy.set(false);
    }
  }

  /** "Marcar como realizado": today's date as the milestone's actual date. */
  async markDone(m: Milestone): Promise<void> {
    const a = this.action();
    if (!a || !this.canEdit()) return;
    await this.run(
      this.api.updatePart(a.id, 'milestones', m.id, { version: m.version, actualDate: todayIso() }),
      SAVED,
    );
  }

  async archive(): Promise<void> {
    const a = this.action();
    if (!a) return;
    const ok = await this.confirm({
      title: $localize`:@@action.archiveTitle:¿Archivar esta acción?`,
      message: $localize`:@@action.archiveMessage:Dejará de aparecer en las listas, el tablero y las exportaciones; no se borra nada y se puede restaurar.`,
      confirm: $localize`:@@action.archiveConfirm:Archivar`,
    });
    if (ok)
      await this.run(
        this.api.archive(a.id, a.version),
        $localize`:@@action.archivedDone:Acción archivada`,
      );
  }

  async restore(): Promise<void> {
    const a = this.action();
    if (!a) return;
    const ok = await this.confirm({
      title: $localize`:@@action.restoreTitle:¿Restaurar esta acción?`,
      message: $localize`:@@action.restoreMessage:Volverá a aparecer en las listas, el tablero y las exportaciones.`,
      confirm: $localize`:@@action.restoreConfirm:Restaurar`,
    });
    if (ok)
      await this.run(
        this.api.restore(a.id, a.version),
        $localize`:@@action.restoredDone:Acción restaurada`,
      );
  }

  private async confirm(data: ConfirmData): Promise<boolean> {
    const ref = this.dialog.open(ConfirmDialog, { data, restoreFocus: true, maxWidth: '95vw' });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }

  /** Sends a change; on success refreshes and says `message`, on failure says why and reloads. */
  private async run(request: Observable<unknown>, message: string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await firstValueFrom(request, { defaultValue: null });
      this.done(message);
    } catch (e) {
      const err = toApiError(e);
      this.refresh();
      this.snackBar.open(err.code === 'VERSION_CONFLICT' ? STALE : err.message, undefined, {
        duration: 6000,
        politeness: 'assertive',
      });
    } finally {
      this.busy.set(false);
    }
  }

  private done(message: string): void {
    this.refresh();
    this.snackBar.open(message, undefined, { duration: 3000 });
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
