import { expect } from '@playwright/test';
import { parse } from 'csv-parse/sync';

/** What every exported file must look like, by format. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function expectPdf(bytes: Buffer): void {
  expect(bytes.length, 'PDF size').toBeGreaterThan(1000);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

/** XLSX is a ZIP archive: local file header signature "PK\x03\x04". */
export function expectXlsx(bytes: Buffer): void {
  expect(bytes.length, 'XLSX size').toBeGreaterThan(1000);
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
}

/** Checks the BOM and the header row's first column; returns the rows (header first). */
export function expectCsv(bytes: Buffer, firstColumn: string): string[][] {
  expect(bytes.length, 'CSV size').toBeGreaterThan(3);
  expect([...bytes.subarray(0, 3)], 'UTF-8 byte order mark').toEqual([...UTF8_BOM]);
  const rows = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(rows.length, 'at least the header row').toBeGreaterThan(0);
  expect(rows[0][0]).toBe(firstColumn);
  return rows;
}

/** The IATI file: the root element and its activities' identifiers. */
export function iatiIdentifiers(bytes: Buffer): string[] {
  const xml = bytes.toString('utf8');
  expect(xml).toContain('<iati-activities');
  return [...xml.matchAll(/<iati-identifier>([^<]+)<\/iati-identifier>/g)].map((m) => m[1]);
}

/** RFC 4180 (csv-parse): quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  return parse(text) as string[][];
}

/** The values of `column` in the data rows (header excluded). */
export function column(rows: string[][], name: string): string[] {
  const index = rows[0].indexOf(name);
  expect(index, `column ${name} in ${rows[0].join(',')}`).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[index]);
}

/** A small, valid one-page PDF (the API checks the content, not the name). */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
