/**
 * CSV and spreadsheet cell helpers: RFC 4180 quoting and formula-injection escaping.
 * A text cell that a spreadsheet could read as a formula (= + - @ TAB CR first) gets a leading
 * single quote; typed cells (numbers, dates) are produced by us and never escaped.
 */

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

export const UTF8_BOM = '\uFEFF';
export const CSV_NEWLINE = '\r\n';

export function needsFormulaEscape(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Prefixes a single quote when the text could be read as a formula. */
export function escapeFormula(text: string): string {
  return needsFormulaEscape(text) ? `'${text}` : text;
}

/** RFC 4180: quote when the field holds a quote, comma, CR or LF (and always when escaped). */
export function csvField(value: string, forceQuote = false): string {
  if (forceQuote || /[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export type CellKind = 'text' | 'number' | 'date' | 'datetime';

/** One cell of a CSV row: nulls are empty, text is formula-escaped (and then quoted). */
export function csvCell(value: unknown, kind: CellKind): string {
  if (value === null || value === undefined) return '';
  if (kind === 'text') {
    const text = Array.isArray(value) ? value.join('; ') : String(value);
    const escaped = needsFormulaEscape(text);
    return csvField(escaped ? `'${text}` : text, escaped);
  }
  return csvField(String(value));
}

export function csvRow(cells: string[]): string {
  return cells.join(',') + CSV_NEWLINE;
}
