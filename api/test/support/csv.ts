import { parse } from 'csv-parse/sync';

/** The rows of an RFC 4180 table (quoted fields may hold commas, doubled quotes and line breaks). */
export function csvRows(text: string): string[][] {
  return parse(text, { bom: true }) as string[][];
}

/** The data rows of a table as objects keyed by the header row's names. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = csvRows(text);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}
