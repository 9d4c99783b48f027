/**
 * RFC 4180 reader for the CSV tables of the export: UTF-8 (BOM optional), comma separated,
 * quoted fields with doubled quotes, CRLF or LF line ends (also inside quotes).
 */
export interface CsvReadResult {
  rows: string[][];
  /** 1-based line of each row's first character, for error locations. */
  lines: number[];
  error?: { line: number; code: 'unterminated_quote' | 'stray_quote' };
}

export function readCsv(input: string): CsvReadResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    row.push(field);
    // A line with one empty field is a blank line (the closing newline): skip it.
    if (!(row.length === 1 && row[0] === '')) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    field = '';
    fieldStarted = false;
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
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += c;
      fieldStarted = true;
    }
  }
  if (quoted) return { rows, lines, error: { line: rowLine, code: 'unterminated_quote' } };
  if (field !== '' || row.length) endRow();
  return { rows, lines };
}
