/** Longest stored name, in characters (extension included). */
export const MAX_FILE_NAME_LENGTH = 150;

// C0/C1 controls, bidirectional overrides/isolates (they spoof "fdp.exe" as "exe.pdf"),
// zero-width characters and the byte-order mark.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Reserved on Windows, macOS or in HTTP headers.
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/i;

/** The extension of a name (lower case, without the dot), or '' when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Cuts `text` to `max` characters (code points, so accents and emoji are never split). */
function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? chars.slice(0, max).join('') : text;
}

/**
 * A file name safe to store and to send back in Content-Disposition: the last path segment
 * (slashes and backslashes), NFC, without control/invisible or reserved characters, leading
 * dots or trailing dots and spaces, not a Windows device name, at most
 * {@link MAX_FILE_NAME_LENGTH} characters with the extension kept. Spanish accents, ñ and
 * spaces stay. Returns '' when nothing usable remains (the caller names the file itself).
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize('NFC').replace(INVISIBLE, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name.replace(RESERVED, '_').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
  if (!name || /^_*$/.test(name)) return '';
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if ([...name].length > MAX_FILE_NAME_LENGTH) {
    const ext = extensionOf(name);
    const keep = ext && ext.length <= 10 ? `.${ext}` : '';
    const stem = keep ? name.slice(0, -keep.length) : name;
    name = `${cut(stem, MAX_FILE_NAME_LENGTH - keep.length).replace(/[\s.]+$/, '')}${keep}`;
  }
  return name;
}
