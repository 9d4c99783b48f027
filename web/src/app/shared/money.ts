import { inject, LOCALE_ID, Pipe, PipeTransform } from '@angular/core';

const SYMBOLS: Record<string, string> = { MXN: '$', USD: '$', EUR: '€' };

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/**
 * Formats a decimal string exactly (no floating point) with the locale's separators and two
 * decimals: "16187025" → "16,187,025.00" (es-MX, en). Returns null when the text is not a number.
 */
export function formatDecimal(amount: string, locale: string, fractionDigits = 2): string | null {
  const match = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/.exec(amount);
  if (!match) return null;
  const [, sign, intPart, fracPart = ''] = match;
  let integer = intPart.replace(/^0+(?=\d)/, '');
  let fraction = fracPart.padEnd(fractionDigits, '0');
  if (fraction.length > fractionDigits) {
    // Round half up on the dropped digits, carrying into the integer part when needed.
    const roundUp = Number(fraction[fractionDigits]) >= 5;
    fraction = fraction.slice(0, fractionDigits);
    if (roundUp) {
      const digits = (integer + fraction).split('').map(Number);
      let i = digits.length - 1;
      while (i >= 0) {
        if (digits[i] === 9) {
          digits[i] = 0;
          i--;
        } else {
          digits[i]++;
          break;
        }
      }
      const joined = (i < 0 ? '1' : '') + digits.join('');
      integer = joined.slice(0, joined.length - fractionDigits) || '0';
      fraction = joined.slice(joined.length - fractionDigits);
    }
  }
  const { group, decimal } = separators(locale);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const isZero = /^0*$/.test(integer + fraction);
  return `${sign && !isZero ? '-' : ''}${grouped}${fractionDigits > 0 ? decimal + fraction : ''}`;
}

/**
 * Money as shown everywhere in Coopera: symbol, amount, ISO 4217 code — "$16,187,025.00 MXN".
 * The code is always shown because MXN and USD share the "$" symbol. Without a currency the
 * amount is shown with "(moneda sin dato)".
 */
export function formatMoney(
  amount: string | null | undefined,
  currency: string | null | undefined,
  locale: string,
): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const number = formatDecimal(amount, locale);
  if (number === null) return amount;
  if (!currency) return `${number} ${$localize`:@@money.noCurrency:(moneda sin dato)`}`;
  const negative = number.startsWith('-');
  const symbol = SYMBOLS[currency] ?? '';
  return `${negative ? '-' : ''}${symbol}${negative ? number.slice(1) : number} ${currency}`;
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(amount: string | null | undefined, currency: string | null | undefined): string {
    return formatMoney(amount, currency, this.locale);
  }
}

/** Exact sum of decimal strings (2 decimals), e.g. for funding totals per currency. */
export function sumAmounts(amounts: readonly string[]): string {
  let cents = 0n;
  for (const amount of amounts) {
    const match = /^\s*(-?)(\d+)(?:\.(\d{1,2})\d*)?\s*$/.exec(amount);
    if (!match) continue;
    const value = BigInt(match[2]) * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
    cents += match[1] ? -value : value;
  }
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
