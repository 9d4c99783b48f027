import { readCsv } from './csv-read';

describe('readCsv', () => {
  it('reads the export format: BOM, CRLF, quoted fields with commas, quotes and line breaks', () => {
    const text = '\uFEFFcode,title_es\r\nA-1,"Uno, dos"\r\nA-2,"Dice ""hola""\r\ny sigue"\r\n';
    const { rows, lines, error } = readCsv(text);
    expect(error).toBeUndefined();
    expect(rows).toEqual([
      ['code', 'title_es'],
      ['A-1', 'Uno, dos'],
      ['A-2', 'Dice "hola"\r\ny sigue'],
    ]);
    expect(lines).toEqual([1, 2, 3]);
  });

  it('accepts LF line ends, skips blank lines and keeps empty fields', () => {
    expect(readCsv('a,b\n\n1,\n').rows).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
  });

  it('reports an unterminated quote and a stray quote with their line', () => {
    expect(readCsv('a\n"open\n').error).toEqual({ line: 2, code: 'unterminated_quote' });
    expect(readCsv('a,b\nx"y,1\n').error).toEqual({ line: 2, code: 'stray_quote' });
  });
});

describe('readCsv caps', () => {
  it('stops at the first row, column or cell past its cap, with the line', () => {
    expect(readCsv('a\n1\n2\n3\n', { maxRows: 3 }).error).toEqual({
      line: 4,
      code: 'too_many_rows',
    });
    expect(readCsv('a\n1\n2\n', { maxRows: 3 }).error).toBeUndefined();
    expect(readCsv('a,b\n1,2,3\n', { maxColumns: 2 }).error).toEqual({
      line: 2,
      code: 'too_many_columns',
      column: 3,
    });
    // Trailing empty fields past the cap are not values.
    expect(readCsv('a,b\n1,2,,\n', { maxColumns: 2 }).error).toBeUndefined();
    expect(readCsv('a\n"xxxx"\n', { maxCellChars: 3 }).error).toEqual({
      line: 2,
      code: 'cell_too_long',
      column: 1,
      length: 4,
    });
  });
});
