import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  input,
  signal,
  Type,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom, Observable } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import type { AgendaItem, Agreement, AgreementNote } from '../../core/api/models';
import { AuthStore } from '../../core/auth/auth.store';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { ConfirmData, ConfirmDialog } from '../../shared/confirm-dialog';
import { PreciseDatePipe } from '../../shared/dates';
import { todayIso } from '../../shared/forms';
import { ProgressMeter } from '../../shared/progress-meter';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import type { AgendaItemDialogData, LinkedAction } from './agenda-item-dialog';
import type { AgreementDialogData } from './agreement-dialog';
import { AgreementStatusChip } from './agreement-status';
import { BoardApi } from './board.api';
import { isOverdue, nextPosition, sessionLabel, suggestCode } from './board.model';
import type { NoteDialogData } from './note-dialog';
import type { SessionDialogData } from './session-dialog';
import { SessionStore } from './session.store';
import { RowActions } from '../../shared/row-actions';

const SAVED = $localize`:@@parts.saved:Guardado`;
const DELETED = $localize`:@@parts.deleted:Eliminado`;
const STALE = $localize`:@@board.stale:Otra persona modificó este registro; se recargó la sesión. Revisa y vuelve a intentar.`;

/**
 * A board session: its agenda (items linked to tracked actions, with their progress) and the
 * agreements recorded in it, each with its dated follow-up notes. Staff edit; directors read.
 */
