import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { CURRENCY_SET } from './currencies';
import { dayInMexico } from './human-dates';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2023-02-30 is refused). */
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

export function IsDateOnly(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateString',
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => value === null || isDateOnly(value) },
    });
}

/** A YYYY-MM-DD date that is not after today in Mexico City (what happened cannot be tomorrow). */
export function IsNotInFuture(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notInFuture',
      target: target.constructor,
      propertyName,
      options: { message: 'must not be in the future', ...options },
      validator: {
        validate: (value: unknown) => !isDateOnly(value) || value <= dayInMexico(new Date()),
      },
    });
}

/** This date is not before the date in `other` (when both are set). */
export function IsNotBefore(other: string, options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'dateOrder',
      target: target.constructor,
      propertyName,
      constraints: [other],
      options: { message: `must not be before ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = (args.object as Record<string, unknown>)[other];
          if (!isDateOnly(value) || !isDateOnly(start)) return true;
          return value >= start;
        },
      },
    });
}

/** A non-negative decimal string with at most 2 decimals, below 10^16 (numeric(18,2)). */
export function IsMoney(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && /^\d{1,16}(\.\d{1,2})?$/.test(value),
      },
    });
}

/** A decimal number written as a string ("12000", "-3.5", "0.25"). */
export function IsDecimalString(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDecimalValue',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          value === null || (typeof value === 'string' && /^-?\d{1,18}(\.\d{1,6})?$/.test(value)),
      },
    });
}

export function IsCurrency(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIso4217',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && CURRENCY_SET.has(value),
      },
    });
}
