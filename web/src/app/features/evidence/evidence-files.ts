import type { ApiError } from '../../core/api/api-error';

/** What the file pickers offer (the API decides by content; this only filters the chooser). */
export const EVIDENCE_ACCEPT = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.gif',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.doc',
  '.xls',
  '.ppt',
].join(',');

/** Most files one upload may carry (the API refuses more with EVIDENCE_TOO_MANY_FILES). */
export const MAX_FILES = 5;

/** "1.4 MB", "820 kB", "12 B" in the page's locale. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The API's message, with the file name and the limit when the error carries them. */
export function uploadErrorText(err: ApiError, locale: string): string {
  const details = (err.rawDetails ?? {}) as { fileName?: string | null; maxBytes?: number };
  const parts = [err.message];
  if (details.fileName) parts.push(`(${details.fileName})`);
  if (err.code === 'EVIDENCE_TOO_LARGE' && typeof details.maxBytes === 'number')
    parts.push(
      $localize`:@@evidence.maxSize:Máximo por archivo: ${formatSize(details.maxBytes, locale)}:size:.`,
    );
  return parts.join(' ');
}

/** Files from a drop or a picker, at most {@link MAX_FILES}. */
export function pickFiles(list: FileList | readonly File[] | null | undefined): File[] {
  return Array.from(list ?? []).slice(0, MAX_FILES);
}
