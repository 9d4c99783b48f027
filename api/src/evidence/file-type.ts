import { fileTypeFromBuffer } from 'file-type';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

/** The kinds of evidence file Coopera keeps, each decided by its content. */
export const EVIDENCE_KINDS = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'] },
  png: { mediaType: 'image/png', extensions: ['png'] },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  gif: { mediaType: 'image/gif', extensions: ['gif'] },
  webp: { mediaType: 'image/webp', extensions: ['webp'] },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
  },
  pptx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  odp: { mediaType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'] },
  doc: { mediaType: 'application/msword', extensions: ['doc'] },
  xls: { mediaType: 'application/vnd.ms-excel', extensions: ['xls'] },
  ppt: { mediaType: 'application/vnd.ms-powerpoint', extensions: ['ppt'] },
} as const;

export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

/** Extensions a user may name evidence with (for the file picker's accept attribute and docs). */
export const ALLOWED_EXTENSIONS = Object.values(EVIDENCE_KINDS).flatMap((k) => [...k.extensions]);

const OFFICE_KINDS = new Set<EvidenceKind>([
  'docx',
  'xlsx',
  'pptx',
  'odt',
  'ods',
  'odp',
  'doc',
  'xls',
  'ppt',
]);
const ZIP_KINDS = new Set<EvidenceKind>(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

const startsWith = (buf: Buffer, bytes: number[], offset = 0) =>
  buf.length >= offset + bytes.length && bytes.every((b, i) => buf[offset + i] === b);

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether the UTF-16LE name of an OLE2 stream occurs in the compound file's directory. */
function hasOleStream(buf: Buffer, name: string): boolean {
  return buf.includes(Buffer.from(`${name}\u0000`, 'utf16le'));
}

/** Legacy Office: the compound file must hold the application's main stream (MSI and others do not). */
function sniffOle2(buf: Buffer): EvidenceKind | null {
  if (hasOleStream(buf, 'WordDocument')) return 'doc';
  if (hasOleStream(buf, 'Workbook') || hasOleStream(buf, 'Book')) return 'xls';
  if (hasOleStream(buf, 'PowerPoint Document')) return 'ppt';
  return null;
}

const ODF: Record<string, EvidenceKind> = {
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/** Reads the zip's central directory (never inflating more than the tiny ODF `mimetype` entry). */
async function sniffZip(buf: Buffer): Promise<EvidenceKind | null> {
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, z) =>
        err || !z ? reject(err ?? new Error('no zip')) : resolve(z),
      ),
    );
  } catch {
    return null;
  }
  const names = new Set<string>();
  let mimetypeEntry: Entry | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: Entry) => {
        names.add(entry.fileName);
        if (entry.fileName === 'mimetype' && entry.uncompressedSize < 200) mimetypeEntry = entry;
        if (names.size > 20000) return reject(new Error('too many entries'));
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
    const mimetype: Entry | null = mimetypeEntry;
    if (mimetype) {
      const text = await new Promise<string>((resolve, reject) =>
        zip.openReadStream(mimetype, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('ascii').trim()));
          stream.on('error', reject);
        }),
      );
      if (ODF[text] && names.has('META-INF/manifest.xml')) return ODF[text];
    }
  } catch {
    return null;
  } finally {
    zip.close();
  }
  if (!names.has('[Content_Types].xml')) return null;
  // Macro-enabled documents (vbaProject.bin) are refused: evidence must not carry code.
  const has = (prefix: string) =>
    [...names].some((n) => n.startsWith(prefix)) && !names.has(`${prefix}vbaProject.bin`);
  if (names.has('word/document.xml') && has('word/')) return 'docx';
  if (names.has('xl/workbook.xml') && has('xl/')) return 'xlsx';
  if (names.has('ppt/presentation.xml') && has('ppt/')) return 'pptx';
  return null;
}

/** What the `file-type` package calls the kinds it decides for us (ai and apng are PDF and PNG). */
const FILE_TYPE_KINDS: Record<string, EvidenceKind> = {
  pdf: 'pdf',
  ai: 'pdf',
  png: 'png',
  apng: 'png',
  jpg: 'jpeg',
  gif: 'gif',
  webp: 'webp',
};

/**
 * The kind of a file decided by its bytes alone. Magic numbers come from the `file-type`
 * package; our own rules stay on top for the two containers, which are read before file-type
 * sees them: an OLE2 compound file must hold the application's main stream, and a zip must be
 * a real OOXML/ODF document by its central directory (macro-enabled ones refused).
 */
export async function sniffKind(buf: Buffer): Promise<EvidenceKind | null> {
  if (startsWith(buf, OLE2)) return sniffOle2(buf);
  if (startsWith(buf, ZIP)) return sniffZip(buf);
  const found = await fileTypeFromBuffer(buf);
  return (found && FILE_TYPE_KINDS[found.ext]) ?? null;
}

/** The kind an extension names, if it is one of ours. */
export function kindOfExtension(ext: string): EvidenceKind | null {
  for (const [kind, def] of Object.entries(EVIDENCE_KINDS)) {
    if ((def.extensions as readonly string[]).includes(ext)) return kind as EvidenceKind;
  }
  return null;
}

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/x-zip'];

/** Declared types that say nothing about the content (browsers send them for unknown files). */
const NEUTRAL_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * Whether the Content-Type the client declared for the part agrees with the sniffed kind.
 * Office files arrive with many vendor types (and zip types for OOXML/ODF), so those families
 * are accepted for office content; anything else (text/html, executables, another image type)
 * disagrees.
 */
export function declaredTypeAgrees(declared: string | undefined, kind: EvidenceKind): boolean {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (NEUTRAL_TYPES.has(type) || type === EVIDENCE_KINDS[kind].mediaType) return true;
  if (kind === 'jpeg' && (type === 'image/jpg' || type === 'image/pjpeg')) return true;
  if (kind === 'pdf' && (type === 'application/x-pdf' || type === 'application/acrobat'))
    return true;
  if (OFFICE_KINDS.has(kind)) {
    if (
      type.startsWith('application/vnd.ms-') ||
      type.startsWith('application/vnd.openxmlformats-') ||
      type.startsWith('application/vnd.oasis.opendocument.') ||
      type === 'application/msword' ||
      type === 'application/x-msword' ||
      type === 'application/x-ole-storage' ||
      type === 'application/cdfv2'
    )
      return !type.includes('macroenabled');
    if (ZIP_KINDS.has(kind)) return ZIP_TYPES.includes(type);
  }
  return false;
}

/** Whether a declared Content-Type names one of the allowed kinds (not a neutral type). */
export function claimsEvidenceType(declared: string | undefined): boolean {
  const type = (declared ?? '').split(';')[0].trim().toLowerCase();
  if (NEUTRAL_TYPES.has(type) || ZIP_TYPES.includes(type)) return false;
  return (Object.keys(EVIDENCE_KINDS) as EvidenceKind[]).some((k) => declaredTypeAgrees(type, k));
}
