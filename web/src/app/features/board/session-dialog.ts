import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import type { Observable } from 'rxjs';
import { BoardSession, SESSION_KINDS, SessionKind } from '../../core/api/models';
import { SESSION_KIND_LABELS } from '../../core/i18n/progress-labels';
import { dateValidator, todayIso } from '../../shared/forms';
import {
  OrgAutocomplete,
  orgOf,
  OrgOption,
  orgValidator,
  OrgValue,
} from '../actions/parts/org-autocomplete';
import { sessionLabel } from './board.model';
import { FORM_DIALOG_IMPORTS } from '../../shared/dialog-actions';
import type { VersionedFormHost } from '../../shared/versioned-form';
import { BoardApi } from './board.api';
import { BOARD_DIALOG_STYLES, BoardDialogData, boardForm } from './board-form';

export type SessionDialogData = BoardDialogData<BoardSession> & {
  /** The institute of the sessions already recorded (new sessions default to it). */
  institute?: OrgOption | null;
  nextNumber?: number;
};

/** Records or edits a board session: institute, number, ordinary/extraordinary, date, title. */
@Component({
  selector: 'app-session-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule, OrgAutocomplete],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './session-dialog.html',
  styles: BOARD_DIALOG_STYLES,
})
export class SessionDialog implements VersionedFormHost<BoardSession> {
  protected readonly data = inject<SessionDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(BoardApi);
  protected readonly kinds = SESSION_KINDS;
  protected readonly kindLabels = SESSION_KIND_LABELS;

  readonly form = new FormGroup({
    institute: new FormControl<OrgValue>(this.data.institute ?? null, [
      Validators.required,
      orgValidator,
    ]),
    number: new FormControl<number | null>(this.data.nextNumber ?? 1, [
      Validators.required,
      Validators.min(1),
      Validators.max(10000),
    ]),
    kind: new FormControl<SessionKind>('ordinary', { nonNullable: true }),
    heldOn: new FormControl(todayIso(), {
      nonNullable: true,
      validators: [Validators.required, dateValidator],
    }),
    year: new FormControl<number | null>(Number(todayIso().slice(0, 4)), [
      Validators.required,
      Validators.min(1900),
      Validators.max(2200),
    ]),
    title: new FormControl('', { nonNullable: true, validators: Validators.maxLength(500) }),
  });

  protected readonly saving = boardForm<BoardSession>(this, this.data.item, {
    create: (body) => this.create(body),
    update: (id, body) => this.update(id, body),
  });
  protected readonly title = this.saving.editing
    ? $localize`:@@session.editTitle:Editar sesión`
    : $localize`:@@session.addTitle:Nueva sesión de la Junta Directiva`;

  submit(): Promise<void> {
    return this.saving.submit();
  }

  constructor() {
    const item = this.data.item;
    if (item) this.saving.load(item);
    // The calendar year follows the date until the user sets it.
    this.form.controls.heldOn.valueChanges.subscribe((d) => {
      if (!this.form.controls.year.dirty && /^\d{4}/.test(d))
        this.form.controls.year.setValue(Number(d.slice(0, 4)));
    });
  }

  fill(s: BoardSession): void {
    const institute = this.form.controls.institute.value;
    this.form.setValue({
      institute:
        orgOf(institute)?.id === s.instituteId
          ? institute
          : { id: s.instituteId, name: s.instituteId, acronym: null },
      number: s.number,
      kind: s.kind,
      heldOn: s.heldOn,
      year: s.year,
      title: s.title,
    });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      instituteId: orgOf(v.institute)?.id ?? null,
      number: Number(v.number),
      kind: v.kind,
      heldOn: v.heldOn,
      year: Number(v.year),
      title:
        v.title.trim() ||
        sessionLabel({ number: Number(v.number), kind: v.kind, year: Number(v.year) }),
    };
  }

  private create(body: object): Observable<BoardSession> {
    return this.api.createSession(body as never);
  }

  private update(id: string, body: Record<string, unknown>): Observable<BoardSession> {
    return this.api.updateSession(id, body as never);
  }
}
