import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '../common/errors';
import { extensionOf, sanitiseFileName } from './file-name';
import {
  ALLOWED_EXTENSIONS,
  claimsEvidenceType,
  declaredTypeAgrees,
  EVIDENCE_KINDS,
  EvidenceKind,
  kindOfExtension,
  sniffKind,
} from './file-type';

/** A file as the client sent it. */
export interface IncomingFile {
  declaredName: string;
  declaredType: string;
  content: Buffer;
}

/** A file accepted for storage: safe name, sniffed type, checksum. */
export interface InspectedFile {
  fileName: string;
  mediaType: string;
  kind: EvidenceKind;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

/**
 * Extensions that name some other kind of file: a PDF called `acta.html` or a program called
 * `acta.pdf` is refused as disguised. Other suffixes ("Acta 14.12.2023", "v1.2") are not
 * extensions; such names get the extension of their content appended.
 */
const FOREIGN_EXTENSIONS = new Set(
  (
    'htm html xhtml shtml mht mhtml svg svgz xml xsl js mjs cjs ts json css php asp aspx jsp ' +
    'exe dll com bat cmd sh bash ps1 psm1 vbs vbe wsf wsh hta lnk scr cpl msi msp pif reg jar ' +
    'apk app dmg iso img bin elf so dylib class py pyc rb pl lua ' +
    'zip rar 7z gz tgz bz2 xz tar cab ' +
    'txt csv tsv rtf md eml msg ics vcf ' +
    'bmp tif tiff heic heif ico avif raw psd ai eps ' +
    'mp3 mp4 m4a mov avi mkv wav ogg webm flac ' +
    'docm dotx dotm xlsm xltx xltm xlsb pptm potx potm ppsx ppsm odg odf otp ots ott ' +
    'pages numbers key'
  ).split(' '),
);

const mismatch = (details: Record<string, unknown>) =>
  new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'EVIDENCE_TYPE_MISMATCH', details);

/**
 * Decides whether a file may be kept as evidence, by its CONTENT: the sniffed kind must be
 * allowed, and the declared extension and Content-Type must agree with it. Throws the API error
 * for the first problem; returns the safe name, the sniffed media type and the SHA-256.
 */
export async function inspectFile(file: IncomingFile): Promise<InspectedFile> {
  if (file.declaredName.includes('\u0000')) {
    throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', [
      {
        field: 'file',
        code: 'noNulCharacter',
        message: 'El nombre del archivo contiene un carácter no permitido (NUL).',
      },
    ]);
  }
  if (!file.content.length) throw new AppError(HttpStatus.BAD_REQUEST, 'EVIDENCE_FILE_REQUIRED');
  const safeName = sanitiseFileName(file.declaredName);
  const ext = extensionOf(safeName);
  const extKind = kindOfExtension(ext);
  const kind = await sniffKind(file.content);
  const details = {
    fileName: safeName || null,
    declaredType: file.declaredType || null,
    detectedType: kind ? EVIDENCE_KINDS[kind].mediaType : null,
    allowedExtensions: ALLOWED_EXTENSIONS,
  };
  if (!kind) {
    const claimsAllowed = extKind !== null || claimsEvidenceType(file.declaredType);
    if (claimsAllowed) throw mismatch(details);
    throw new AppError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'EVIDENCE_TYPE_NOT_ALLOWED', details);
  }
  if ((extKind && extKind !== kind) || (!extKind && FOREIGN_EXTENSIONS.has(ext)))
    throw mismatch(details);
  if (!declaredTypeAgrees(file.declaredType, kind)) throw mismatch(details);
  const canonical = EVIDENCE_KINDS[kind].extensions[0];
  const fileName = extKind ? safeName : sanitiseFileName(`${safeName || 'evidencia'}.${canonical}`);
  return {
    fileName,
    mediaType: EVIDENCE_KINDS[kind].mediaType,
    kind,
    sizeBytes: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
  };
}
