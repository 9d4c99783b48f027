import PDFDocument from 'pdfkit';
import { emojiFontPath, fontRuns, isEmoji, withFallbackFonts } from './pdf-fonts';

async function render(write: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = withFallbackFonts(new PDFDocument({ size: 'A4', compress: false }));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );
  write(doc);
  doc.end();
  return done;
}

describe('PDF text outside the body font', () => {
  it('splits emoji into their own runs and substitutes what no font has, visibly', () => {
    expect(fontRuns('Colectivo 🌳🇲🇽 → Medellín ✅', isEmoji)).toEqual([
      { text: 'Colectivo ', emoji: false },
      { text: '🌳🇲🇽', emoji: true },
      { text: ' -> Medellín ', emoji: false },
      { text: '✅', emoji: true },
    ]);
    expect(fontRuns('Ꙃ 👍🏽‍', isEmoji)).toEqual([
      { text: '[U+A642] ', emoji: false },
      { text: '👍🏽', emoji: true },
    ]);
    expect(fontRuns('sin fuente 🌳', () => false)).toEqual([
      { text: 'sin fuente [U+1F333]', emoji: false },
    ]);
  });

  it('embeds Noto Emoji from the npm package and keeps the body text in Helvetica', async () => {
    expect(emojiFontPath()).not.toBeNull();
    const pdf = await render((doc) =>
      doc.font('Helvetica-Bold').text('Colectivo 🌳🇲🇽 → fin', 56, 56, { width: 300 }),
    );
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoEmoji/);
    expect(raw).toContain('/BaseFont /Helvetica-Bold');
    const text = [...raw.matchAll(/<([0-9a-f]+)>/g)]
      .map((m) => Buffer.from(m[1], 'hex').toString('latin1'))
      .join('');
    expect(text).toContain('Colectivo ');
    expect(text).toContain(' -> fin');
  });
});
