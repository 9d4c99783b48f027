import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/errors';
import { readIati } from './iati-import';
import { ImportFileKind, ImportInput, ImportIssue } from './import-model';
import { readCsvTable, readWorkbook } from './tabular';
import { inspectZip } from './zip-guard';

export interface UploadedImportFile {
  name: string;
  data: Buffer;
}

/**
 * Reads the files of an import of `kind` into plain data (no database, no shared state), so it
 * can run off the request thread. Hostile or malformed files throw an AppError (4xx) here.
 * `today` (YYYY-MM-DD) is the day the reader dates what the file leaves undated.
 */
export async function readImportFiles(
  kind: ImportFileKind,
  files: UploadedImportFile[],
  today: string,
): Promise<ImportInput> {
  if (!files.length) throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_NO_FILE');
  const issues: ImportIssue[] = [];
  if (kind === 'csv') {
    const tables = files.map((f) => readCsvTable(f.name, f.data, issues));
    return { kind, tables, issues, warnings: [] };
  }
  if (files.length > 1)
    throw new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_NO_FILE', {
      reason: 'one file only',
      files: files.map((f) => f.name),
    });
  const [file] = files;
  if (kind === 'iati') return readIati(file.name, file.data, today);
  const problem = await inspectZip(file.data);
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
  const tables = await readWorkbook(file.name, file.data, issues);
  return { kind, tables, issues, warnings: [] };
}
