import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import type { Observable } from 'rxjs';
import { AGREEMENT_STATUSES, AgreementNote, AgreementStatus } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { dateValidator, todayIso } from '../../shared/forms';
import { FORM_DIALOG_IMPORTS } from '../../shared/dialog-actions';
import type { VersionedFormHost } from '../../shared/versioned-form';
import { BoardApi } from './board.api';
import { BOARD_DIALOG_STYLES, BoardDialogData, boardForm } from './board-form';

export type NoteDialogData = BoardDialogData<AgreementNote> & {
  agreementId: string;
  code: string;
  status: AgreementStatus;
};

/** A dated follow-up note on an agreement; a status chosen here becomes the agreement's status. */
@Component({
  selector: 'app-note-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule],
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
            <mat-error>{{ saving.errorText('notedOn') }}</mat-error>
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
          <mat-error>{{ saving.errorText('text') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: BOARD_DIALOG_STYLES,
})
export class NoteDialog implements VersionedFormHost<AgreementNote> {
  protected readonly data = inject<NoteDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(BoardApi);
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

  protected readonly saving = boardForm<AgreementNote>(this, this.data.item, {
    create: (body) => this.create(body),
  });

  submit(): Promise<void> {
    return this.saving.submit();
  }

  fill(n: AgreementNote): void {
    this.form.setValue({ notedOn: n.notedOn, status: n.status, text: n.text });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      notedOn: v.notedOn,
      status: v.status && v.status !== this.data.status ? v.status : null,
      text: v.text.trim(),
    };
  }

  private create(body: object): Observable<AgreementNote> {
    return this.api.addNote(this.data.agreementId, body as never);
  }
}
