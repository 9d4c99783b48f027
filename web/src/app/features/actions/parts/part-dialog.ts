import { Directive, inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom, Observable } from 'rxjs';
import { ApiError, toApiError } from '../../../core/api/api-error';
import { applyApiErrors, controlErrorText, FieldAliases } from '../../../shared/forms';
import { ActionDetailStore } from '../action-detail.store';
import { ActionsApi, PartKind } from '../actions.api';

/** What a part dialog is opened with: the action, and the part when editing. */
export interface PartDialogData<T> {
  actionId: string;
  part?: T;
  /** Indicators: the result they belong to. */
  resultId?: string;
  /** Documents: milestones and results they may point to. */
  options?: {
    milestones: { id: string; title: string }[];
    results: { id: string; statement: string }[];
  };
}

export const CONFLICT_MESSAGE = $localize`:@@parts.conflict:Otra persona modificó este registro mientras lo editabas. Se cargó la versión guardada: revisa los datos y vuelve a guardar.`;
export const GONE_MESSAGE = $localize`:@@parts.gone:Este registro ya no existe; se actualizó la acción.`;

/**
 * Shared behaviour of the dialogs that add or edit a part of an action: send POST or PATCH with
 * the version read, put the API's field errors on the fields, and on 409 VERSION_CONFLICT reload
 * the saved part into the form (and the action page behind) with a message.
 * The dialog closes with the saved part.
 */
@Directive()
export abstract class PartDialog<T extends { id: string; version: number }> {
  protected readonly api = inject(ActionsApi);
  protected readonly ref = inject<MatDialogRef<unknown, T>>(MatDialogRef);
  protected readonly data = inject<PartDialogData<T>>(MAT_DIALOG_DATA);
  private readonly store = inject(ActionDetailStore, { optional: true });

  protected abstract readonly kind: PartKind;
  abstract readonly form: FormGroup;
  /** API field → control name, when they differ. */
  protected readonly aliases: FieldAliases = {};

  protected readonly editing = !!this.data.part;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private version = this.data.part?.version ?? 0;
  /** The body of the part as loaded: PATCH sends only what differs from it. */
  private original: Record<string, unknown> = {};

  /** The request body from the form (POST and PATCH). */
  protected abstract body(): object;
  /** Puts a saved part into the form. */
  protected abstract fill(part: T): void;
  /** Runs after a successful save, before the dialog closes (milestones: upload evidence). */
  protected async afterSave(_saved: T): Promise<void> {
    return;
  }

  /** Fills the form with a saved part and remembers it as the starting point. */
  protected load(part: T): void {
    this.fill(part);
    this.version = part.version;
    this.original = JSON.parse(JSON.stringify(this.body())) as Record<string, unknown>;
  }

  /** The fields that differ from the part as loaded. */
  private changes(): Record<string, unknown> {
    const body = this.body() as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(body).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(this.original[key]),
      ),
    );
  }

  protected create(body: object): Observable<T> {
    return this.api.addPart<T>(this.data.actionId, this.kind, body);
  }

  protected errorText(name: string): string {
    return controlErrorText(this.form.get(name));
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const part = this.data.part;
    const changes = part ? this.changes() : {};
    if (part && !Object.keys(changes).length) {
      this.ref.close();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(
        part
          ? this.api.updatePart<T>(this.data.actionId, this.kind, part.id, {
              ...changes,
              version: this.version,
            })
          : this.create(this.body()),
      );
      await this.afterSave(saved);
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
      this.store?.refresh();
      return;
    }
    if (err.status === 404 && this.data.part) {
      this.error.set(GONE_MESSAGE);
      this.store?.refresh();
      return;
    }
    if (err.code === 'ACTION_ARCHIVED') this.store?.refresh();
    const unmatched = applyApiErrors(this.form, err, this.aliases);
    if (!err.details.length || unmatched.length) {
      this.error.set([err.message, ...unmatched].join(' '));
    }
  }
}

/** Styles every part dialog shares. */
export const PART_DIALOG_STYLES = `
  .full-width {
    width: 100%;
  }
  .row {
    display: flex;
    gap: 12px;
    flex-wrap: wrap;
  }
  .row > * {
    flex: 1 1 180px;
  }
  .server-error {
    color: var(--mat-sys-error);
  }
  .hint {
    color: var(--mat-sys-on-surface-variant);
    font: var(--mat-sys-body-small);
    margin: 0 0 12px;
  }
`;
