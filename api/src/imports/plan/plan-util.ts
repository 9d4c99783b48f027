import type { Counts, ImportLocation } from '../import-model';

export const zero = (): Counts => ({ create: 0, update: 0, unchanged: 0, delete: 0 });
/** Text comparison key: Unicode-normalised, trimmed, lower case. */
export const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
/** `iati-activity[3]/transaction[2]/value` → `iati-activity[3]`. */
export const activityPath = (path: string | undefined) => path?.split('/')[0] ?? '';
/** `iati-activity[3]` → 3. */
export const activityIndex = (path: string) => Number(/\[(\d+)\]/.exec(path)?.[1] ?? 0);

/** A location as a reader names it: "actions.csv, row 4" or "traits.xml, iati-activity[2]". */
export function describe(l: ImportLocation): string {
  return [l.file, l.sheet, l.row ? `row ${l.row}` : null, l.path].filter(Boolean).join(', ');
}

/** The values of `cols` that `v` holds (absent and undefined left out). */
export function pick(v: Record<string, unknown>, cols: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of cols) if (c in v && v[c] !== undefined) out[c] = v[c];
  return out;
}
