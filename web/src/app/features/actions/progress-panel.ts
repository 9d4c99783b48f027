import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { forkJoin, firstValueFrom } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type {
  ActionProgress,
  ActionStage,
  ProgressScheme,
  ProgressStage,
} from '../../core/api/models';
import { ProgressApi } from '../../core/api/progress.api';
import { STAGE_LABELS } from '../../core/i18n/progress-labels';
import { ConfirmDialog, ConfirmData } from '../../shared/confirm-dialog';
import { PreciseDatePipe } from '../../shared/dates';
import { ProgressMeter } from '../../shared/progress-meter';
import { ErrorState, LoadingState } from '../../shared/states';
import { ActionsApi } from './actions.api';
import { stageRows } from './progress.model';
import type { StageDialogData } from './parts/stage-dialog';

const STALE = $localize`:@@parts.stale:Otra persona modificó este registro; se recargó la acción. Revisa y vuelve a intentar.`;

/**
 * The "Avance" tab: the progress figure with its bar, and the five stages of the scheme with the
 * date and evidence of each one reached. Staff record, edit and remove stages (with the version
 * read); the page re-reads the action after each change (`changed`), so the figure follows.
 */
@Component({
  selector: 'app-progress-panel',
  imports: [
    MatButtonModule,
    MatIconModule,
    PreciseDatePipe,
    ProgressMeter,
    LoadingState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="figure" aria-labelledby="progress-title" data-testid="action-progress">
      <h2 id="progress-title" i18n="@@progress.title">Avance de la acción</h2>
      <app-progress-meter [progress]="progress()" [bar]="true" />
      <p class="muted" i18n="@@progress.rule">
        El avance suma el peso de las etapas alcanzadas en orden desde la planeación; una etapa
        registrada después de un hueco cuenta cuando se completan las anteriores.
      </p>
    </section>
    @if (canViewStages()) {
      @if (error(); as err) {
        <app-error-state [message]="err.message" (retry)="load()" />
      } @else if (scheme()) {
        <ol class="stages" data-testid="stages">
          @for (row of rows(); track row.stage) {
            <li [class.reached]="row.record" [attr.data-stage]="row.stage" data-testid="stage-row">
              <div class="head">
                <mat-icon aria-hidden="true">{{
                  row.record ? (row.counts ? 'check_circle' : 'pending') : 'radio_button_unchecked'
                }}</mat-icon>
                <h3>{{ stageLabels[row.stage] }}</h3>
                <span class="weight muted">{{ row.weight }} %</span>
              </div>
              @if (row.record; as r) {
                <p>
                  <span i18n="@@progress.reachedOn">Alcanzada el</span>
                  <strong> {{ r.reachedOn | preciseDate }}</strong>
                  @if (!row.counts) {
                    <span class="gap" i18n="@@progress.gap">
                      (aún no cuenta: falta una etapa anterior)</span
                    >
                  }
                </p>
                @if (r.notes) {
                  <p class="notes">{{ r.notes }}</p>
                }
                @if (r.evidenceUrl) {
                  <a
                    [href]="r.evidenceUrl"
                    target="_blank"
                    rel="noopener"
                    i18n="@@progress.evidence"
                    >Ver evidencia</a
                  >
                }
                @if (r.evidenceDate) {
                  <span class="muted" data-testid="stage-evidence-date-shown">
                    <ng-container i18n="@@progress.evidenceDate">Evidencia del</ng-container>
                    {{ r.evidenceDate | preciseDate }}</span
                  >
                }
              } @else {
                <p class="muted" i18n="@@progress.notReached">Sin registrar.</p>
              }
              @if (canEdit()) {
                <div class="row-actions">
                  @if (row.record; as r) {
                    <button
                      mat-icon-button
                      type="button"
                      (click)="open(row.stage, r)"
                      [attr.aria-label]="editLabel(row.stage)"
                    >
                      <mat-icon aria-hidden="true">edit</mat-icon>
                    </button>
                    <button
                      mat-icon-button
                      type="button"
                      (click)="remove(r)"
                      [disabled]="busy()"
                      [attr.aria-label]="deleteLabel(row.stage)"
                    >
                      <mat-icon aria-hidden="true">delete</mat-icon>
                    </button>
                  } @else {
                    <button
                      mat-stroked-button
                      type="button"
                      (click)="open(row.stage)"
                      [attr.data-testid]="'record-stage-' + row.stage"
                    >
                      <mat-icon aria-hidden="true">add</mat-icon>
                      <span i18n="@@progress.record">Registrar</span>
                    </button>
                  }
                </div>
              }
            </li>
          }
        </ol>
      } @else {
        <app-loading-state />
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .figure {
      max-width: 560px;
      margin-bottom: 16px;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .stages {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 8px;
    }
    .stages li {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      padding: 8px 16px;
    }
    .stages li.reached {
      background: var(--mat-sys-surface-container-low);
    }
    .head {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .head h3 {
      flex: 1 1 auto;
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .reached .head mat-icon {
      color: var(--mat-sys-primary);
    }
    p {
      margin: 4px 0;
    }
    .notes {
      white-space: pre-line;
    }
    .gap {
      color: var(--mat-sys-error);
    }
    .row-actions {
      display: flex;
      justify-content: flex-end;
      gap: 4px;
    }
  `,
})
export class ProgressPanel {
  private readonly api = inject(ProgressApi);
  private readonly actions = inject(ActionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);

  readonly actionId = input.required<string>();
  readonly progress = input.required<ActionProgress>();
  readonly canEdit = input(false);
  /** Stages and their evidence are internal (staff, directors); partners see the figure only. */
  readonly canViewStages = input(false);
  /** After a stage was saved or removed: the page re-reads the action. */
  readonly changed = output<void>();

  protected readonly scheme = signal<ProgressScheme | null>(null);
  protected readonly stages = signal<ActionStage[]>([]);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly rows = computed(() => {
    const scheme = this.scheme();
    return scheme ? stageRows(scheme, this.stages()) : [];
  });

  constructor() {
    effect(() => {
      this.actionId();
      if (this.canViewStages()) untracked(() => this.load());
    });
  }

  load(): void {
    this.error.set(null);
    forkJoin([this.api.scheme(), this.api.stages(this.actionId())]).subscribe({
      next: ([scheme, stages]) => {
        this.scheme.set(scheme);
        this.stages.set(stages);
      },
      error: (e: unknown) => this.error.set(toApiError(e)),
    });
  }

  protected editLabel(stage: ProgressStage): string {
    const name = STAGE_LABELS[stage];
    return $localize`:@@parts.editNamed:Editar ${name}:name:`;
  }

  protected deleteLabel(stage: ProgressStage): string {
    const name = STAGE_LABELS[stage];
    return $localize`:@@parts.deleteNamed:Eliminar ${name}:name:`;
  }

  async open(stage: ProgressStage, record?: ActionStage): Promise<void> {
    if (!this.canEdit()) return;
    const { StageDialog } = await import('./parts/stage-dialog');
    const data: StageDialogData = { actionId: this.actionId(), part: record, stage };
    const ref = this.dialog.open(StageDialog, {
      data,
      injector: this.injector,
      autoFocus: 'first-tabbable',
      restoreFocus: true,
      width: '640px',
      maxWidth: '95vw',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    this.load();
    if (saved) {
      this.changed.emit();
      this.snackBar.open($localize`:@@parts.saved:Guardado`, undefined, { duration: 3000 });
    }
  }

  async remove(record: ActionStage): Promise<void> {
    if (!this.canEdit() || this.busy()) return;
    const name = STAGE_LABELS[record.stage];
    const data: ConfirmData = {
      title: $localize`:@@parts.deleteTitle:¿Eliminar este registro?`,
      message: $localize`:@@parts.deleteMessage:Se eliminará «${name}:name:» de la acción. El cambio queda en el historial.`,
      confirm: $localize`:@@parts.delete:Eliminar`,
      danger: true,
    };
    const ok = await firstValueFrom(
      this.dialog.open(ConfirmDialog, { data, restoreFocus: true, maxWidth: '95vw' }).afterClosed(),
    );
    if (ok !== true) return;
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.actions.deletePart(this.actionId(), 'stages', record.id, record.version),
        { defaultValue: null },
      );
      this.snackBar.open($localize`:@@parts.deleted:Eliminado`, undefined, { duration: 3000 });
    } catch (e) {
      const err = toApiError(e);
      this.snackBar.open(err.code === 'VERSION_CONFLICT' ? STALE : err.message, undefined, {
        duration: 6000,
        politeness: 'assertive',
      });
    } finally {
      this.busy.set(false);
      this.load();
      this.changed.emit();
    }
  }
}
