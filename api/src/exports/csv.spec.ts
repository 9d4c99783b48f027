import { csvCell, csvRows } from './csv';

describe('CSV writing', () => {
  it('quotes commas, quotes and every kind of line break (RFC 4180), CRLF between rows', () => {
    expect(
      csvRows([
        ['a', 'b,c', 'd"e'],
        ['x\ny', 'x\ry', 'x\r\ny'],
      ]),
    ).toBe('a,"b,c","d""e"\r\n"x\ny","x\ry","x\r\ny"\r\n');
  });

  it('escapes formula-looking text with a quote mark and quotes it; typed cells stay as they are', () => {
    const cells = [
      csvCell('=HYPERLINK("http://x")', 'text'),
      csvCell('-5', 'number'),
      csvCell('+52 33', 'text'),
      csvCell(null, 'text'),
      csvCell(['agua', 'clima'], 'text'),
    ];
    expect(csvRows([cells])).toBe(`"'=HYPERLINK(""http://x"")",-5,"'+52 33",,agua; clima\r\n`);
  });
});
