import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { Observable } from 'rxjs';
import { AGREEMENT_STATUSES, AgreementNote, AgreementStatus } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { dateValidator, todayIso } from '../../shared/forms';
import { BOARD_DIALOG_STYLES, BoardDialog, BoardDialogData } from './board-dialog';

export type NoteDialogData = BoardDialogData<AgreementNote> & {
  agreementId: string;
  code: string;
  status: AgreementStatus;
};

/** A dated follow-up note on an agreement; a status chosen here becomes the agreement's status. */
@Component({
  selector: 'app-note-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title i18n="@@note.addTitle">Seguimiento del acuerdo {{ data.code }}</h2>
      <mat-dialog-content>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@note.notedOn">Fecha</mat-label>
            <input
              matInput
              type="date"
              formControlName="notedOn"
              required
              data-testid="note-date"
            />
            <mat-error>{{ errorText('notedOn') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@note.status">Nuevo estado</mat-label>
            <mat-select formControlName="status" data-testid="note-status">
              <mat-option [value]="null" i18n="@@note.sameStatus">Sin cambio</mat-option>
              @for (s of statuses; track s) {
                <mat-option [value]="s">{{ statusLabels[s] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@note.text">Estado que guarda</mat-label>
          <textarea
            matInput
            formControlName="text"
            rows="4"
            required
            data-testid="note-text"
          ></textarea>
          <mat-error>{{ errorText('text') }}</mat-error>
        </mat-form-field>
        @if (error()) {
          <p class="server-error" role="alert" data-testid="dialog-error">{{ error() }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close i18n="@@common.cancel">Cancelar</button>
        <button
          mat-flat-button
          type="submit"
          [disabled]="busy()"
          data-testid="dialog-save"
          i18n="@@common.save"
        >
          Guardar
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: BOARD_DIALOG_STYLES,
})
export class NoteDialog extends BoardDialog<AgreementNote, NoteDialogData> {
  protected readonly statuses = AGREEMENT_STATUSES;
  protected readonly statusLabels = AGREEMENT_STATUS_LABELS;

  readonly form = new FormGroup({
    notedOn: new FormControl(todayIso(), {
      nonNullable: true,
      validators: [Validators.required, dateValidator],
    }),
    status: new FormControl<AgreementStatus | null>(null),
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(4000)],
    }),
  });

  protected fill(n: AgreementNote): void {
    this.form.setValue({ notedOn: n.notedOn, status: n.status, text: n.text });
  }

  protected body() {
    const v = this.form.getRawValue();
    return {
      notedOn: v.notedOn,
      status: v.status && v.status !== this.data.status ? v.status : null,
      text: v.text.trim(),
    };
  }

  protected create(body: Record<string, unknown>): Observable<AgreementNote> {
    return this.api.addNote(this.data.agreementId, body as never);
  }
}
