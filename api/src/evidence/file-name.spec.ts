import { asciiFileName, attachment } from '../common/content-disposition';
import { extensionOf, sanitiseFileName } from './file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['Minuta del taller.pdf', 'Minuta del taller.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\Informe año 2019.docx', 'Informe año 2019.docx'],
    ['C:\\..\\', ''],
    ['....', ''],
    ['.htaccess', 'htaccess'],
    ['  acta final .pdf.  ', 'acta final .pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['nul.pdf', '_nul.pdf'],
    ['COM1', '_COM1'],
    ['acta\u0007\u001b[31m.pdf', 'acta[31m.pdf'],
    ['informe\u202Efdp.exe', 'informefdp.exe'],
    ['zero\u200Bwidth.pdf', 'zerowidth.pdf'],
    ['___', ''],
  ])('%j → %j', (raw, expected) => {
    expect(sanitiseFileName(raw)).toBe(expected);
  });

  it('composes decomposed accents (NFC) and keeps ñ', () => {
    const nfd = 'Reunión en Peñasco.pdf'.normalize('NFD');
    expect(sanitiseFileName(nfd)).toBe('Reunión en Peñasco.pdf'.normalize('NFC'));
  });

  it('cuts long names to 150 characters keeping the extension and whole characters', () => {
    const name = sanitiseFileName(`${'ñandú 🌳 '.repeat(40)}.xlsx`);
    expect([...name].length).toBeLessThanOrEqual(150);
    expect(name.endsWith('.xlsx')).toBe(true);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no split surrogate pair
  });
});

describe('download headers', () => {
  it('finds the extension', () => {
    expect(extensionOf('Acta.Final.PDF')).toBe('pdf');
    expect(extensionOf('sin-extension')).toBe('');
  });

  it('writes an ASCII fallback and an RFC 5987 filename*', () => {
    expect(asciiFileName('Año "2019" 100%.pdf')).toBe('Ano _2019_ 100_.pdf');
    expect(attachment("Minuta (año 2019)'s.pdf")).toBe(
      `attachment; filename="Minuta (ano 2019)'s.pdf"; filename*=UTF-8''Minuta%20%28a%C3%B1o%202019%29%27s.pdf`,
    );
    // A plain ASCII name needs no filename* (every browser reads filename= as it is).
    expect(attachment('coopera-acciones-2024-01-02.csv')).toBe(
      'attachment; filename="coopera-acciones-2024-01-02.csv"',
    );
  });
});
