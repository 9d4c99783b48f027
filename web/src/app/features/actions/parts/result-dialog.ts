import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Result } from '../../../core/api/models';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds or edits a result statement (its indicators have their own dialog). */
@Component({
  selector: 'app-result-dialog',
  imports: [FORM_DIALOG_IMPORTS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
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
  protected readonly title = this.saving.editing
    ? $localize`:@@result.editTitle:Editar resultado`
    : $localize`:@@result.addTitle:Añadir resultado`;

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
