import { promisify } from 'node:util';
import * as yauzl from 'yauzl';

/** Limits for a workbook (a zip of XML parts) before anything decompresses it for real. */
export const ZIP_LIMITS = {
  /** A workbook of six sheets has about 15 entries. */
  maxEntries: 1000,
  /** Total uncompressed size of every entry (IMPORT_MAX_UNCOMPRESSED_BYTES). */
  maxUncompressedBytes: 64 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of any entry (deflate peaks near 1032:1 on zeros). */
  maxRatio: 400,
} as const;

export type ZipProblem =
  | { code: 'IMPORT_WRONG_FILE_TYPE' }
  | { code: 'IMPORT_CORRUPT_FILE'; reason: string }
  | { code: 'IMPORT_TOO_LARGE_UNCOMPRESSED'; entry: string; limit: number; value: number }
  | {
      code: 'IMPORT_ZIP_BOMB';
      reason: 'entries' | 'ratio' | 'encrypted';
      entry?: string;
      limit: number;
      value: number;
    };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What the directory entry says that refuses the file (encrypted, too large, too compressed). */
function entryProblem(
  entry: yauzl.Entry,
  total: number,
  limits: { maxUncompressedBytes: number; maxRatio: number },
): ZipProblem | null {
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.isEncrypted())
    return {
      code: 'IMPORT_ZIP_BOMB',
      reason: 'encrypted',
      entry: entry.fileName,
      limit: 0,
      value: 1,
    };
  if (total > limits.maxUncompressedBytes)
    return {
      code: 'IMPORT_TOO_LARGE_UNCOMPRESSED',
      entry: entry.fileName,
      limit: limits.maxUncompressedBytes,
      value: total,
    };
  if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)
    return {
      code: 'IMPORT_ZIP_BOMB',
      reason: 'ratio',
      entry: entry.fileName,
      limit: limits.maxRatio,
      value: Math.round(ratio),
    };
  return null;
}

/** Inflates every entry once; yauzl errors the stream when the size differs from the declared. */
async function inflateAll(zip: yauzl.ZipFile, entries: yauzl.Entry[]): Promise<ZipProblem | null> {
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const _chunk of stream) {
        // Only the count matters.
      }
    } catch (error) {
      return { code: 'IMPORT_CORRUPT_FILE', reason: (error as Error).message };
    }
  }
  return null;
}

/**
 * Reads the central directory of `buffer` with yauzl and refuses, before exceljs sees a byte:
 * more than maxEntries entries, more than maxUncompressedBytes in total (413), an entry compressed more
 * than maxRatio times, or encrypted entries. Then inflates every entry once as a stream, counting
 * bytes, so that sizes the directory under-declares are caught too (yauzl validateEntrySizes).
 * Returns null when the file may be read.
 */
export async function inspectZip(
  buffer: Buffer,
  limits: { maxEntries: number; maxUncompressedBytes: number; maxRatio: number } = ZIP_LIMITS,
): Promise<ZipProblem | null> {
  if (buffer.length < 22 || !buffer.subarray(0, 4).equals(ZIP_MAGIC))
    return { code: 'IMPORT_WRONG_FILE_TYPE' };
  let zip: yauzl.ZipFile;
  try {
    zip = await promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer)(buffer, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    return { code: 'IMPORT_CORRUPT_FILE', reason: (error as Error).message };
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return {
      code: 'IMPORT_ZIP_BOMB',
      reason: 'entries',
      limit: limits.maxEntries,
      value: zip.entryCount,
    };
  }
  const entries: yauzl.Entry[] = [];
  const problem = await new Promise<ZipProblem | null>((resolve) => {
    let total = 0;
    zip.on('error', (error: Error) =>
      resolve({ code: 'IMPORT_CORRUPT_FILE', reason: error.message }),
    );
    zip.on('end', () => resolve(null));
    zip.on('entry', (entry: yauzl.Entry) => {
      total += entry.uncompressedSize;
      const found = entryProblem(entry, total, limits);
      if (found) return resolve(found);
      entries.push(entry);
      zip.readEntry();
    });
    zip.readEntry();
  });
  if (problem) {
    zip.close();
    return problem;
  }
  // The directory passed: inflate each entry once, as a stream, against its declared size.
  const inflated = await inflateAll(zip, entries);
  zip.close();
  return inflated;
}
