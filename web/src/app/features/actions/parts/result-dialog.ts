import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Result } from '../../../core/api/models';
import { DialogActions } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds or edits a result statement (its indicators have their own dialog). */
@Component({
  selector: 'app-result-dialog',
  imports: [
    DialogActions,
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>
        @if (saving.editing) {
          <ng-container i18n="@@result.editTitle">Editar resultado</ng-container>
        } @else {
          <ng-container i18n="@@result.addTitle">Añadir resultado</ng-container>
        }
      </h2>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@result.statement">Resultado</mat-label>
          <textarea
            matInput
            formControlName="statement"
            rows="3"
            required
            data-testid="result-statement"
          ></textarea>
          <mat-hint i18n="@@parts.ctrlEnter">Ctrl+Intro guarda.</mat-hint>
          <mat-error>{{ saving.errorText('statement') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: PART_DIALOG_STYLES,
})
export class ResultDialog implements VersionedFormHost<Result> {
  protected readonly data = inject<PartDialogData<Result>>(MAT_DIALOG_DATA);

  readonly form = new FormGroup({
    statement: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(2000)],
    }),
  });

  protected readonly saving = partForm<Result>(this, 'results');

  constructor() {
    if (this.data.part) this.saving.load(this.data.part);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  fill(r: Result): void {
    this.form.setValue({ statement: r.statement });
  }

  body() {
    return { statement: this.form.getRawValue().statement.trim() };
  }
}