@Component({
  selector: 'app-session-page',
  imports: [
    RowActions,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatExpansionModule,
    PreciseDatePipe,
    ProgressMeter,
    AgreementStatusChip,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './session-page.html',
  styleUrl: './session-page.scss',
  providers: [SessionStore],
})
export class SessionPage {
  private readonly api = inject(BoardApi);
  private readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly injector = inject(Injector);
  private readonly router = inject(Router);
  protected readonly store = inject(SessionStore);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly session = this.store.session;
  protected readonly canEdit = computed(() => this.auth.can('board.edit'));
  protected readonly today = todayIso();
  protected readonly busy = signal(false);
  /** Follow-up notes of the agreements opened so far (by agreement id). */
  protected readonly notes = signal<Record<string, AgreementNote[] | undefined>>({});
  protected readonly statusLabels = AGREEMENT_STATUS_LABELS;
  protected readonly label = sessionLabel;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.store.load(id));
    });
  }

  protected overdue(a: Agreement): boolean {
    return isOverdue(a, this.today);
  }

  protected linked(item: AgendaItem) {
    const actions = this.store.actions();
    return item.actionIds.map((id) => ({ id, view: actions.get(id) ?? null }));
  }

  protected loadNotes(agreementId: string): void {
    this.api.agreement(agreementId).subscribe({
      next: (a) => this.notes.update((n) => ({ ...n, [agreementId]: a.notes })),
      error: () => this.notes.update((n) => ({ ...n, [agreementId]: [] })),
    });
  }

  private async openDialog<D>(
    load: () => Promise<Type<unknown>>,
    data: D,
    autoFocus = 'first-tabbable',
  ): Promise<boolean> {
    const component = await load();
    const ref = this.dialog.open(component, {
      data,
      injector: this.injector,
      autoFocus,
      restoreFocus: true,
      width: '640px',
      maxWidth: '95vw',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    this.store.refresh();
    if (saved) this.snackBar.open(SAVED, undefined, { duration: 3000 });
    return !!saved;
  }

  editSession(): Promise<boolean> {
    const s = this.session();
    if (!s) return Promise.resolve(false);
    const data: SessionDialogData = {
      item: s,
      institute: { id: s.instituteId, name: this.store.institute(), acronym: null },
    };
    return this.openDialog(
      () => import('./session-dialog').then((m) => m.SessionDialog),
      data,
      '[formcontrolname="number"]',
    );
  }

  addItem(): Promise<boolean> {
    return this.openItem();
  }

  openItem(item?: AgendaItem): Promise<boolean> {
    const s = this.session();
    if (!s) return Promise.resolve(false);
    const linked: LinkedAction[] = [...this.store.actions().values()].map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
    }));
    const data: AgendaItemDialogData = {
      item,
      sessionId: s.id,
      position: nextPosition(s.agendaItems),
      linked,
    };
    return this.openDialog(
      () => import('./agenda-item-dialog').then((m) => m.AgendaItemDialog),
      data,
    );
  }

  openAgreement(agreement?: Agreement): Promise<boolean> {
    const s = this.session();
    if (!s) return Promise.resolve(false);
    const data: AgreementDialogData = {
      item: agreement,
      sessionId: s.id,
      suggestedCode: suggestCode(s, s.agreements),
    };
    return this.openDialog(() => import('./agreement-dialog').then((m) => m.AgreementDialog), data);
  }

  async addNote(agreement: Agreement): Promise<void> {
    const data: NoteDialogData = {
      agreementId: agreement.id,
      code: agreement.code,
      status: agreement.status,
    };
    const saved = await this.openDialog(
      () => import('./note-dialog').then((m) => m.NoteDialog),
      data,
    );
    if (saved) this.loadNotes(agreement.id);
  }

  protected itemLabel(item: AgendaItem, verb: 'edit' | 'delete'): string {
    const n = item.position;
    return verb === 'edit'
      ? $localize`:@@agenda.editNamed:Editar el punto ${n}:n:`
      : $localize`:@@agenda.deleteNamed:Quitar el punto ${n}:n:`;
  }

  protected agreementLabel(a: Agreement, verb: 'edit' | 'delete' | 'note'): string {
    const code = a.code;
    if (verb === 'edit') return $localize`:@@agreement.editNamed:Editar el acuerdo ${code}:code:`;
    if (verb === 'note')
      return $localize`:@@agreement.noteNamed:Añadir seguimiento al acuerdo ${code}:code:`;
    return $localize`:@@agreement.deleteNamed:Eliminar el acuerdo ${code}:code:`;
  }

  async removeItem(item: AgendaItem): Promise<void> {
    const s = this.session();
    const name = item.title;
    if (
      s &&
      (await this.confirm({
        title: $localize`:@@agenda.deleteTitle:¿Quitar este punto del orden del día?`,
        message: $localize`:@@agenda.deleteMessage:Se quitará «${name}:name:». Las acciones vinculadas no cambian.`,
        confirm: $localize`:@@agenda.deleteConfirm:Quitar`,
        danger: true,
      }))
    )
      await this.run(this.api.removeAgendaItem(s.id, item.id, item.version));
  }

  async removeAgreement(a: Agreement): Promise<void> {
    const code = a.code;
    if (
      await this.confirm({
        title: $localize`:@@agreement.deleteTitle:¿Eliminar este acuerdo?`,
        message: $localize`:@@agreement.deleteMessage:Se eliminará el acuerdo ${code}:code: con su seguimiento. El cambio queda en la bitácora.`,
        confirm: $localize`:@@parts.delete:Eliminar`,
        danger: true,
      })
    )
      await this.run(this.api.removeAgreement(a.id, a.version));
  }

  async removeNote(a: Agreement, note: AgreementNote): Promise<void> {
    if (
      await this.confirm({
        title: $localize`:@@note.deleteTitle:¿Eliminar esta nota de seguimiento?`,
        message: $localize`:@@note.deleteMessage:La nota se elimina; el estado del acuerdo no cambia.`,
        confirm: $localize`:@@parts.delete:Eliminar`,
        danger: true,
      })
    ) {
      await this.run(this.api.removeNote(a.id, note.id));
      this.loadNotes(a.id);
    }
  }

  async removeSession(): Promise<void> {
    const s = this.session();
    if (!s) return;
    const ok = await this.confirm({
      title: $localize`:@@session.deleteTitle:¿Eliminar esta sesión?`,
      message: $localize`:@@session.deleteMessage:Se eliminará la sesión con su orden del día. Una sesión con acuerdos no se puede eliminar.`,
      confirm: $localize`:@@parts.delete:Eliminar`,
      danger: true,
    });
    // Once the session is gone there is nothing to re-read: go back to the list.
    if (ok && (await this.run(this.api.removeSession(s.id, s.version), { gone: true })))
      void this.router.navigate(['/junta']);
  }

  private async confirm(data: ConfirmData): Promise<boolean> {
    const ref = this.dialog.open(ConfirmDialog, { data, restoreFocus: true, maxWidth: '95vw' });
    return (await firstValueFrom(ref.afterClosed())) === true;
  }

  /**
   * Sends a removal; says so, or why not (a stale version reloads the session). `gone`: the
   * removal deletes the session itself, so it is not re-read after success.
   */
  private async run(request: Observable<unknown>, { gone = false } = {}): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    let removed = false;
    try {
      await firstValueFrom(request, { defaultValue: null });
      this.snackBar.open(DELETED, undefined, { duration: 3000 });
      removed = true;
      return true;
    } catch (e) {
      const err = toApiError(e);
      this.snackBar.open(err.code === 'VERSION_CONFLICT' ? STALE : err.message, undefined, {
        duration: 6000,
        politeness: 'assertive',
      });
      return false;
    } finally {
      this.busy.set(false);
      if (!(gone && removed)) this.store.refresh();
    }
  }
}
