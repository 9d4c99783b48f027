import type { ValidatorFn } from '@angular/forms';

/** Why a typed amount was refused (the message fits under a form field). */
export type MoneyInputError = 'invalid' | 'ambiguous' | 'decimals' | 'negative' | 'tooLarge';

export type ParsedMoney = { ok: true; value: string } | { ok: false; error: MoneyInputError };

/** Currency marks ignored around an amount: $, €, US$, MX$, MXN, USD, EUR (any case). */
const MARKS = /^(?:US\$|MX\$|\$|€|MXN|USD|EUR)\s*|\s*(?:\$|€|MXN|USD|EUR)$/i;
/** Plain digits with an optional point and decimals: 250000, 250000.5, .5 is refused. */
const PLAIN = /^(\d+)(?:\.(\d+))?$/;
/** Thousands with commas, groups of three, optional point and decimals: 250,000.00. */
const GROUPED = /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;

/**
 * Reads an amount typed the Mexican way (es-MX and en write it alike): "250,000.00", "250000",
 * "$250,000.00", "USD 250,000" → "250000.00". Commas group thousands, the point separates
 * decimals (at most two); spaces and the currency mark are ignored. Anything that could be read
 * two ways is refused rather than guessed: "250,00" or "1.234.567" (European separators),
 * "250.000" (three decimals: 250 or 250 thousand?), "25,0000" (misplaced comma).
 */
export function parseMoneyInput(text: string | null | undefined): ParsedMoney | null {
  let s = String(text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  if (s === '') return null;
  for (let i = 0; i < 2; i++) s = s.replace(MARKS, '');
  if (s.startsWith('-') || s.startsWith('(')) return { ok: false, error: 'negative' };
  const match = PLAIN.exec(s) ?? GROUPED.exec(s);
  if (!match) {
    // Digits with points and commas that do not follow the rules: a separator could mean either.
    return /^[\d.,]+$/.test(s) && /\d/.test(s)
      ? { ok: false, error: 'ambiguous' }
      : { ok: false, error: 'invalid' };
  }
  const integer = match[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const decimals = match[2] ?? '';
  // "250.000" or "1.500": a point before three digits may be a European thousands separator.
  if (decimals.length === 3 && /^\d{1,3}$/.test(match[1])) return { ok: false, error: 'ambiguous' };
  if (decimals.length > 2) return { ok: false, error: 'decimals' };
  if (integer.length > 16) return { ok: false, error: 'tooLarge' };
  return { ok: true, value: `${integer}.${decimals.padEnd(2, '0')}` };
}

/** The amount as the API stores it ("250000.00"), or the text as typed when it does not parse. */
export function normaliseMoneyInput(text: string): string {
  const parsed = parseMoneyInput(text);
  return parsed?.ok ? parsed.value : text.trim();
}

/** Validates a money field typed the Mexican way; empty passes (pair with `required`). */
export const moneyInputValidator: ValidatorFn = (control) => {
  const parsed = parseMoneyInput(control.value as string);
  if (!parsed || parsed.ok) return null;
  return { moneyInput: parsed.error };
};

/** The message for a refused amount: short, so it fits under the field on a phone. */
export function moneyInputMessage(error: MoneyInputError): string {
  switch (error) {
    case 'ambiguous':
      return $localize`:@@money.input.ambiguous:Ambiguo: usa coma para miles y punto para decimales (250,000.00).`;
    case 'decimals':
      return $localize`:@@money.input.decimals:Máximo 2 decimales.`;
    case 'negative':
      return $localize`:@@money.input.negative:Sin signo negativo.`;
    case 'tooLarge':
      return $localize`:@@money.input.tooLarge:Monto demasiado grande.`;
    default:
      return $localize`:@@money.input.invalid:Escribe un monto, p. ej. 250,000.00.`;
  }
}
