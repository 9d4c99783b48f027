import { ChangeDetectionStrategy, Component } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable } from 'rxjs';
import { Indicator } from '../../../core/api/models';
import { dateValidator, decimalValidator, orNull } from '../../../shared/forms';
import { PART_DIALOG_STYLES, PartDialog } from './part-dialog';

/** Adds an indicator to a result, or edits one: name, unit, baseline, target, actual. */
@Component({
  selector: 'app-indicator-dialog',
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
          <ng-container i18n="@@indicator.editTitle">Editar indicador</ng-container>
        } @else {
          <ng-container i18n="@@indicator.addTitle">Añadir indicador</ng-container>
        }
      </h2>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@indicator.name">Indicador</mat-label>
          <input matInput formControlName="name" required data-testid="indicator-name" />
          <mat-error>{{ errorText('name') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@indicator.unit">Unidad</mat-label>
          <input matInput formControlName="unit" />
          <mat-error>{{ errorText('unit') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@indicator.baseline">Línea base</mat-label>
            <input matInput formControlName="baseline" inputmode="decimal" />
            <mat-error>{{ errorText('baseline') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@indicator.target">Meta</mat-label>
            <input matInput formControlName="target" inputmode="decimal" />
            <mat-error>{{ errorText('target') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@indicator.actual">Logro</mat-label>
            <input matInput formControlName="actual" inputmode="decimal" />
            <mat-error>{{ errorText('actual') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@indicator.actualDate">Fecha del logro</mat-label>
          <input matInput type="date" formControlName="actualDate" />
          <mat-error>{{ errorText('actualDate') }}</mat-error>
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
export class IndicatorDialog extends PartDialog<Indicator> {
  protected readonly kind = 'indicators';

  readonly form = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(500)],
    }),
    unit: new FormControl('', { nonNullable: true, validators: Validators.maxLength(100) }),
    baseline: new FormControl('', { nonNullable: true, validators: decimalValidator }),
    target: new FormControl('', { nonNullable: true, validators: decimalValidator }),
    actual: new FormControl('', { nonNullable: true, validators: decimalValidator }),
    actualDate: new FormControl('', { nonNullable: true, validators: dateValidator }),
  });

  constructor() {
    super();
    if (this.data.part) this.load(this.data.part);
  }

  protected override create(body: object): Observable<Indicator> {
    return this.api.addIndicator(this.data.actionId, this.data.resultId ?? '', body);
  }

  protected fill(i: Indicator): void {
    this.form.setValue({
      name: i.name,
      unit: i.unit ?? '',
      baseline: i.baseline ?? '',
      target: i.target ?? '',
      actual: i.actual ?? '',
      actualDate: i.actualDate ?? '',
    });
  }

  protected body() {
    const v = this.form.getRawValue();
    return {
      name: v.name.trim(),
      unit: orNull(v.unit),
      baseline: orNull(v.baseline),
      target: orNull(v.target),
      actual: orNull(v.actual),
      actualDate: orNull(v.actualDate),
    };
  }
}
