import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import { Instrument, INSTRUMENT_TYPES, InstrumentType } from '../../../core/api/models';
import { INSTRUMENT_TYPE_LABELS } from '../../../core/i18n/labels';
import {
  dateValidator,
  notBeforeValidator,
  orNull,
  revalidateOnChange,
  urlValidator,
} from '../../../shared/forms';
import { splitList } from '../action-edit.model';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

/** Adds or edits a legal instrument (agreement, MoU, letter, contract). */
@Component({
  selector: 'app-instrument-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" (keydown.control.enter)="submit()" novalidate>
      <h2 mat-dialog-title>{{ title }}</h2>
      <mat-dialog-content>
        <mat-form-field class="full-width">
          <mat-label i18n="@@instrument.type">Tipo de instrumento</mat-label>
          <mat-select formControlName="type" required data-testid="instrument-type">
            @for (t of types; track t) {
              <mat-option [value]="t">{{ typeLabels[t] }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ saving.errorText('type') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@instrument.title">Título</mat-label>
          <input matInput formControlName="title" required data-testid="instrument-title" />
          <mat-error>{{ saving.errorText('title') }}</mat-error>
        </mat-form-field>
        <mat-form-field class="full-width">
          <mat-label i18n="@@instrument.partiesField">Partes (separadas por comas)</mat-label>
          <input matInput formControlName="parties" />
          <mat-error>{{ saving.errorText('parties') }}</mat-error>
        </mat-form-field>
        <div class="row">
          <mat-form-field>
            <mat-label i18n="@@instrument.signedOn">Firma</mat-label>
            <input matInput type="date" formControlName="signedOn" />
            <mat-error>{{ saving.errorText('signedOn') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@instrument.validFrom">Vigente desde</mat-label>
            <input matInput type="date" formControlName="validFrom" />
            <mat-error>{{ saving.errorText('validFrom') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label i18n="@@instrument.validTo">Vigente hasta</mat-label>
            <input matInput type="date" formControlName="validTo" />
            <mat-error>{{ saving.errorText('validTo') }}</mat-error>
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label i18n="@@instrument.documentUrl">Enlace al documento</mat-label>
          <input matInput type="url" formControlName="documentUrl" placeholder="https://" />
          <mat-error>{{ saving.errorText('documentUrl') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="saving.busy()" [error]="saving.error()" />
    </form>
  `,
  styles: PART_DIALOG_STYLES,
})
export class InstrumentDialog implements VersionedFormHost<Instrument> {
  protected readonly data = inject<PartDialogData<Instrument>>(MAT_DIALOG_DATA);
  protected readonly types = INSTRUMENT_TYPES;
  protected readonly typeLabels = INSTRUMENT_TYPE_LABELS;

  readonly form = new FormGroup({
    type: new FormControl<InstrumentType | null>(null, Validators.required),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(2), Validators.maxLength(500)],
    }),
    parties: new FormControl('', { nonNullable: true }),
    signedOn: new FormControl('', { nonNullable: true, validators: dateValidator }),
    validFrom: new FormControl('', { nonNullable: true, validators: dateValidator }),
    validTo: new FormControl('', {
      nonNullable: true,
      validators: [dateValidator, notBeforeValidator('validFrom')],
    }),
    documentUrl: new FormControl('', {
      nonNullable: true,
      validators: [urlValidator, Validators.maxLength(1000)],
    }),
  });

  protected readonly saving = partForm<Instrument>(this, 'instruments');
  protected readonly title = this.saving.editing
    ? $localize`:@@instrument.editTitle:Editar instrumento jurídico`
    : $localize`:@@instrument.addTitle:Añadir instrumento jurídico`;

  constructor() {
    revalidateOnChange(this.form.controls.validFrom, this.form.controls.validTo);
    if (this.data.part) this.saving.load(this.data.part);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  fill(i: Instrument): void {
    this.form.setValue({
      type: i.type,
      title: i.title,
      parties: i.parties.join(', '),
      signedOn: i.signedOn ?? '',
      validFrom: i.validFrom ?? '',
      validTo: i.validTo ?? '',
      documentUrl: i.documentUrl ?? '',
    });
  }

  body() {
    const v = this.form.getRawValue();
    return {
      type: v.type,
      title: v.title.trim(),
      parties: splitList(v.parties),
      signedOn: orNull(v.signedOn),
      validFrom: orNull(v.validFrom),
      validTo: orNull(v.validTo),
      documentUrl: orNull(v.documentUrl),
    };
  }
}
