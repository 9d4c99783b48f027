import { inflateSync } from 'node:zlib';

/**
 * The text drawn in a PDF written by pdfkit (the board report): every content stream inflated,
 * the hex strings of its TJ/Tj operators decoded (pdfkit's standard fonts are WinAnsi, read
 * here as Latin-1). Lines are joined without separators inside a stream; streams end with a
 * newline. Same reading as `pdfText` in api/test/support/pdf-text.ts (no imports across Nx projects).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  let text = '';
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const data = Buffer.from(raw.slice(start, end), 'latin1');
    let content: string;
    try {
      content = inflateSync(data).toString('latin1');
    } catch {
      content = data.toString('latin1');
    }
    for (const hex of content.match(/<([0-9a-fA-F]+)>/g) ?? []) {
      text += Buffer.from(hex.slice(1, -1), 'hex').toString('latin1');
    }
    text += '\n';
  }
  return text;
}
