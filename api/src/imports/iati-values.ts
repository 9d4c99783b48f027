/**
 * Small, pure readings of IATI values (no XML, no database): amounts, indicator values,
 * organisation refs, positions among equals. Each has its unit test (iati-values.spec.ts).
 */

const PLAIN = /^[+-]?\d+(\.\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * An IATI amount (xsd:decimal, signed) as a numeric string with 2 decimals, or an error. More
 * than two decimals are rounded half away from zero (the database keeps cents), and said so.
 */
export function readAmount(
  text: string | undefined,
): { amount: string; rounded: boolean } | { error: string } {
  const t = (text ?? '').trim();
  if (!PLAIN.test(t) || t.replace(/[+-]/, '').split('.')[0].length > 16)
    return { error: 'Not a decimal amount (xsd:decimal, at most 16 integer digits)' };
  const negative = t.startsWith('-');
  const [int, frac = ''] = t.replace(/^[+-]/, '').split('.');
  let cents = BigInt(int + (frac + '00').slice(0, 2));
  const rounded = frac.length > 2 && /[1-9]/.test(frac.slice(2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1n;
  const abs = cents.toString().padStart(3, '0');
  const value = `${abs.slice(0, -2)}.${abs.slice(-2)}`;
  return { amount: negative && cents > 0n ? `-${value}` : value, rounded };
}

/**
 * An indicator value as written (`@value` is xsd:string) → the number it states, only when that
 * is unambiguous: "12", "-3.5", "130,000.00" (comma thousands) read; "Yes", "72,0000", "1.234,5",
 * "50%" do not (null: the text is kept, no number is guessed).
 */
export function readIndicatorNumber(text: string | undefined): string | null {
  const t = (text ?? '').trim();
  if (PLAIN.test(t)) return t.replace(/^\+/, '');
  if (GROUPED.test(t)) return t.replace(/,/g, '').replace(/^\+/, '');
  return null;
}

/** Organisation refs that are no identifiers ("N/A", "-", "0", "none"): treated as absent. */
export function usableRef(ref: string | undefined): string | undefined {
  const r = ref?.trim();
  if (!r) return undefined;
  if (/^[\s\-_./0?]*$/.test(r)) return undefined;
  if (/^(n\/?a|none|null|unknown|not applicable|tbd|xx+)$/i.test(r)) return undefined;
  return r;
}

/** Name comparison key: case and accents ignored, spaces collapsed. */
export function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Keys made unique by their position among equals in file order: the first "a" is "a#1", the
 * second "a#2". Deterministic: the same file always gives the same keys.
 */
export class PositionKeys {
  private readonly seen = new Map<string, number>();
  next(key: string): string {
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    return `${key}#${n}`;
  }
}
