import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors';
import { CURRENCY_SET } from '../common/currencies';
import { isDateOnly } from '../common/validators';
import { needsFormulaEscape } from '../exports/csv';
import { EXPORT_TABLES, ExportTable } from '../exports/export-tables';
import { readCsv } from './csv-read';
import { ImportColumn, IMPORT_COLUMNS, ImportKind, REQUIRED_COLUMNS } from './import-spec';
import type {
  ImportIssue,
  ImportIssueCode,
  ImportLimits,
  ImportLocation,
  InputRow,
  InputTable,
} from './import-model';
import {
  cellTooLong,
  DEFAULT_IMPORT_LIMITS,
  tooLargeUncompressed,
  tooManyColumns,
  tooManyRows,
} from './read-limits';

export type RawCell = string | number | boolean | Date | null | undefined;

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Reverses the export's formula escaping: "'=x" (a text cell the export protected) → "=x". */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && needsFormulaEscape(text.slice(1)) ? text.slice(1) : text;
}

const excelSerialDate = (n: number) => new Date(Date.UTC(1899, 11, 30) + Math.round(n * 86400000));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isoSecond = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const numberText = (n: number) => (Number.isFinite(n) ? String(n) : 'NaN');

export type CellResult = { value: unknown } | { code: ImportIssueCode; message: string };

type Converter = (str: string, raw: RawCell, col: ImportColumn) => CellResult;
const fail = (code: ImportIssueCode, message: string): CellResult => ({ code, message });
const wholeSecond = (d: Date) => isoSecond(new Date(Math.round(d.getTime() / 1000) * 1000));

/** How each kind of column reads its (non-empty) cell. */
const CONVERTERS: Record<ImportKind, Converter> = {
  ignore: () => ({ value: undefined }),
  text: (str, _raw, col) => {
    const text = unescapeFormula(str);
    if (col.max && text.length > col.max) return fail('too_long', `At most ${col.max} characters`);
    if (col.min && text.trim().length < col.min)
      return fail('too_short', `At least ${col.min} characters`);
    return { value: text };
  },
  enum: (str, _raw, col) =>
    col.values?.includes(str.trim())
      ? { value: str.trim() }
      : fail('invalid_value', `One of: ${col.values?.join(', ')}`),
  code: (str) => {
    const v = unescapeFormula(str).trim();
    return CODE.test(v)
      ? { value: v }
      : fail('invalid_code', 'Letters, digits, . _ - (2 to 60 characters)');
  },
  uuid: (str) => {
    const v = str.trim().toLowerCase();
    return UUID.test(v) ? { value: v } : fail('invalid_uuid', 'Not a UUID');
  },
  date: (str, raw) => {
    if (raw instanceof Date) return { value: isoDay(raw) };
    if (typeof raw === 'number') return { value: isoDay(excelSerialDate(raw)) };
    const v = str.trim();
    return isDateOnly(v) ? { value: v } : fail('invalid_date', 'A date written YYYY-MM-DD');
  },
  datetime: (str, raw) => {
    if (raw instanceof Date) return { value: wholeSecond(raw) };
    if (typeof raw === 'number') return { value: wholeSecond(excelSerialDate(raw)) };
    const v = str.trim();
    return ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v))
      ? { value: isoSecond(new Date(v)) }
      : fail('invalid_datetime', 'A UTC time written YYYY-MM-DDTHH:MM:SSZ');
  },
  list: (str, _raw, col) => {
    const items = unescapeFormula(str)
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    if (col.maxItems && items.length > col.maxItems)
      return fail('too_many_items', `At most ${col.maxItems} items`);
    if (col.max && items.some((i) => i.length > (col.max ?? 0)))
      return fail('too_long', `Each item at most ${col.max} characters`);
    return { value: items };
  },
  sdgs: (str) => {
    const items = str
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const goals = items.map(Number);
    if (goals.some((g, i) => !/^\d{1,2}$/.test(items[i]) || g < 1 || g > 17))
      return fail('invalid_sdg', 'SDG numbers 1 to 17, separated by ";"');
    if (new Set(goals).size !== goals.length) return fail('invalid_sdg', 'An SDG is repeated');
    return { value: goals };
  },
  money: (str) => {
    const v = str.trim();
    if (/^-/.test(v)) return fail('negative_amount', 'Amounts are never negative');
    return MONEY.test(v)
      ? { value: v }
      : fail('invalid_amount', 'A number with at most 2 decimals (1234.50)');
  },
  decimal: (str) => {
    const v = str.trim();
    return DECIMAL.test(v)
      ? { value: v }
      : fail('invalid_number', 'A number with at most 6 decimals (12.5)');
  },
  currency: (str) => {
    const v = str.trim();
    return CURRENCY_SET.has(v)
      ? { value: v }
      : fail('invalid_currency', 'An ISO 4217 code such as MXN, USD, EUR');
  },
};

/** Reads one cell as its column says; empty cells are null (lists: []). */
export function convertCell(col: ImportColumn, raw: RawCell): CellResult {
  const empty = raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '');
  if (col.kind === 'list' || col.kind === 'sdgs') {
    if (empty) return { value: [] };
  } else if (empty) return { value: null };
  const str =
    raw instanceof Date
      ? isoSecond(raw)
      : typeof raw === 'number'
        ? numberText(raw)
        : String(raw as string | boolean);
  if (str.includes('\u0000')) return fail('nul_character', 'Contains a NUL character');
  return CONVERTERS[col.kind](str, raw, col);
}

