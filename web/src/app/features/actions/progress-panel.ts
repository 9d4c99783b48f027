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
import { RowActions } from '../../shared/row-actions';

const STALE = $localize`:@@parts.stale:Otra persona modificó este registro; se recargó la acción. Revisa y vuelve a intentar.`;

/**
 * The "Avance" tab: the progress figure with its bar, and the five stages of the scheme with the
 * date and evidence of each one reached. Staff record, edit and remove stages (with the version
 * read); the page re-reads the action after each change (`changed`), so the figure follows.
 */
@Component({
  selector: 'app-progress-panel',
  imports: [
    RowActions,
    MatButtonModule,
    MatIconModule,
    PreciseDatePipe,
    ProgressMeter,
    LoadingState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './progress-panel.html',
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
