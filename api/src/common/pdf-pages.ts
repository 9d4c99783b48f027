/**
 * Header and footer on every sheet of a buffered PDFKit document (`bufferPages: true`): `header`
 * at the top left, `footer(page, pages)` at the bottom right, in small grey type outside the
 * margins. Used by the project sheet and the board report.
 */
export function stampPages(
  doc: PDFKit.PDFDocument,
  width: number,
  header: string,
  footer: (page: number, pages: number) => string,
  colour = '#666666',
): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { top, bottom, left } = doc.page.margins;
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(colour);
    doc.text(header, left, 28, { width, lineBreak: false });
    doc.text(footer(i + 1, range.count), left, doc.page.height - 40, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.top = top;
    doc.page.margins.bottom = bottom;
  }
}
