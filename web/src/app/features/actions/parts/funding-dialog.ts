import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import { CURRENCIES, Funding, FUNDING_TYPES, FundingType } from '../../../core/api/models';
import { FUNDING_TYPE_LABELS } from '../../../core/i18n/labels';
import { currencyCodeValidator, dateValidator, orNull } from '../../../shared/forms';
import { formatMoney } from '../../../shared/money';
import {
  moneyInputValidator,
  normaliseMoneyInput,
  parseMoneyInput,
} from '../../../shared/money-input';
import type { ValidatorFn } from '@angular/forms';
import { OrgAutocomplete, orgOf, orgValidator, OrgValue, toOrgOption } from './org-autocomplete';
import { FORM_DIALOG_IMPORTS } from '../../../shared/dialog-actions';
import type { VersionedFormHost } from '../../../shared/versioned-form';
import { PART_DIALOG_STYLES, partForm, PartDialogData } from './part-form';

const OTHER = 'OTHER';

/** Funding types that may be recorded at zero (docs/money.md: in-kind not valued yet). */
const ZERO_ALLOWED: readonly string[] = ['in_kind'];

/** A zero amount is refused unless the sibling `type` allows it (as the API decides). */
const nonZeroAmount: ValidatorFn = (control) => {
  const parsed = parseMoneyInput(control.value as string);
  if (!parsed?.ok || !/^0+\.00$/.test(parsed.value)) return null;
  const type = control.parent?.get('type')?.value as string | null | undefined;
  return type && ZERO_ALLOWED.includes(type) ? null : { zeroAmount: true };
};

/** Adds or edits a funding record: type (ceiling explained), amount, currency, date, parties. */
@Component({
  selector: 'app-funding-dialog',
  imports: [FORM_DIALOG_IMPORTS, MatSelectModule, OrgAutocomplete],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './funding-dialog.html',
  styles: PART_DIALOG_STYLES,
})
export class FundingDialog implements VersionedFormHost<Funding> {
  protected readonly data = inject<PartDialogData<Funding>>(MAT_DIALOG_DATA);
  private readonly aliases = {
    providerId: 'provider',
    receiverId: 'receiver',
  };
  protected readonly types = FUNDING_TYPES;
  protected readonly typeLabels = FUNDING_TYPE_LABELS;
  protected readonly currencies = CURRENCIES;

  readonly form = new FormGroup({
    type: new FormControl<FundingType | null>(null, Validators.required),
    amount: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, moneyInputValidator, nonZeroAmount],
    }),
    currency: new FormControl<string>('MXN', {
      nonNullable: true,
      validators: Validators.required,
    }),
    otherCurrency: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, currencyCodeValidator],
    }),
    valueDate: new FormControl('', { nonNullable: true, validators: dateValidator }),
    provider: new FormControl<OrgValue>(null, orgValidator),
    receiver: new FormControl<OrgValue>(null, orgValidator),
    description: new FormControl('', {
      nonNullable: true,
      validators: Validators.maxLength(2000),
    }),
  });
  protected readonly type = toSignal(this.form.controls.type.valueChanges, {
    initialValue: this.form.controls.type.value,
  });
  protected readonly currency = toSignal(this.form.controls.currency.valueChanges, {
    initialValue: this.form.controls.currency.value,
  });
  private readonly locale = inject(LOCALE_ID);
  private readonly amountText = toSignal(this.form.controls.amount.valueChanges, {
    initialValue: this.form.controls.amount.value,
  });
  private readonly otherCode = toSignal(this.form.controls.otherCurrency.valueChanges, {
    initialValue: this.form.controls.otherCurrency.value,
  });
  /** The amount as it will be stored, formatted ("$250,000.00 USD"); null until it parses. */
  protected readonly preview = computed(() => {
    const parsed = parseMoneyInput(this.amountText());
    if (!parsed?.ok) return null;
    const currency =
      this.currency() === OTHER ? this.otherCode().trim().toUpperCase() : this.currency();
    return formatMoney(parsed.value, currency || null, this.locale);
  });

  protected readonly saving = partForm<Funding>(this, 'funding', { aliases: this.aliases });
  protected readonly title = this.saving.editing
    ? $localize`:@@funding.editTitle:Editar financiamiento`
    : $localize`:@@funding.addTitle:Añadir financiamiento`;

  constructor() {
    this.form.controls.currency.valueChanges.subscribe((c) => this.toggleOther(c));
    // Zero is refused or allowed by the type: re-check the amount when the type changes.
    this.form.controls.type.valueChanges.subscribe(() =>
      this.form.controls.amount.updateValueAndValidity({ emitEvent: false }),
    );
    if (this.data.part) this.saving.load(this.data.part);
    else this.toggleOther(this.form.controls.currency.value);
  }

  submit(): Promise<void> {
    return this.saving.submit();
  }

  /** The free code field only counts when "Otra…" is chosen. */
  private toggleOther(currency: string): void {
    const other = this.form.controls.otherCurrency;
    if (currency === OTHER) other.enable({ emitEvent: false });
    else other.disable({ emitEvent: false });
  }

  fill(f: Funding): void {
    const known = (CURRENCIES as readonly string[]).includes(f.currency ?? '');
    this.form.setValue({
      type: f.type,
      amount: f.amount,
      currency: f.currency === null ? '' : known ? f.currency : OTHER,
      otherCurrency: known || f.currency === null ? '' : f.currency,
      valueDate: f.valueDate ?? '',
      provider: toOrgOption(f.providerId, f.providerName),
      receiver: toOrgOption(f.receiverId, f.receiverName),
      description: f.description ?? '',
    });
    this.toggleOther(this.form.controls.currency.value);
  }

  body() {
    const v = this.form.getRawValue();
    return {
      type: v.type,
      amount: normaliseMoneyInput(v.amount),
      currency: v.currency === OTHER ? v.otherCurrency.trim().toUpperCase() : v.currency,
      valueDate: orNull(v.valueDate),
      providerId: orgOf(v.provider)?.id ?? null,
      receiverId: orgOf(v.receiver)?.id ?? null,
      description: orNull(v.description),
    };
  }
}
