import { Directive, inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom, Observable } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import { applyApiErrors, controlErrorText } from '../../shared/forms';
import { CONFLICT_MESSAGE } from '../actions/parts/part-dialog';
import { BoardApi } from './board.api';

/** What every board dialog is opened with: the record when editing. */
export interface BoardDialogData<T> {
  item?: T;
}

/**
 * Shared behaviour of the board dialogs (session, agenda item, agreement, note): POST or PATCH
 * with the version read (only the fields that changed), the API's field errors on the fields, and
 * on 409 VERSION_CONFLICT the saved record loaded back into the form with a message.
 * The dialog closes with the saved record.
 */
@Directive()
export abstract class BoardDialog<
  T extends { id: string; version?: number },
  D extends BoardDialogData<T> = BoardDialogData<T>,
> {
  protected readonly api = inject(BoardApi);
  protected readonly ref = inject<MatDialogRef<unknown, T>>(MatDialogRef);
  protected readonly data = inject<D>(MAT_DIALOG_DATA);

  abstract readonly form: FormGroup;
  protected readonly editing = !!this.data.item;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private version = this.data.item?.version ?? 0;
  private original: Record<string, unknown> = {};

  protected abstract body(): Record<string, unknown>;
  protected abstract fill(item: T): void;
  protected abstract create(body: Record<string, unknown>): Observable<T>;
  protected update(_id: string, _body: Record<string, unknown>): Observable<T> {
    throw new Error('This record cannot be edited');
  }

  protected load(item: T): void {
    this.fill(item);
    this.version = item.version ?? 0;
    this.original = JSON.parse(JSON.stringify(this.body())) as Record<string, unknown>;
  }

  protected errorText(name: string): string {
    return controlErrorText(this.form.get(name));
  }

  private changes(): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(this.body()).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(this.original[key]),
      ),
    );
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const item = this.data.item;
    const changes = item ? this.changes() : {};
    if (item && !Object.keys(changes).length) {
      this.ref.close();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(
        item
          ? this.update(item.id, { ...changes, version: this.version })
          : this.create(this.body()),
      );
      this.ref.close(saved);
    } catch (e) {
      this.handleError(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  private handleError(err: ApiError): void {
    const current = (err.rawDetails as { current?: T } | undefined)?.current;
    if (err.code === 'VERSION_CONFLICT' && current) {
      this.load(current);
      this.form.markAsPristine();
      this.error.set(CONFLICT_MESSAGE);
      return;
    }
    if (err.status === 404 && this.data.item) {
      this.error.set(
        $localize`:@@board.gone:Este registro ya no existe; cierra el cuadro para ver la sesión actualizada.`,
      );
      return;
    }
    const unmatched = applyApiErrors(this.form, err);
    if (!err.details.length || unmatched.length) {
      this.error.set([err.message, ...unmatched].join(' '));
    }
  }
}

/** Styles every board dialog shares. */
export const BOARD_DIALOG_STYLES = `
  .full-width {
    width: 100%;
  }
  .row {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
  }
  .row > * {
    flex: 1 1 160px;
  }
  .server-error {
    color: var(--mat-sys-error);
  }
`;
