import { stringify } from 'csv-stringify/sync';

/**
 * CSV and spreadsheet cell helpers: RFC 4180 writing through `csv-stringify`, and our own rule on
 * top, formula-injection escaping. A text cell that a spreadsheet could read as a formula
 * (= + - @ TAB CR first) gets a leading single quote (and is always quoted); typed cells
 * (numbers, dates) are produced by us and never escaped.
 */

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell we escaped: quoted always, so the quote mark reads as text everywhere. */
const FORMULA_ESCAPED = /^'[=+\-@\t\r]/;

export const UTF8_BOM = '\uFEFF';

export function needsFormulaEscape(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Prefixes a single quote when the text could be read as a formula. */
export function escapeFormula(text: string): string {
  return needsFormulaEscape(text) ? `'${text}` : text;
}

export type CellKind = 'text' | 'number' | 'date' | 'datetime';

/** One cell of a CSV row: nulls are empty, text is formula-escaped (lists joined with "; "). */
export function csvCell(value: unknown, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'text')
    return escapeFormula(Array.isArray(value) ? value.join('; ') : String(value));
  return String(value);
}

/**
 * Rows as RFC 4180 CSV with CRLF line ends. Fields holding a comma, quote, CR or LF are quoted
 * (csv-stringify alone quotes only the whole CRLF, not a lone LF or CR), and so are escaped ones.
 */
export function csvRows(rows: string[][]): string {
  return stringify(rows, {
    record_delimiter: 'windows',
    quoted_match: [/[\r\n]/, FORMULA_ESCAPED],
  });
}
