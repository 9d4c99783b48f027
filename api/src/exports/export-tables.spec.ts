import { EXPORT_TABLES, HEADER_LABELS, TABLE_LABELS, TABLES } from './export-tables';

describe('the people’s tables', () => {
  it('label every column and sheet in Spanish and English', () => {
    const missing = EXPORT_TABLES.flatMap((table) =>
      TABLES[table].columns
        .filter((c) => !HEADER_LABELS[c.header]?.es || !HEADER_LABELS[c.header]?.en)
        .map((c) => `${table}.${c.header}`),
    );
    expect(missing).toEqual([]);
    for (const table of EXPORT_TABLES) expect(TABLE_LABELS[table].es).toBeTruthy();
  });
});
