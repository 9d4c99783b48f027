/**
 * RFC 4180 reader for the CSV tables of the export: UTF-8 (BOM optional), comma separated,
 * quoted fields with doubled quotes, CRLF or LF line ends (also inside quotes).
 */
export interface CsvReadResult {
  rows: string[][];
  /** 1-based line of each row's first character, for error locations. */
  lines: number[];
  error?: { line: number; code: CsvErrorCode; column?: number; length?: number };
}

export type CsvErrorCode =
  | 'unterminated_quote'
  | 'stray_quote'
  | 'too_many_rows'
  | 'too_many_columns'
  | 'cell_too_long';

/** Caps checked while reading, so that a hostile file stops the reader early. */
export interface CsvReadLimits {
  /** Rows in all, the header included. */
  maxRows?: number;
  maxColumns?: number;
  maxCellChars?: number;
}

export function readCsv(input: string, limits: CsvReadLimits = {}): CsvReadResult {
  const maxRows = limits.maxRows ?? Infinity;
  const maxColumns = limits.maxColumns ?? Infinity;
  const maxCellChars = limits.maxCellChars ?? Infinity;
  let stop: CsvReadResult['error'];
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let rowLine = 1;
  /** Ends the field; false (and `stop` set) when it breaks a cap. */
  const endField = (): boolean => {
    if (field.length > maxCellChars)
      stop = { line: rowLine, code: 'cell_too_long', column: row.length + 1, length: field.length };
    else if (row.length >= maxColumns && field !== '')
      stop = { line: rowLine, code: 'too_many_columns', column: row.length + 1 };
    row.push(field);
    field = '';
    fieldStarted = false;
    return !stop;
  };
  const endRow = (): boolean => {
    if (!endField()) return false;
    // A line with one empty field is a blank line (the closing newline): skip it.
    if (!(row.length === 1 && row[0] === '')) {
      if (rows.length >= maxRows) {
        stop = { line: rowLine, code: 'too_many_rows' };
        return false;
      }
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    return true;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          const next = text[i + 1];
          if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n')
            return { rows, lines, error: { line, code: 'stray_quote' } };
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === '"') {
      return { rows, lines, error: { line, code: 'stray_quote' } };
    } else if (c === ',') {
      if (!endField()) return { rows, lines, error: stop };
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (!endRow()) return { rows, lines, error: stop };
      line++;
      rowLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return { rows, lines, error: { line: rowLine, code: 'unterminated_quote' } };
  if ((field !== '' || row.length) && !endRow()) return { rows, lines, error: stop };
  return { rows, lines };
}
