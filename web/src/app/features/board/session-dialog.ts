import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
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
import { DialogActions } from '../../shared/dialog-actions';
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
  imports: [
    DialogActions,
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    OrgAutocomplete,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <h2 mat-dialog-title>
        @if (saving.editing) {
          <ng-container i18n="@@session.editTitle">Editar sesión</ng-container>
        } @else {
          <ng-container i18n="@@session.addTitle">Nueva sesión de la Junta Directiva</ng-container>
        }
      </h2>
      <mat-dialog-content>
        <app-org-autocomplete
          [control]="form.controls.institute"
          label="Instituto"
          i18n-label="@@session.institute"
          [required]="true"
          testId="session-institute"
        />
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@session.number">Número</mat-label>
            <input
              matInput
              type="number"
              min="1"
              formControlName="number"
              required
              data-testid="session-number"
            />
            <mat-error>{{ saving.errorText('number') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@session.kind">Tipo de sesión</mat-label>
            <mat-select formControlName="kind" required data-testid="session-kind">
              @for (k of kinds; track k) {
                <mat-option [value]="k">{{ kindLabels[k] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@session.heldOn">Fecha</mat-label>
            <input
              matInput
              type="date"
              formControlName="heldOn"
              required
              data-testid="session-held-on"
            />
            <mat-error>{{ saving.errorText('heldOn') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@session.year">Año del calendario de sesiones</mat-label>
            <input
              matInput
              type="number"
              formControlName="year"
              required
              data-testid="session-year"
            />
            <mat-error>{{ saving.errorText('year') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@session.title">Título</mat-label>
          <input matInput formControlName="title" data-testid="session-title" />
          <mat-hint i18n="@@session.titleHint">Vacío: «12ª sesión ordinaria 2023».</mat-hint>
          <mat-error>{{ saving.errorText('title') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
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
