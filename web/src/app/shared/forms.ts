import { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { ApiError } from '../core/api/api-error';
import { moneyInputMessage, type MoneyInputError } from './money-input';

/**
 * Form rules that mirror the API's validators (`api/src/common/validators.ts`), so most mistakes
 * are caught before the request; the API stays the authority and its field errors are mapped back
 * onto the form with {@link applyApiErrors}.
 */

const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CURRENCY = /^[A-Z]{3}$/;

const blank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** A non-negative decimal string with at most 2 decimals ("1500", "16187025.00"); empty passes. */
export const moneyValidator: ValidatorFn = (control) =>
  blank(control.value) || MONEY.test(String(control.value).trim()) ? null : { money: true };

/** A decimal number as a string, sign allowed, up to 6 decimals ("12000", "-3.5"); empty passes. */
export const decimalValidator: ValidatorFn = (control) =>
  blank(control.value) || DECIMAL.test(String(control.value).trim()) ? null : { decimal: true };

/** An ISO 4217-shaped code: three letters (sent in capitals); empty passes. */
export const currencyCodeValidator: ValidatorFn = (control) =>
  blank(control.value) || CURRENCY.test(String(control.value).trim().toUpperCase())
    ? null
    : { currency: true };

/** A real calendar date written YYYY-MM-DD between 1900 and 2200 (2023-02-30 is refused). */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_ONLY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1900 &&
    y <= 2200 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d
  );
}

/** YYYY-MM-DD; empty passes. */
export const dateValidator: ValidatorFn = (control) =>
  blank(control.value) || isDateOnly(control.value) ? null : { date: true };

/** An absolute https (or http) address, like the API's `IsUrl({ require_protocol })`; empty passes. */
export const urlValidator: ValidatorFn = (control) => {
  if (blank(control.value)) return null;
  try {
    const url = new URL(String(control.value).trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
      ? null
      : { url: true };
  } catch {
    return { url: true };
  }
};

/** True when both are dates and `end` is before `start`. */
export function isBefore(end: unknown, start: unknown): boolean {
  return isDateOnly(end) && isDateOnly(start) && end < start;
}

/**
 * On the end-date control: it must not be before the sibling `startName` (when both are set).
 * Pair with {@link revalidateOnChange} so editing the start re-checks the end.
 */
export function notBeforeValidator(startName: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const start = control.parent?.get(startName)?.value;
    return isBefore(control.value, start) ? { dateOrder: true } : null;
  };
}

/** Re-validates `target` whenever `source` changes (e.g. the end date when the start moves). */
export function revalidateOnChange(source: AbstractControl, target: AbstractControl): void {
  source.valueChanges.subscribe(() => target.updateValueAndValidity({ emitEvent: false }));
}

/** The API field a form control answers for, when the names differ (`providerId` → `provider`). */
export type FieldAliases = Record<string, string>;

/**
 * Puts the API's field errors (VALIDATION_FAILED details) on the matching controls as
 * `{ server: message }` and marks them touched. `indicators.0.name` maps to `indicators`.
 * Returns the messages no control could show, for a message above the buttons.
 */
export function applyApiErrors(
  form: FormGroup,
  error: Pick<ApiError, 'details'>,
  aliases: FieldAliases = {},
): string[] {
  const unmatched: string[] = [];
  const seen = new Set<string>();
  for (const detail of error.details) {
    const field = detail.field.split('.')[0];
    const control = form.get(aliases[field] ?? field);
    if (!control) {
      unmatched.push(detail.message);
      continue;
    }
    if (seen.has(field)) continue;
    seen.add(field);
    control.setErrors({ ...(control.errors ?? {}), server: detail.message });
    control.markAsTouched();
  }
  return unmatched;
}

/** The message under a field: the API's when it sent one, else the local rule's. */
export function controlErrorText(control: AbstractControl | null): string {
  const errors = control?.errors;
  if (!errors) return '';
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return $localize`:@@form.required:Campo obligatorio.`;
  if (errors['minlength']) {
    return $localize`:@@forms.minLength:Mínimo ${(errors['minlength'] as { requiredLength: number }).requiredLength}:min: caracteres.`;
  }
  if (errors['maxlength']) {
    return $localize`:@@form.maxLength:Máximo ${(errors['maxlength'] as { requiredLength: number }).requiredLength}:max: caracteres.`;
  }
  if (typeof errors['moneyInput'] === 'string')
    return moneyInputMessage(errors['moneyInput'] as MoneyInputError);
  if (errors['zeroAmount']) return $localize`:@@money.input.zero:Debe ser mayor que cero.`;
  if (errors['money'])
    return $localize`:@@forms.money:Cantidad sin signo con hasta 2 decimales y punto decimal, p. ej. 1500 o 16187025.00.`;
  if (errors['decimal'])
    return $localize`:@@forms.decimal:Número con punto decimal, p. ej. 38 o 0.25.`;
  if (errors['currency'])
    return $localize`:@@forms.currency:Código ISO 4217 de tres letras, p. ej. GBP.`;
  if (errors['date']) return $localize`:@@forms.date:Fecha AAAA-MM-DD.`;
  if (errors['future']) return $localize`:@@forms.future:No puede ser una fecha futura.`;
  if (errors['dateOrder'])
    return $localize`:@@forms.dateOrder:No puede ser anterior a la fecha de inicio.`;
  if (errors['url']) return $localize`:@@forms.url:Dirección completa, p. ej. https://…`;
  if (errors['organisation'])
    return $localize`:@@forms.organisation:Elige una organización de la lista.`;
  return $localize`:@@form.invalid:Valor no válido.`;
}

/** The institute's time zone: the API decides "today" and "overdue" there too (TODAY_SQL). */
const INSTITUTE_TIME_ZONE = 'America/Mexico_City';
const instituteDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: INSTITUTE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today as YYYY-MM-DD in the institute's calendar (Mexico City), whatever the browser's time zone:
 * what the web app calls overdue is what the API calls overdue, and a date entered "today" is the
 * institute's day.
 */
export function todayIso(now = new Date()): string {
  return instituteDay.format(now);
}

/** A trimmed string, or null when empty (PATCH clears a field with null). */
export function orNull(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  return v === '' ? null : v;
}

/** A date that already happened: not after today in the institute's calendar. */
export const notInFutureValidator: ValidatorFn = (control) =>
  isDateOnly(control.value) && control.value > todayIso() ? { future: true } : null;
