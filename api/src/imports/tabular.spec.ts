import { IMPORT_COLUMNS } from './import-spec';
import { convertCell, tableOfFile, unescapeFormula } from './tabular';

const col = (table: keyof typeof IMPORT_COLUMNS, header: string) => {
  const c = IMPORT_COLUMNS[table].find((x) => x.header === header);
  if (!c) throw new Error(header);
  return c;
};

describe('import cells', () => {
  it("undoes the export's formula escaping only in front of a formula character", () => {
    expect(unescapeFormula("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unescapeFormula("'-5")).toBe('-5');
    expect(unescapeFormula("'hola'")).toBe("'hola'");
    expect(convertCell(col('actions', 'title_es'), '=HYPERLINK("x")')).toEqual({
      value: '=HYPERLINK("x")',
    });
  });

  it('reads dates from text, workbook dates (UTC) and Excel serial numbers', () => {
    const day = col('actions', 'planned_start');
    expect(convertCell(day, '2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(convertCell(day, new Date(Date.UTC(2024, 1, 29)))).toEqual({ value: '2024-02-29' });
    expect(convertCell(day, 45351)).toEqual({ value: '2024-02-29' });
    expect(convertCell(day, '2023-02-29')).toMatchObject({ code: 'invalid_date' });
    expect(convertCell(day, '')).toEqual({ value: null });
  });

  it('checks money, SDGs, lists, enums and currencies', () => {
    expect(convertCell(col('funding', 'amount'), 1500000.5)).toEqual({ value: '1500000.5' });
    expect(convertCell(col('funding', 'amount'), '12.345')).toMatchObject({
      code: 'invalid_amount',
    });
    expect(convertCell(col('funding', 'amount'), '-3')).toMatchObject({ code: 'negative_amount' });
    expect(convertCell(col('actions', 'sdgs'), '11; 13')).toEqual({ value: [11, 13] });
    expect(convertCell(col('actions', 'sdgs'), '18')).toMatchObject({ code: 'invalid_sdg' });
    expect(convertCell(col('actions', 'themes'), 'movilidad; ; genero')).toEqual({
      value: ['movilidad', 'genero'],
    });
    expect(convertCell(col('actions', 'status'), 'done')).toMatchObject({ code: 'invalid_value' });
    expect(convertCell(col('funding', 'currency'), 'XYZ')).toMatchObject({
      code: 'invalid_currency',
    });
  });

  it('finds the table of a CSV by its file name', () => {
    expect(tableOfFile('coopera-funding-2026-01-31.csv')).toBe('funding');
    expect(tableOfFile('actions.csv')).toBe('actions');
    expect(tableOfFile('coopera-participations-2026-01-31.csv')).toBe('participations');
    expect(tableOfFile('datos.csv')).toBeUndefined();
  });
});
