import { computed, inject, Injectable, Injector, Signal, signal, Type } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { firstValueFrom, Observable } from 'rxjs';
import { toApiError } from '../../../core/api/api-error';
import type { Indicator, Milestone } from '../../../core/api/models';
import { ProgressApi } from '../../../core/api/progress.api';
import { AuthStore } from '../../../core/auth/auth.store';
import { ConfirmData, ConfirmDialog } from '../../../shared/confirm-dialog';
import { todayIso } from '../../../shared/forms';
import { ActionDetailStore } from '../action-detail.store';
import { ActionsApi, PartKind } from '../actions.api';
import type { PartDialogData } from '../parts/part-form';

/** The dialogs load on first use, so the page's chunk stays small. */
const PART_DIALOGS: Record<PartKind, () => Promise<Type<unknown>>> = {
  participations: () => import('../parts/participation-dialog').then((m) => m.ParticipationDialog),
  instruments: () => import('../parts/instrument-dialog').then((m) => m.InstrumentDialog),
  funding: () => import('../parts/funding-dialog').then((m) => m.FundingDialog),
  milestones: () => import('../parts/milestone-dialog').then((m) => m.MilestoneDialog),
  results: () => import('../parts/result-dialog').then((m) => m.ResultDialog),
  indicators: () => import('../parts/indicator-dialog').then((m) => m.IndicatorDialog),
  documents: () => import('../parts/document-dialog').then((m) => m.DocumentDialog),
  stages: () => import('../parts/stage-dialog').then((m) => m.StageDialog),
};

const SAVED = $localize`:@@parts.saved:Guardado`;
const DELETED = $localize`:@@parts.deleted:Eliminado`;
const STALE = $localize`:@@parts.stale:Otra persona modificó este registro; se recargó la acción. Revisa y vuelve a intentar.`;

/** A part as the page has it: enough to edit (dialog) or delete (with the version read). */
export interface PartRef {
  id: string;
  version: number;
}

/**
 * Every change made from the action page (add, edit, delete a part; mark a milestone done; plan
 * milestones; archive, restore), with its confirmation, snack-bar message and refresh. Provided by
 * the action page; the tabs inject it optionally, so without it (the public share page) they only read.
 */
@Injectable()
export class ActionEditor {
  private readonly api = inject(ActionsApi);
  private readonly progressApi = inject(ProgressApi);
  private readonly auth = inject(AuthStore);
  private readonly store = inject(ActionDetailStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  /** The page's injector: the part dialogs reach the page's store through it. */
  private readonly injector = inject(Injector);

  readonly busy = signal(false);
  /** Staff and admins manage actions (archive, restore); directors and partners only read. */
  readonly canManage = computed(() => this.auth.can('portfolio.edit'));
  /** Edit controls: managers, while the action is not archived (the API refuses edits then). */
  readonly canEdit = computed(() => this.canManage() && !this.store.action()?.archivedAt);

  /** Opens the add/edit dialog of a part; on save the page refreshes and says so. */
  async openPart(
    kind: PartKind,
    part?: PartRef,
    extra: Partial<PartDialogData<unknown>> = {},
  ): Promise<void> {
    const a = this.store.action();
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

  editIndicator(resultId: string, indicator: Indicator): Promise<void> {
    return this.openPart('indicators', indicator, { resultId });
  }

  /** Asks, then deletes a part with the version read. */
  async deletePart(kind: PartKind, part: PartRef, name: string): Promise<void> {
    const a = this.store.action();
    if (!a || !this.canEdit()) return;
    const ok = await this.confirm({
      title: $localize`:@@parts.deleteTitle:¿Eliminar este registro?`,
      message: $localize`:@@parts.deleteMessage:Se eliminará «${name}:name:» de la acción. El cambio queda en el historial.`,
      confirm: $localize`:@@parts.delete:Eliminar`,
      danger: true,
    });
    if (ok) await this.run(this.api.deletePart(a.id, kind, part.id, part.version), DELETED);
  }

  /** Plans the lifecycle milestones of the action's kind; they are then edited like any other. */
  async planFromTemplate(): Promise<void> {
    const a = this.store.action();
    if (!a || !this.canEdit() || this.busy()) return;
    const ok = await this.confirm({
      title: $localize`:@@milestone.templateTitle:¿Generar los hitos planeados?`,
      message: $localize`:@@milestone.templateMessage:Se añadirán los hitos del ciclo de vida de este tipo de acción, con fechas programadas a partir del inicio programado (o real, o de hoy). Se omiten los tipos de hito que ya existen; después se editan como cualquier hito.`,
      confirm: $localize`:@@milestone.templateConfirm:Generar hitos`,
    });
    if (!ok) return;
    await this.run(this.progressApi.fromTemplate(a.id), (outcome) => {
      const created = outcome.created.length;
      const skipped = outcome.skipped.length;
      return $localize`:@@milestone.templateDone:Hitos planeados: ${created}:created: creados, ${skipped}:skipped: omitidos (ya existían).`;
    });
  }

  /** "Marcar como realizado": today's date as the milestone's actual date. */
  async markDone(m: Milestone): Promise<void> {
    const a = this.store.action();
    if (!a || !this.canEdit()) return;
    await this.run(
      this.api.updatePart(a.id, 'milestones', m.id, { version: m.version, actualDate: todayIso() }),
      SAVED,
    );
  }

  async archive(): Promise<void> {
    const a = this.store.action();
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
    const a = this.store.action();
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
  private async run<T>(
    request: Observable<T>,
    message: string | ((outcome: T) => string),
  ): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      const outcome = await firstValueFrom(request, { defaultValue: null as T });
      this.done(typeof message === 'string' ? message : message(outcome));
    } catch (e) {
      const err = toApiError(e);
      this.store.refresh();
      this.snackBar.open(err.code === 'VERSION_CONFLICT' ? STALE : err.message, undefined, {
        duration: 6000,
        politeness: 'assertive',
      });
    } finally {
      this.busy.set(false);
    }
  }

  private done(message: string): void {
    this.store.refresh();
    this.snackBar.open(message, undefined, { duration: 3000 });
  }
}

/** In a tab: whether to show edit controls (false on the share page, which has no editor). */
export function injectCanEdit(): Signal<boolean> {
  const editor = inject(ActionEditor, { optional: true });
  return computed(() => editor?.canEdit() ?? false);
}
