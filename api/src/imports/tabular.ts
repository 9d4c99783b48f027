import { HttpStatus } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { AppError } from '../common/errors';
import { CURRENCY_SET } from '../common/currencies';
import { isDateOnly } from '../common/validators';
import { needsFormulaEscape } from '../exports/csv';
import { EXPORT_TABLES, ExportTable } from '../exports/export-tables';
import { readCsv } from './csv-read';
import { ImportColumn, IMPORT_COLUMNS, REQUIRED_COLUMNS } from './import-spec';
import type { ImportIssue, ImportLocation, InputRow, InputTable } from './import-model';

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

export type CellResult = { value: unknown } | { code: string; message: string };

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
  if (str.includes('\u0000')) return { code: 'nul_character', message: 'Contains a NUL character' };
  switch (col.kind) {
    case 'ignore':
      return { value: undefined };
    case 'text': {
      const text = unescapeFormula(str);
      if (col.max && text.length > col.max)
        return { code: 'too_long', message: `At most ${col.max} characters` };
      if (col.min && text.trim().length < col.min)
        return { code: 'too_short', message: `At least ${col.min} characters` };
      return { value: text };
    }
    case 'enum': {
      const v = str.trim();
      return col.values?.includes(v)
        ? { value: v }
        : { code: 'invalid_value', message: `One of: ${col.values?.join(', ')}` };
    }
    case 'code': {
      const v = unescapeFormula(str).trim();
      return CODE.test(v)
        ? { value: v }
        : { code: 'invalid_code', message: 'Letters, digits, . _ - (2 to 60 characters)' };
    }
    case 'uuid': {
      const v = str.trim().toLowerCase();
      return UUID.test(v) ? { value: v } : { code: 'invalid_uuid', message: 'Not a UUID' };
    }
    case 'date': {
      if (raw instanceof Date) return { value: isoDay(raw) };
      if (typeof raw === 'number') return { value: isoDay(excelSerialDate(raw)) };
      const v = str.trim();
      return isDateOnly(v)
        ? { value: v }
        : { code: 'invalid_date', message: 'A date written YYYY-MM-DD' };
    }
    case 'datetime': {
      if (raw instanceof Date)
        return { value: isoSecond(new Date(Math.round(raw.getTime() / 1000) * 1000)) };
      if (typeof raw === 'number')
        return {
          value: isoSecond(new Date(Math.round(excelSerialDate(raw).getTime() / 1000) * 1000)),
        };
      const v = str.trim();
      return ISO_DATETIME.test(v) && !Number.isNaN(Date.parse(v))
        ? { value: isoSecond(new Date(v)) }
        : { code: 'invalid_datetime', message: 'A UTC time written YYYY-MM-DDTHH:MM:SSZ' };
    }
    case 'list': {
      const items = unescapeFormula(str)
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean);
      if (col.maxItems && items.length > col.maxItems)
        return { code: 'too_many_items', message: `At most ${col.maxItems} items` };
      if (col.max && items.some((i) => i.length > (col.max ?? 0)))
        return { code: 'too_long', message: `Each item at most ${col.max} characters` };
      return { value: items };
    }
    case 'sdgs': {
      const items = str
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const goals = items.map(Number);
      if (goals.some((g, i) => !/^\d{1,2}$/.test(items[i]) || g < 1 || g > 17))
        return { code: 'invalid_sdg', message: 'SDG numbers 1 to 17, separated by ";"' };
      if (new Set(goals).size !== goals.length)
        return { code: 'invalid_sdg', message: 'An SDG is repeated' };
      return { value: goals };
    }
    case 'money': {
      const v = str.trim();
      if (/^-/.test(v)) return { code: 'negative_amount', message: 'Amounts are never negative' };
      return MONEY.test(v)
        ? { value: v }
        : { code: 'invalid_amount', message: 'A number with at most 2 decimals (1234.50)' };
    }
    case 'decimal': {
      const v = str.trim();
      return DECIMAL.test(v)
        ? { value: v }
        : { code: 'invalid_number', message: 'A number with at most 6 decimals (12.5)' };
    }
    case 'currency': {
      const v = str.trim();
      return CURRENCY_SET.has(v)
        ? { value: v }
        : { code: 'invalid_currency', message: 'An ISO 4217 code such as MXN, USD, EUR' };
    }
  }
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

/** One CSV table of the export. */
export function readCsvTable(name: string, buffer: Buffer, issues: ImportIssue[]): InputTable {
  const table = tableOfFile(name);
  if (!table)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_UNKNOWN_TABLE', {
      file: name,
      expected: EXPORT_TABLES.map((t) => `${t}.csv`),
    });
  const parsed = readCsv(csvText(name, buffer));
  if (parsed.error)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CORRUPT_FILE', {
      file: name,
      row: parsed.error.line,
      reason: parsed.error.code,
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

function cellValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? null
      : (result as RawCell);
  }
  if ('text' in value && 'hyperlink' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

/**
 * The sheets of a workbook (call only after inspectZip passed). Sheets are named like the export
 * tables; any other sheet name refuses the file.
 */
export async function readWorkbook(
  name: string,
  buffer: Buffer,
  issues: ImportIssue[],
): Promise<InputTable[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CORRUPT_FILE', {
      file: name,
      reason: (error as Error).message.slice(0, 200),
    });
  }
  const unknown = workbook.worksheets
    .map((w) => w.name)
    .filter((n) => !(EXPORT_TABLES as readonly string[]).includes(n));
  if (unknown.length)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_UNKNOWN_SHEETS', {
      file: name,
      sheets: unknown,
      expected: EXPORT_TABLES,
    });
  const tables: InputTable[] = [];
  for (const table of EXPORT_TABLES) {
    const sheet = workbook.getWorksheet(table);
    if (!sheet) continue;
    const header = sheet.getRow(1);
    const headers: string[] = [];
    for (let c = 1; c <= header.cellCount; c++) {
      const v = cellValue(header.getCell(c).value);
      headers.push(v === null ? '' : String(v).trim());
    }
    while (headers.length && headers[headers.length - 1] === '') headers.pop();
    checkHeaders(table, headers, { file: name, sheet: table });
    const raw: { row: number; cells: RawCell[] }[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: RawCell[] = [];
      for (let c = 1; c <= Math.max(headers.length, row.cellCount); c++)
        cells.push(cellValue(row.getCell(c).value));
      raw.push({ row: r, cells });
    }
    tables.push(buildTable(table, headers, raw, { file: name, sheet: table }, issues));
  }
  return tables;
}
