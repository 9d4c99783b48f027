import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../core/api/api-error';
import type { ExchangeRate } from '../../core/api/models';
import {
  applyApiErrors,
  controlErrorText,
  dateValidator,
  orNull,
  todayIso,
} from '../../shared/forms';
import { ExchangeRatesApi } from './exchange-rates.api';
import { RATE_CURRENCIES, RATE_ERROR_TEXT, rateValidator } from './exchange-rates.model';

export interface RateDialogData {
  /** The rate to edit; absent to add one. */
  rate?: ExchangeRate;
}

/** Closes with the saved rate, or with 'conflict' when someone else changed it meanwhile. */
export type RateDialogResult = ExchangeRate | 'conflict' | undefined;

@Component({
  selector: 'app-rate-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './rate-dialog.html',
  styles: `
    .server-error {
      color: var(--mat-sys-error);
    }
  `,
})
export class RateDialog {
  private readonly api = inject(ExchangeRatesApi);
  private readonly ref = inject(MatDialogRef<RateDialog, RateDialogResult>);
  private readonly rate = inject<RateDialogData | null>(MAT_DIALOG_DATA, { optional: true })?.rate;
  protected readonly editing = !!this.rate;
  protected readonly currencies = RATE_CURRENCIES;
  protected readonly form = inject(NonNullableFormBuilder).group({
    rateDate: [
      { value: this.rate?.rateDate ?? todayIso(), disabled: this.editing },
      [Validators.required, dateValidator],
    ],
    currency: [
      { value: this.rate?.currency ?? 'USD', disabled: this.editing },
      Validators.required,
    ],
    rateToMxn: [this.rate?.rateToMxn ?? '', [Validators.required, rateValidator]],
    source: [this.rate?.source ?? 'Banxico FIX', Validators.maxLength(200)],
  });
  protected readonly busy = signal(false);
  protected readonly messages = signal<string[]>([]);

  constructor() {
    this.ref.disableClose = true;
  }

  protected errorText(name: keyof typeof this.form.controls): string {
    const control = this.form.controls[name];
    if (control.errors?.['rate'] && typeof control.errors['server'] !== 'string') {
      return RATE_ERROR_TEXT();
    }
    return controlErrorText(control);
  }

  async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.messages.set([]);
    try {
      const saved = this.rate
        ? await firstValueFrom(
            this.api.update(this.rate.id, {
              version: this.rate.version,
              rateToMxn: v.rateToMxn.trim(),
              source: orNull(v.source),
            }),
          )
        : await firstValueFrom(
            this.api.create({
              rateDate: v.rateDate.trim(),
              currency: v.currency,
              rateToMxn: v.rateToMxn.trim(),
              ...(orNull(v.source) ? { source: v.source.trim() } : {}),
            }),
          );
      this.ref.close(saved);
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'VERSION_CONFLICT') {
        this.ref.close('conflict');
        return;
      }
      const unmatched = applyApiErrors(this.form, err);
      this.messages.set(unmatched.length ? unmatched : [err.message]);
    } finally {
      this.busy.set(false);
    }
  }
}
