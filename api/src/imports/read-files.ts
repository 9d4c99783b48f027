import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors';
import { MAX_XML_DEPTH, xmlDepthExceeds } from '../common/nesting';
import { readIati } from './iati-import';
import {
  ImportFileKind,
  ImportInput,
  ImportIssue,
  ImportLimits,
  ReadImportOptions,
} from './import-model';
import { DEFAULT_IMPORT_LIMITS, tooLargeUncompressed, tooManyRows } from './read-limits';
import { readCsvTable } from './tabular';
import { readWorkbook } from './xlsx-read';
import { inspectZip, ZIP_LIMITS } from './zip-guard';

export interface UploadedImportFile {
  name: string;
  data: Buffer;
}

/**
 * Reads the files of an import of `kind` into plain data (no database, no shared state), so it
 * can run off the request thread (import-worker.ts). Hostile or malformed files throw an AppError
 * (4xx) here; files past `options.limits` (IMPORT_MAX_*) too. The result is structured-clone
 * safe. `today` (YYYY-MM-DD) is the day the reader dates what the file leaves undated.
 */
export async function readImportFiles(
  kind: ImportFileKind,
  files: UploadedImportFile[],
  today: string,
  options: ReadImportOptions = {},
): Promise<ImportInput> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const input = await readFiles(kind, files, today, limits, options);
  for (const table of input.tables)
    if (table.rows.length > limits.maxRows)
      throw tooManyRows(limits, { file: table.file, sheet: table.sheet });
  return input;
}

async function readFiles(
  kind: ImportFileKind,
  files: UploadedImportFile[],
  today: string,
  limits: ImportLimits,
  options: ReadImportOptions = {},
): Promise<ImportInput> {
  if (!files.length) throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_NO_FILE');
  const issues: ImportIssue[] = [];
  if (kind === 'csv') {
    const tables = files.map((f) => readCsvTable(f.name, f.data, issues, limits));
    return { kind, tables, issues, warnings: [] };
  }
  if (files.length > 1)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_NO_FILE', {
      reason: 'one file only',
      files: files.map((f) => f.name),
    });
  const [file] = files;
  if (kind === 'iati') {
    if (file.data.length > limits.maxUncompressedBytes)
      throw tooLargeUncompressed(limits, { file: file.name }, file.data.length);
    // A deep document is refused before the parser recurses into it (other files: readIati
    // tells what they are).
    const text = file.data.toString('utf8');
    if (/^\uFEFF?\s*</.test(text.slice(0, 256)) && xmlDepthExceeds(text, MAX_XML_DEPTH))
      throw new AppError(HttpStatus.BAD_REQUEST, 'NESTING_TOO_DEEP', {
        file: file.name,
        maxDepth: MAX_XML_DEPTH,
      });
    return readIati(file.name, file.data, today, options);
  }
  const problem = await inspectZip(file.data, {
    ...ZIP_LIMITS,
    maxUncompressedBytes: limits.maxUncompressedBytes,
  });
  if (problem?.code === 'IMPORT_TOO_LARGE_UNCOMPRESSED')
    throw tooLargeUncompressed(limits, { file: file.name, entry: problem.entry }, problem.value);
  if (problem) {
    const { code, ...details } = problem;
    throw new AppError(
      code === 'IMPORT_WRONG_FILE_TYPE'
        ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
        : HttpStatus.BAD_REQUEST,
      code,
      {
        file: file.name,
        ...details,
        ...(code === 'IMPORT_WRONG_FILE_TYPE' ? { expected: 'xlsx' } : {}),
      },
    );
  }
  const tables = await readWorkbook(file.name, file.data, issues, limits);
  return { kind, tables, issues, warnings: [] };
}
