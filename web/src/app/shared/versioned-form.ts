import { inject, signal } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { firstValueFrom, Observable } from 'rxjs';
import { ApiError, toApiError } from '../core/api/api-error';
import { applyApiErrors, controlErrorText, FieldAliases } from './forms';

export const CONFLICT_MESSAGE = $localize`:@@parts.conflict:Otra persona modificó este registro mientras lo editabas. Se cargó la versión guardada: revisa los datos y vuelve a guardar.`;

/** The dialog (or page) that owns the form: how a record goes into it and comes out of it. */
export interface VersionedFormHost<T> {
  readonly form: FormGroup;
  /** Puts a saved record into the form. */
  fill(item: T): void;
  /** The request body from the form (POST; PATCH sends only what differs from the record loaded). */
  body(): object;
}

export interface VersionedFormOptions<T> {
  create(body: object): Observable<T>;
  update?(id: string, body: Record<string, unknown> & { version: number }): Observable<T>;
  /** API field → control name, when they differ. */
  aliases?: FieldAliases;
  /** Said when the record was deleted meanwhile (404 on PATCH). */
  goneMessage: string;
  /** After a conflict, a 404 or any other refusal: the page behind may re-read its data. */
  onRefused?(err: ApiError): void;
  /** Runs after a successful save, before closing (milestones: upload the chosen evidence). */
  afterSave?(saved: T): Promise<void>;
  /** Closes the dialog with the saved record (nothing when no field changed). */
  close(saved?: T): void;
}

/**
 * One versioned write from a form: POST, or PATCH with only the changed fields and the version
 * read; the API's field errors on the fields; on 409 VERSION_CONFLICT the saved record loaded back
 * into the form with a message. The dialogs hold one (composition, not a base class).
 */
export class VersionedForm<T extends { id: string; version?: number }> {
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);
  readonly editing: boolean;
  private version: number;
  /** The body of the record as loaded: PATCH sends only what differs from it. */
  private original: Record<string, unknown> = {};

  constructor(
    private readonly host: VersionedFormHost<T>,
    private readonly item: T | undefined,
    private readonly options: VersionedFormOptions<T>,
  ) {
    this.editing = !!item;
    this.version = item?.version ?? 0;
  }

  /** Fills the form with a saved record and remembers it as the starting point. */
  load(item: T): void {
    this.host.fill(item);
    this.version = item.version ?? 0;
    this.original = JSON.parse(JSON.stringify(this.host.body())) as Record<string, unknown>;
  }

  errorText(name: string): string {
    return controlErrorText(this.host.form.get(name));
  }

  async submit(): Promise<void> {
    if (this.busy()) return;
    const form = this.host.form;
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    const changes = this.item ? this.changes() : {};
    if (this.item && !Object.keys(changes).length) {
      this.options.close();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const saved = await firstValueFrom(this.send(changes));
      await this.options.afterSave?.(saved);
      this.options.close(saved);
    } catch (e) {
      this.refused(toApiError(e));
    } finally {
      this.busy.set(false);
    }
  }

  private send(changes: Record<string, unknown>): Observable<T> {
    if (!this.item) return this.options.create(this.host.body());
    if (!this.options.update) throw new Error('This record cannot be edited');
    return this.options.update(this.item.id, { ...changes, version: this.version });
  }

  /** The fields that differ from the record as loaded. */
  private changes(): Record<string, unknown> {
    const body = this.host.body() as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(body).filter(
        ([key, value]) => JSON.stringify(value) !== JSON.stringify(this.original[key]),
      ),
    );
  }

  private refused(err: ApiError): void {
    this.options.onRefused?.(err);
    const current = (err.rawDetails as { current?: T } | undefined)?.current;
    if (err.code === 'VERSION_CONFLICT' && current) {
      this.load(current);
      this.host.form.markAsPristine();
      this.error.set(CONFLICT_MESSAGE);
      return;
    }
    if (err.status === 404 && this.item) {
      this.error.set(this.options.goneMessage);
      return;
    }
    const unmatched = applyApiErrors(this.host.form, err, this.options.aliases);
    if (!err.details.length || unmatched.length) {
      this.error.set([err.message, ...unmatched].join(' '));
    }
  }
}

/** In a dialog's field initializer: a VersionedForm that closes the dialog with the saved record. */
export function dialogForm<T extends { id: string; version?: number }>(
  host: VersionedFormHost<T>,
  item: T | undefined,
  options: Omit<VersionedFormOptions<T>, 'close'>,
): VersionedForm<T> {
  const ref = inject<MatDialogRef<unknown, T>>(MatDialogRef);
  return new VersionedForm(host, item, { ...options, close: (saved) => ref.close(saved) });
}
