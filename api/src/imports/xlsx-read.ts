import { HttpStatus } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as yauzl from 'yauzl';
import { AppError } from '../common/errors';
import { EXPORT_TABLES, ExportTable } from '../exports/export-tables';
import type { ImportIssue, ImportLimits, InputRow, InputTable } from './import-model';
import { cellTooLong, DEFAULT_IMPORT_LIMITS, tooManyColumns, tooManyRows } from './read-limits';
import { buildTable, checkHeaders, RawCell } from './tabular';

/**
 * The parts of exceljs 4.4's streaming WorkbookReader used here. Its own `read()` takes the zip
 * entries in file order through unzipper (local headers, not the central directory inspectZip
 * checked) and spills sheets met before the shared strings to temporary files; so the entries
 * are opened here through yauzl by their place in the central directory, in the order the parsers
 * need: relations, workbook, shared strings, styles, then one sheet at a time.
 */
interface StreamingReader {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { name: string; rId: string }[] };
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(stream: Readable, sheetNo: string): Generator<{ value: AsyncIterable<Row> }>;
}

interface Row {
  number: number;
  values: ExcelJS.CellValue[] | Record<string, ExcelJS.CellValue>;
}

/** Rows converted per batch, so that raw cells never pile up for a whole sheet. */
const BATCH = 1000;

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

const isEmpty = (v: RawCell) => v === null || v === undefined || v === '';

class Zip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(buffer: Buffer): Promise<Zip> {
    const zip = await promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer)(buffer, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
    const entries = new Map<string, yauzl.Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName.replace(/^\/+/, ''), entry);
        zip.readEntry();
      });
      zip.readEntry();
    });
    return new Zip(zip, entries);
  }

  /**
   * The entry as text. exceljs' SAX feed decodes every chunk on its own, so a character whose
   * bytes straddle two chunks would come back as U+FFFD (an accented letter lost in a re-import):
   * the stream decodes UTF-8 itself, across chunk edges, and hands exceljs strings.
   */
  async stream(path: string): Promise<Readable | undefined> {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    const stream = await this.zip.openReadStreamPromise(entry);
    return stream.setEncoding('utf8');
  }

  close(): void {
    this.zip.close();
  }
}

/**
 * The sheets of a workbook, read streaming (call only after inspectZip passed: entry count,
 * uncompressed size and ratio are checked there). Sheets are named like the export tables; any
 * other sheet name refuses the file. Rows past IMPORT_MAX_ROWS, values past column
 * IMPORT_MAX_COLUMNS and cells longer than IMPORT_MAX_CELL_CHARS stop the reader with a 400.
 */
export async function readWorkbook(
  name: string,
  buffer: Buffer,
  issues: ImportIssue[],
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<InputTable[]> {
  let zip: Zip | undefined;
  try {
    zip = await Zip.open(buffer);
    return await readSheets(zip, name, issues, limits);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_CORRUPT_FILE', {
      file: name,
      reason: (error as Error).message.slice(0, 200),
    });
  } finally {
    zip?.close();
  }
}

async function readSheets(
  zip: Zip,
  name: string,
  issues: ImportIssue[],
  limits: ImportLimits,
): Promise<InputTable[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  }) as unknown as StreamingReader;
  const part = async (path: string) => {
    const stream = await zip.stream(path);
    if (!stream) throw new Error(`${path} is missing`);
    return stream;
  };
  await reader._parseRels(await part('xl/_rels/workbook.xml.rels'));
  await reader._parseWorkbook(await part('xl/workbook.xml'));
  const strings = await zip.stream('xl/sharedStrings.xml');
  if (strings) for await (const _ of reader._parseSharedStrings(strings));
  const styles = await zip.stream('xl/styles.xml');
  if (styles) await reader._parseStyles(styles);

  const sheets = (reader.model?.sheets ?? []).map((s) => {
    const target = reader.workbookRels?.find((r) => r.Id === s.rId)?.Target ?? '';
    const path = target.startsWith('/')
      ? target.slice(1)
      : posix.normalize(posix.join('xl', target));
    return { name: s.name, path };
  });
  const unknown = sheets
    .map((s) => s.name)
    .filter((n) => !(EXPORT_TABLES as readonly string[]).includes(n));
  if (unknown.length)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_UNKNOWN_SHEETS', {
      file: name,
      sheets: unknown,
      expected: EXPORT_TABLES,
    });
  const tables: InputTable[] = [];
  for (const table of EXPORT_TABLES) {
    const sheet = sheets.find((s) => s.name === table);
    if (!sheet) continue;
    const stream = await part(sheet.path);
    const [{ value: rows }] = [...reader._parseWorksheet(stream, '0')];
    tables.push(await readSheet(table, rows, name, issues, limits));
  }
  return tables;
}

async function readSheet(
  table: ExportTable,
  rows: AsyncIterable<Row>,
  file: string,
  issues: ImportIssue[],
  limits: ImportLimits,
): Promise<InputTable> {
  const where = { file, sheet: table };
  let headers: string[] | undefined;
  let batch: { row: number; cells: RawCell[] }[] = [];
  const out: InputRow[] = [];
  let count = 0;
  let last = 0;
  const flush = () => {
    if (!headers || !batch.length) return;
    out.push(...buildTable(table, headers, batch, where, issues).rows);
    batch = [];
  };
  for await (const row of rows) {
    const number = Number.isFinite(row.number) && row.number > last ? row.number : last + 1;
    last = number;
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: RawCell[] = [];
    for (let c = 1; c < values.length; c++) {
      const v = cellValue(values[c]);
      if (c > limits.maxColumns && !isEmpty(v))
        throw tooManyColumns(limits, { ...where, row: number }, c);
      if (typeof v === 'string' && v.length > limits.maxCellChars)
        throw cellTooLong(
          limits,
          { ...where, row: number, column: headers?.[c - 1] ?? String(c) },
          v.length,
        );
      cells.push(v);
    }
    if (!headers && number !== 1) {
      // Row 1 is the header: without it, every required column is missing.
      checkHeaders(table, [], where);
      headers = [];
    }
    if (!headers) {
      const names = cells.map((v) => (v === null || v === undefined ? '' : String(v).trim()));
      while (names.length && names[names.length - 1] === '') names.pop();
      checkHeaders(table, names, where);
      headers = names;
      continue;
    }
    if (number > limits.maxRows + 1 || ++count > limits.maxRows)
      throw tooManyRows(limits, { ...where, row: number });
    batch.push({ row: number, cells });
    if (batch.length >= BATCH) flush();
  }
  if (!headers) {
    checkHeaders(table, [], where);
    headers = [];
  }
  flush();
  return { table, file, sheet: table, headers, rows: out };
}