/** Checks the header of a table: unknown, duplicated or missing columns refuse the whole file. */
export function checkHeaders(table: ExportTable, headers: string[], where: ImportLocation): void {
  const known = new Set(IMPORT_COLUMNS[table].map((c) => c.header));
  const unknown = headers.filter((h) => !known.has(h));
  if (unknown.length)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_UNKNOWN_COLUMNS', {
      ...where,
      table,
      columns: unknown,
      expected: [...known],
    });
  const duplicated = headers.filter((h, i) => headers.indexOf(h) !== i);
  if (duplicated.length)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_DUPLICATE_COLUMNS', {
      ...where,
      table,
      columns: [...new Set(duplicated)],
    });
  const missing = REQUIRED_COLUMNS[table].filter((h) => !headers.includes(h));
  if (missing.length)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_MISSING_COLUMNS', {
      ...where,
      table,
      columns: missing,
    });
}

/** Converts raw rows (header order) into typed input rows, collecting cell errors. */
export function buildTable(
  table: ExportTable,
  headers: string[],
  rawRows: { row: number; cells: RawCell[] }[],
  where: { file: string; sheet?: string },
  issues: ImportIssue[],
): InputTable {
  // checkHeaders ran first: every header is a known column.
  const columns = headers.map(
    (h) =>
      IMPORT_COLUMNS[table].find((c) => c.header === h) ?? { header: h, kind: 'ignore' as const },
  );
  const rows: InputRow[] = [];
  for (const { row, cells } of rawRows) {
    if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    if (
      cells.length > headers.length &&
      cells.slice(headers.length).some((c) => c !== '' && c != null)
    )
      issues.push({
        location: { ...where, row },
        code: 'extra_cells',
        message: `The row has more cells than the header (${headers.length})`,
      });
    const values: Record<string, unknown> = {};
    columns.forEach((col, i) => {
      if (col.kind === 'ignore') return;
      const result = convertCell(col, cells[i]);
      if ('code' in result) {
        issues.push({
          location: { ...where, row, column: col.header },
          code: result.code,
          message: result.message,
          value: String(cells[i] ?? '').slice(0, 200),
        });
      } else values[col.header] = result.value;
    });
    rows.push({ location: { ...where, row }, values });
  }
  return { table, file: where.file, sheet: where.sheet, headers, rows };
}

/** The table of a CSV file: by its name (coopera-actions-2026-01-31.csv, funding.csv). */
export function tableOfFile(name: string): ExportTable | undefined {
  const base = name.toLowerCase().replace(/\.csv$/, '');
  return [...EXPORT_TABLES]
    .sort((a, b) => b.length - a.length)
    .find((t) => new RegExp(`(^|[^a-z])${t}([^a-z]|$)`).test(base));
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a CSV upload as UTF-8 text; binaries, zips and XML are the wrong type. */
export function csvText(name: string, buffer: Buffer): string {
  const head = buffer.subarray(0, 512);
  if (head.includes(0) || head.subarray(0, 2).toString('latin1') === 'PK')
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'csv',
    });
  try {
    return decoder.decode(buffer);
  } catch {
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'IMPORT_WRONG_FILE_TYPE', {
      file: name,
      expected: 'csv',
      reason: 'not UTF-8',
    });
  }
}

/** One CSV table of the export, within `limits` (checked while reading). */
export function readCsvTable(
  name: string,
  buffer: Buffer,
  issues: ImportIssue[],
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): InputTable {
  const table = tableOfFile(name);
  if (!table)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_UNKNOWN_TABLE', {
      file: name,
      expected: EXPORT_TABLES.map((t) => `${t}.csv`),
    });
  if (buffer.length > limits.maxUncompressedBytes)
    throw tooLargeUncompressed(limits, { file: name }, buffer.length);
  const parsed = readCsv(csvText(name, buffer), {
    maxRows: limits.maxRows + 1,
    maxColumns: limits.maxColumns,
    maxCellChars: limits.maxCellChars,
  });
  const stop = parsed.error;
  if (stop?.code === 'too_many_rows') throw tooManyRows(limits, { file: name, row: stop.line });
  if (stop?.code === 'too_many_columns')
    throw tooManyColumns(limits, { file: name, row: stop.line }, stop.column ?? 0);
  if (stop?.code === 'cell_too_long')
    throw cellTooLong(
      limits,
      { file: name, row: stop.line, column: String(stop.column) },
      stop.length ?? 0,
    );
  if (stop)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CORRUPT_FILE', {
      file: name,
      row: stop.line,
      reason: stop.code,
    });
  if (!parsed.rows.length)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_MISSING_COLUMNS', {
      file: name,
      table,
      columns: REQUIRED_COLUMNS[table],
    });
  const headers = parsed.rows[0].map((h) => h.trim());
  checkHeaders(table, headers, { file: name });
  return buildTable(
    table,
    headers,
    parsed.rows.slice(1).map((cells, i) => ({ row: parsed.lines[i + 1], cells })),
    { file: name },
    issues,
  );
}
