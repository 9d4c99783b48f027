import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Result } from '../../../core/api/models';
import { PART_DIALOG_STYLES, PartDialog } from './part-dialog';

/** Adds or edits a result statement (its indicators have their own dialog). */
@Component({
  selector: 'app-result-dialog',
  imports: [
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
        @if (editing) {
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
          <mat-error>{{ errorText('statement') }}</mat-error>
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
  styles: PART_DIALOG_STYLES,
})
export class ResultDialog extends PartDialog<Result> {
  protected readonly kind = 'results';

  readonly form = new FormGroup({
    statement: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(2000)],
    }),
  });

  constructor() {
    super();
    if (this.data.part) this.load(this.data.part);
  }

  protected fill(r: Result): void {
    this.form.setValue({ statement: r.statement });
  }

  protected body() {
    return { statement: this.form.getRawValue().statement.trim() };
  }
}
