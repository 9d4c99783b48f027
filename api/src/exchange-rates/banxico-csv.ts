import { parse } from 'csv-parse/sync';
import { isDateOnly } from '../common/validators';
import { isRateString, money } from '../common/money';

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

interface CsvRecord {
  /** Line of the record's last character (1-based). */
  line: number;
  fields: string[];
  raw: string;
}

/**
 * The file's records through `csv-parse` (RFC 4180 quoting, so a quoted field may hold commas
 * and line breaks; comma, semicolon or tab separated; BOM dropped). A record the parser
 * refuses (a stray or unclosed quote) becomes an `invalid_line` error at its line.
 */
function readRecords(text: string, errors: CsvLineError[]): CsvRecord[] {
  const seen = new Set<number>();
  // With `info` and `raw` each record comes as { record, info, raw } (the types say string[][]).
  const parsed = parse(text.replace(/\r\n?/g, '\n'), {
    bom: true,
    delimiter: [',', ';', '\t'],
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    raw: true,
    skip_records_with_error: true,
    on_skip: (error: { lines?: number; message: string } | undefined, raw?: string) => {
      const line = error?.lines ?? 0;
      if (seen.has(line)) return;
      seen.add(line);
      errors.push({
        line,
        code: 'invalid_line',
        message: error?.message ?? 'Unreadable CSV line',
        text: (raw ?? '').trim(),
      });
    },
  }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
  return parsed.map(({ record, info, raw }) => ({
    // A quoted field may span lines: report the line the record starts on.
    line: info.lines - (record.join(',').match(/\n/g)?.length ?? 0),
    fields: record,
    raw: raw.trim(),
  }));
}

/**
 * Parses Banxico's FIX series as downloaded from SIE ("dd/mm/yyyy,rate" lines, quoted or not,
 * after a few title lines) or plain "yyyy-mm-dd,rate" lines. Records before the first dated one
 * are headers; "N/E" values (no rate that day) are skipped; everything else that does not parse
 * is an error with its line number.
 */
export function parseBanxicoCsv(text: string): ParsedCsv {
  const rates: ParsedRate[] = [];
  const errors: CsvLineError[] = [];
  const byDate = new Map<string, ParsedRate>();
  let skipped = 0;
  let seenData = false;
  for (const { line, fields, raw } of readRecords(text, errors)) {
    const first = fields[0] ?? '';
    if (!DATE_LIKE.test(first)) {
      if (!seenData) continue; // a title or column header
      errors.push({ line, code: 'invalid_line', message: 'Expected "date,rate"', text: raw });
      continue;
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
      continue;
    }
    const values = fields.slice(1).filter((f) => f !== '');
    if (values.length !== 1) {
      errors.push({
        line,
        code: 'invalid_line',
        message: 'Expected exactly one rate after the date',
        text: raw,
      });
      continue;
    }
    if (NOT_PUBLISHED.test(values[0])) {
      skipped++;
      continue;
    }
    const rateToMxn = toRate(values[0]);
    if (!rateToMxn) {
      errors.push({
        line,
        code: 'invalid_rate',
        message: `Not a positive rate with up to 6 decimals: "${values[0]}"`,
        text: raw,
      });
      continue;
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
      continue;
    }
    const parsed = { line, rateDate, rateToMxn };
    byDate.set(rateDate, parsed);
    rates.push(parsed);
  }
  errors.sort((a, b) => a.line - b.line);
  const lines = text.split(/\r\n|\n|\r/).filter((r) => r.trim()).length;
  return { rates, errors, skipped, lines };
}
