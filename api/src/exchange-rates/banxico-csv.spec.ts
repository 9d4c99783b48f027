import { parseBanxicoCsv } from './banxico-csv';

describe('parseBanxicoCsv', () => {
  it('reads the SIE download: title lines, quoted dd/mm/yyyy dates, N/E skipped', () => {
    const parsed = parseBanxicoCsv(
      [
        '\uFEFF"Banco de México"',
        '"Fecha","SF43718"',
        '"02/01/1992","3.0710"',
        '"03/01/1992","N/E"',
        '1992-01-06;3.0801',
        '',
      ].join('\r\n'),
    );
    expect(parsed).toEqual({
      rates: [
        { line: 3, rateDate: '1992-01-02', rateToMxn: '3.071000' },
        { line: 5, rateDate: '1992-01-06', rateToMxn: '3.080100' },
      ],
      errors: [],
      skipped: 1,
      lines: 5,
    });
  });

  it('keeps a quoted title with commas and a line break in one field (RFC 4180)', () => {
    // SIE puts the series description in one quoted cell; it may hold commas and line breaks,
    // even a date range. Split on commas and lines, its second line read as a bad rate.
    const parsed = parseBanxicoCsv(
      [
        '"Título","Tipo de cambio pesos por dólar E.U.A.',
        '01/01/1992, 31/12/1992 (fecha de determinación, FIX)"',
        '"Fecha","SF43718"',
        '"02/01/1992","3.0710"',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rates).toEqual([{ line: 4, rateDate: '1992-01-02', rateToMxn: '3.071000' }]);
  });

  it('reports bad lines with their physical line numbers', () => {
    const parsed = parseBanxicoCsv(
      '02/01/1992,3.0799\n\n08/01/1992,abc\n31/02/1992,3.1\n09/01/1992,"3.1\n',
    );
    expect(parsed.rates).toHaveLength(1);
    expect(parsed.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'invalid_rate'],
      [4, 'invalid_date'],
      [5, 'invalid_line'],
    ]);
  });
});
