import Decimal from 'decimal.js';

/**
 * Money is PostgreSQL `numeric` plus an ISO 4217 code. In TypeScript it is a decimal.js value
 * (never a JS number) and it leaves the API as a string with two decimals ("16187025.00").
 */
export const MoneyDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type MoneyValue = InstanceType<typeof MoneyDecimal>;

/** Currencies the dashboards report in (rates are stored against MXN). */
export const REPORTING_CURRENCIES = ['MXN', 'USD', 'EUR'] as const;
export type ReportingCurrency = (typeof REPORTING_CURRENCIES)[number];
export const BASE_CURRENCY = 'MXN';

const DECIMAL = /^\d{1,16}(\.\d{1,2})?$/;
const RATE = /^\d{1,12}(\.\d{1,6})?$/;

export const isCurrencyCode = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Z]{3}$/.test(value);

/** Parses a stored or sent amount ("1079370.37"); throws on anything that is not a decimal. */
export function money(value: string | MoneyValue): MoneyValue {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) throw new Error(`Not a decimal amount: "${value}"`);
  return new MoneyDecimal(trimmed);
}

export const isMoneyString = (value: unknown): value is string =>
  typeof value === 'string' && DECIMAL.test(value);
export const isRateString = (value: unknown): value is string =>
  typeof value === 'string' && RATE.test(value) && new MoneyDecimal(value).gt(0);

/** Exact sum of amounts. */
export function addMoney(...amounts: (string | MoneyValue)[]): MoneyValue {
  return amounts.reduce<MoneyValue>((sum, a) => sum.plus(money(a)), new MoneyDecimal(0));
}

/** Rounded to the cent (half away from zero, as PostgreSQL's round(numeric, 2)). */
export function roundCents(amount: string | MoneyValue): MoneyValue {
  return money(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** "16187025.00": two decimals, no grouping, no exponent. */
export function formatMoney(amount: string | MoneyValue): string {
  return roundCents(amount).toFixed(2);
}

/**
 * Converts through MXN: `amount × rate(from→MXN) ÷ rate(to→MXN)`, unrounded (round the total,
 * not each part). A rate of null means MXN itself (1).
 */
export function convertExact(
  amount: string | MoneyValue,
  fromRateToMxn: string | MoneyValue | null,
  toRateToMxn: string | MoneyValue | null,
): MoneyValue {
  const from = fromRateToMxn === null ? new MoneyDecimal(1) : money(fromRateToMxn);
  const to = toRateToMxn === null ? new MoneyDecimal(1) : money(toRateToMxn);
  return money(amount).times(from).dividedBy(to);
}

/** Converted and rounded to the cent, as a string. */
export function convert(
  amount: string | MoneyValue,
  fromRateToMxn: string | MoneyValue | null,
  toRateToMxn: string | MoneyValue | null,
): string {
  return formatMoney(convertExact(amount, fromRateToMxn, toRateToMxn));
}
