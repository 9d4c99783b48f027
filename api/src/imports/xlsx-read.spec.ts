import ExcelJS from 'exceljs';
import { AppError } from '../common/errors';
import type { ImportIssue, ImportLimits } from './import-model';
import { DEFAULT_IMPORT_LIMITS } from './read-limits';
import { readWorkbook } from './xlsx-read';

const limits = (over: Partial<ImportLimits>): ImportLimits => ({
  ...DEFAULT_IMPORT_LIMITS,
  ...over,
});

async function workbook(rows: unknown[][], sheet = 'results'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('readWorkbook (streaming, with caps)', () => {
  const header = ['action_code', 'statement', 'action_id', 'id'];

  it('reads rows with their numbers, shared strings, numbers and dates', async () => {
    const issues: ImportIssue[] = [];
    const wb = await workbook([header, ['A-1', 'Primer resultado'], [], ['A-2', 'Otro']]);
    const [table] = await readWorkbook('x.xlsx', wb, issues);
    expect(table.table).toBe('results');
    expect(table.rows.map((r) => [r.location.row, r.values['statement']])).toEqual([
      [2, 'Primer resultado'],
      [4, 'Otro'],
    ]);
    expect(issues).toEqual([]);
  });

  it('keeps accented text whole wherever the decompressed stream splits it into chunks', async () => {
    // Long, distinct strings of two-byte characters: the parts of sharedStrings.xml and the sheet
    // arrive in chunks whose edges fall inside a character (the demo's «estratégico»,
    // «Metrópolis»); decoded chunk by chunk they came back with U+FFFD in place of the letter.
    const statements = Array.from(
      { length: 200 },
      (_, i) => `${i} ${'Metrópolis estratégica '.repeat(40)}`,
    );
    const wb = await workbook([header, ...statements.map((s, i) => [`A-${i}`, s])]);
    const [table] = await readWorkbook('x.xlsx', wb, []);
    expect(table.rows.map((r) => r.values['statement'])).toEqual(statements);
  });

  it('refuses a table over IMPORT_MAX_ROWS, naming the cap and the limit', async () => {
    const rows = [header, ...Array.from({ length: 6 }, (_, i) => [`A-${i}`, 'Resultado'])];
    const error = await refusal(
      readWorkbook('x.xlsx', await workbook(rows), [], limits({ maxRows: 5 })),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(error.details).toMatchObject({
      setting: 'IMPORT_MAX_ROWS',
      limit: 5,
      sheet: 'results',
      row: 7,
    });
    // Exactly at the cap it reads.
    await readWorkbook('x.xlsx', await workbook(rows.slice(0, 6)), [], limits({ maxRows: 5 }));
  });

  it('refuses a value past IMPORT_MAX_COLUMNS and a cell over IMPORT_MAX_CELL_CHARS', async () => {
    const wide = [header, ['A-1', 'Resultado', ...Array(40).fill(''), 'x']];
    const cols = await refusal(
      readWorkbook('x.xlsx', await workbook(wide), [], limits({ maxColumns: 30 })),
    );
    expect(cols.code).toBe('IMPORT_TOO_MANY_COLUMNS');
    expect(cols.details).toMatchObject({
      setting: 'IMPORT_MAX_COLUMNS',
      limit: 30,
      row: 2,
      value: 43,
    });

    const long = [header, ['A-1', 'x'.repeat(101)]];
    const cell = await refusal(
      readWorkbook('x.xlsx', await workbook(long), [], limits({ maxCellChars: 100 })),
    );
    expect(cell.code).toBe('IMPORT_CELL_TOO_LONG');
    expect(cell.details).toMatchObject({
      setting: 'IMPORT_MAX_CELL_CHARS',
      limit: 100,
      row: 2,
      column: 'statement',
      value: 101,
    });
  });

  it('refuses a row number far past the cap before reading on (sparse rows)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('results');
    ws.addRow(header);
    ws.getRow(50).values = ['A-1', 'Lejos'];
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const error = await refusal(readWorkbook('x.xlsx', buffer, [], limits({ maxRows: 10 })));
    expect(error.code).toBe('IMPORT_TOO_MANY_ROWS');
    expect(error.details).toMatchObject({ row: 50 });
  });

  it('unknown sheets are refused; a missing header row means missing columns', async () => {
    expect(
      (await refusal(readWorkbook('x.xlsx', await workbook([header], 'Hoja1'), []))).code,
    ).toBe('IMPORT_UNKNOWN_SHEETS');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('results').getRow(3).values = header;
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await refusal(readWorkbook('x.xlsx', buffer, []))).code).toBe('IMPORT_MISSING_COLUMNS');
  });
});

describe('readImportFiles (IATI nesting)', () => {
  it('refuses XML nested deeper than MAX_XML_DEPTH before parsing it', async () => {
    const { readImportFiles } = await import('./read-files');
    const deep = `<?xml version="1.0"?><iati-activities version="2.03">${'<a>'.repeat(100)}${'</a>'.repeat(100)}</iati-activities>`;
    const error = await refusal(
      readImportFiles('iati', [{ name: 'deep.xml', data: Buffer.from(deep) }], '2026-01-01'),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('NESTING_TOO_DEEP');
    expect(error.details).toMatchObject({ file: 'deep.xml', maxDepth: 64 });
  });
});
