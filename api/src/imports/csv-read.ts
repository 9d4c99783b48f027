import { CsvError, parse } from 'csv-parse/sync';

/**
 * RFC 4180 reader for the CSV tables of the export, on `csv-parse`: UTF-8 (BOM optional), comma
 * separated, quoted fields with doubled quotes, CRLF or LF line ends (also inside quotes). Ours on
 * top: the caps, checked record by record so a hostile file stops the reader early, and the
 * 1-based line of each row for error locations.
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

/** Stops the parser at the first record past a cap. */
class CapReached extends Error {
  constructor(readonly error: NonNullable<CsvReadResult['error']>) {
    super(error.code);
  }
}

const QUOTE_ERRORS: Record<string, CsvErrorCode> = {
  CSV_QUOTE_NOT_CLOSED: 'unterminated_quote',
  INVALID_OPENING_QUOTE: 'stray_quote',
  CSV_INVALID_CLOSING_QUOTE: 'stray_quote',
};

/** The first cell of `record` past a cap (cells in order), as the error to report. */
function capError(
  record: string[],
  line: number,
  maxColumns: number,
  maxCellChars: number,
): CsvReadResult['error'] {
  for (let i = 0; i < record.length; i++) {
    if (record[i].length > maxCellChars)
      return { line, code: 'cell_too_long', column: i + 1, length: record[i].length };
    // Trailing empty fields past the cap are not values.
    if (i >= maxColumns && record[i] !== '')
      return { line, code: 'too_many_columns', column: i + 1 };
  }
  return undefined;
}

export function readCsv(input: string, limits: CsvReadLimits = {}): CsvReadResult {
  const maxRows = limits.maxRows ?? Infinity;
  const maxColumns = limits.maxColumns ?? Infinity;
  const maxCellChars = limits.maxCellChars ?? Infinity;
  const rows: string[][] = [];
  const lines: number[] = [];
  try {
    parse(input, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], { lines: end }: { lines: number }) => {
        // A line holding one empty field is a blank line.
        if (record.length === 1 && record[0] === '') return null;
        // csv-parse counts the line it ends on, and each CR or LF inside quotes as a line.
        const line = end - (record.join('').match(/[\r\n]/g)?.length ?? 0);
        const error =
          rows.length >= maxRows
            ? { line, code: 'too_many_rows' as const }
            : capError(record, line, maxColumns, maxCellChars);
        if (error) throw new CapReached(error);
        rows.push(record);
        lines.push(line);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CapReached) return { rows, lines, error: error.error };
    if (error instanceof CsvError && QUOTE_ERRORS[error.code])
      return { rows, lines, error: { line: Number(error.lines), code: QUOTE_ERRORS[error.code] } };
    throw error;
  }
  return { rows, lines };
}
