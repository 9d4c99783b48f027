import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { Observable } from 'rxjs';
import { Indicator } from '../../../core/api/models';
import { dateValidator, decimalValidator, orNull } from '../../../shared/forms';
import { ActionsApi } from '../actions.api';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds an indicator to a result, or edits one: name, unit, baseline, target, actual. */
@Component({
  selector: 'app-indicator-dialog',
  imports: [FORM_DIALOG_IMPORTS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@indicator.name">Indicador</mat-label>
          <input matInput formControlName="name" required data-testid="indicator-name" />
          <mat-error>{{ saving.errorText('name') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@indicator.unit">Unidad</mat-label>
          <input matInput formControlName="unit" />
          <mat-error>{{ saving.errorText('unit') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@indicator.baseline">Línea base</mat-label>
            <input matInput formControlName="baseline" inputmode="decimal" />
            <mat-error>{{ saving.errorText('baseline') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@indicator.target">Meta</mat-label>
            <input matInput formControlName="target" inputmode="decimal" />
            <mat-error>{{ saving.errorText('target') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@indicator.actual">Logro</mat-label>
            <input matInput formControlName="actual" inputmode="decimal" />
            <mat-error>{{ saving.errorText('actual') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@indicator.actualDate">Fecha del logro</mat-label>
          <input matInput type="date" formControlName="actualDate" />
          <mat-error>{{ saving.errorText('actualDate') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: PART_DIALOG_STYLES,
})
export class IndicatorDialog implements VersionedFormHost<Indicator> {
  protected readonly data = inject<PartDialogData<Indicator>>(MAT_DIALOG_DATA);
  private readonly api = inject(ActionsApi);

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

  protected readonly saving = partForm<Indicator>(this, 'indicators', {
    create: (body) => this.create(body),
  });
  protected readonly title = this.saving.editing
    ? $localize`:@@indicator.editTitle:Editar indicador`
    : $localize`:@@indicator.addTitle:Añadir indicador`;

  constructor() {
    if (this.data.part) this.saving.load(this.data.part);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  private create(body: object): Observable<Indicator> {
    return this.api.addIndicator(this.data.actionId, this.data.resultId ?? '', body);
  }

  fill(i: Indicator): void {
    this.form.setValue({
      name: i.name,
      unit: i.unit ?? '',
      baseline: i.baseline ?? '',
      target: i.target ?? '',
      actual: i.actual ?? '',
      actualDate: i.actualDate ?? '',
    });
  }

  body() {
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
