import { isDateOnly } from '../common/validators';
import { isRateString, money } from '../money/money';

export interface ParsedRate {
  line: number;
  rateDate: string;
  rateToMxn: string;
}

export interface CsvLineError {
  line: number;
  code: 'invalid_date' | 'invalid_rate' | 'invalid_line' | 'duplicate_date';
  message: string;
  text: string;
}

export interface ParsedCsv {
  rates: ParsedRate[];
  errors: CsvLineError[];
  /** Lines with "N/E" (no rate published that day). */
  skipped: number;
  lines: number;
}

const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const DATE_LIKE = /^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}$/;
const NOT_PUBLISHED = /^(N\/E|N\/D|NE|ND|-)$/i;

const unquote = (s: string) =>
  s
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();

function toIsoDate(text: string): string | null {
  const dmy = DMY.exec(text);
  const iso = dmy
    ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}`
    : YMD.test(text)
      ? text
      : null;
  return iso && isDateOnly(iso) ? iso : null;
}

/** Normalises "17.1583", "17.15830000" to numeric(18,6) text; null when not a positive rate. */
function toRate(text: string): string | null {
  if (!/^\d{1,12}(\.\d+)?$/.test(text)) return null;
  const value = money(text);
  if (value.decimalPlaces() > 6) return null;
  const fixed = value.toFixed(6);
  return isRateString(fixed) ? fixed : null;
}

/**
 * Parses Banxico's FIX series as downloaded from SIE ("dd/mm/yyyy,rate" lines, quoted or not,
 * after a few title lines) or plain "yyyy-mm-dd,rate" lines. Lines before the first dated line
 * are headers; "N/E" values (no rate that day) are skipped; everything else that does not parse
 * is an error with its line number.
 */
export function parseBanxicoCsv(text: string): ParsedCsv {
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const rates: ParsedRate[] = [];
  const errors: CsvLineError[] = [];
  const byDate = new Map<string, ParsedRate>();
  let skipped = 0;
  let seenData = false;
  rows.forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    const fields = raw.split(/[,;\t]/).map(unquote);
    const first = fields[0] ?? '';
    if (!DATE_LIKE.test(first)) {
      if (!seenData) return; // a title or column header
      errors.push({ line, code: 'invalid_line', message: 'Expected "date,rate"', text: raw });
      return;
    }
    seenData = true;
    const rateDate = toIsoDate(first);
    if (!rateDate) {
      errors.push({
        line,
        code: 'invalid_date',
        message: `Not a valid date: "${first}"`,
        text: raw,
      });
      return;
    }
    const values = fields.slice(1).filter((f) => f !== '');
    if (values.length !== 1) {
      errors.push({
        line,
        code: 'invalid_line',
        message: 'Expected exactly one rate after the date',
        text: raw,
      });
      return;
    }
    if (NOT_PUBLISHED.test(values[0])) {
      skipped++;
      return;
    }
    const rateToMxn = toRate(values[0]);
    if (!rateToMxn) {
      errors.push({
        line,
        code: 'invalid_rate',
        message: `Not a positive rate with up to 6 decimals: "${values[0]}"`,
        text: raw,
      });
      return;
    }
    const earlier = byDate.get(rateDate);
    if (earlier) {
      if (earlier.rateToMxn !== rateToMxn) {
        errors.push({
          line,
          code: 'duplicate_date',
          message: `${rateDate} already appears on line ${earlier.line} with another rate`,
          text: raw,
        });
      }
      return;
    }
    const parsed = { line, rateDate, rateToMxn };
    byDate.set(rateDate, parsed);
    rates.push(parsed);
  });
  return { rates, errors, skipped, lines: rows.filter((r) => r.trim()).length };
}
