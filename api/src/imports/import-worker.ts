/**
 * The worker thread that reads import files (a second webpack entry: dist/api/import-worker.js).
 * It receives one job at a time from ImportRunner, runs the pure readImportFiles and answers with
 * the parsed input or the AppError it threw (status, code, details), so that a hostile file costs
 * this thread's heap (IMPORT_WORKER_HEAP_MB) and time, never the API's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../common/errors';
import type { ImportFileKind, ImportInput, ReadImportOptions } from './import-model';
import { readImportFiles } from './read-files';

export interface ReadJob {
  id: number;
  kind: ImportFileKind;
  files: { name: string; data: Uint8Array }[];
  today: string;
  options: ReadImportOptions;
}

export type ReadAnswer =
  | { id: number; input: ImportInput }
  | {
      id: number;
      error: { status: number; code: string; details?: unknown; headers?: Record<string, string> };
    }
  | { id: number; failure: string };

async function answer(job: ReadJob): Promise<ReadAnswer> {
  try {
    const files = job.files.map((f) => ({
      name: f.name,
      data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
    }));
    return { id: job.id, input: await readImportFiles(job.kind, files, job.today, job.options) };
  } catch (error) {
    if (error instanceof AppError)
      return {
        id: job.id,
        error: {
          status: error.status,
          code: error.code,
          details: error.details,
          headers: error.headers,
        },
      };
    return { id: job.id, failure: (error as Error)?.stack ?? String(error) };
  }
}

parentPort?.on('message', (job: ReadJob) => {
  void answer(job).then((a) => {
    try {
      parentPort?.postMessage(a);
    } catch (error) {
      parentPort?.postMessage({ id: job.id, failure: String(error) });
    }
  });
});
