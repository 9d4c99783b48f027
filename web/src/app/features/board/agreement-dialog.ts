import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import type { Observable } from 'rxjs';
import { AGREEMENT_STATUSES, AgreementRecord, AgreementStatus } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { dateValidator, orNull } from '../../shared/forms';
import { FORM_DIALOG_IMPORTS } from '../../shared/dialog-actions';
import type { VersionedFormHost } from '../../shared/versioned-form';
import { BoardApi } from './board.api';
import { BOARD_DIALOG_STYLES, BoardDialogData, boardForm } from './board-form';

export type AgreementDialogData = BoardDialogData<AgreementRecord> & {
  sessionId: string;
  suggestedCode: string;
};

/** Records or edits a board agreement: code (JD-XII-1), text, responsible, due date, status. */
@Component({
  selector: 'app-agreement-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
      <mat-dialog-content>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@agreement.code">Clave</mat-label>
            <input matInput formControlName="code" required data-testid="agreement-code" />
            <mat-hint i18n="@@agreement.codeHint">Única en el instituto, p. ej. JD-XII-1.</mat-hint>
            <mat-error>{{ saving.errorText('code') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@agreement.status">Estado</mat-label>
            <mat-select formControlName="status" data-testid="agreement-status">
              @for (s of statuses; track s) {
                <mat-option [value]="s">{{ statusLabels[s] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@agreement.text">Acuerdo</mat-label>
          <textarea
            matInput
            formControlName="text"
            rows="4"
            required
            data-testid="agreement-text"
          ></textarea>
          <mat-error>{{ saving.errorText('text') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@agreement.responsible">Responsable</mat-label>
            <input matInput formControlName="responsible" data-testid="agreement-responsible" />
            <mat-error>{{ saving.errorText('responsible') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@agreement.dueDate">Fecha compromiso</mat-label>
            <input matInput type="date" formControlName="dueDate" data-testid="agreement-due" />
            <mat-error>{{ saving.errorText('dueDate') }}</mat-error>
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: BOARD_DIALOG_STYLES,
})
export class AgreementDialog implements VersionedFormHost<AgreementRecord> {
  protected readonly data = inject<AgreementDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(BoardApi);
  protected readonly statuses = AGREEMENT_STATUSES;
  protected readonly statusLabels = AGREEMENT_STATUS_LABELS;

  readonly form = new FormGroup({
    code: new FormControl(this.data.suggestedCode, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(100), Validators.pattern(/^\S.*$/)],
    }),
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(4000)],
    }),
    responsible: new FormControl('', { nonNullable: true, validators: Validators.maxLength(300) }),
    dueDate: new FormControl('', { nonNullable: true, validators: dateValidator }),
    status: new FormControl<AgreementStatus>('open', { nonNullable: true }),
  });

  protected readonly saving = boardForm<AgreementRecord>(this, this.data.item, {
    create: (body) => this.create(body),
    update: (id, body) => this.update(id, body),
  });
  protected readonly title = this.saving.editing
    ? $localize`:@@agreement.editTitle:Editar acuerdo`
    : $localize`:@@agreement.addTitle:Registrar acuerdo`;

  submit(): Promise<void> {
    return this.saving.submit();
  }

  constructor() {
    if (this.data.item) this.saving.load(this.data.item);
  }

  fill(a: AgreementRecord): void {
    this.form.setValue({
      code: a.code,
      text: a.text,
      responsible: a.responsible ?? '',
      dueDate: a.dueDate ?? '',
      status: a.status,
    });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      code: v.code.trim(),
      text: v.text.trim(),
      responsible: orNull(v.responsible),
      dueDate: orNull(v.dueDate),
      status: v.status,
    };
  }

  private create(body: object): Observable<AgreementRecord> {
    return this.api.addAgreement(this.data.sessionId, body as never);
  }

  private update(id: string, body: Record<string, unknown>): Observable<AgreementRecord> {
    return this.api.updateAgreement(id, body as never);
  }
}
