import contentDisposition from 'content-disposition';

/** ASCII fallback for the plain `filename=` parameter (accents folded, the rest replaced). */
export function asciiFileName(name: string): string {
  const folded = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  return folded || 'archivo';
}

/**
 * The one `Content-Disposition: attachment` of the API (RFC 6266 through the `content-disposition`
 * package): `filename="<ascii>"`, plus `filename*=UTF-8''<percent-encoded>` when the name is not
 * plain ASCII (accents, ñ, emoji), so every browser saves the file under its real name.
 */
export function attachment(fileName: string): string {
  return contentDisposition(fileName, { fallback: asciiFileName(fileName) });
}
