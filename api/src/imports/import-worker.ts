/**
 * The worker thread that runs imports (a second webpack entry: dist/api/import-worker.js). It
 * receives one job at a time from ImportRunner: reads the files (readImportFiles), plans them
 * against the database and, for a real import, applies them, through its own small connection
 * pool. It answers with the report or the AppError it threw (status, code, details, headers), so
 * that a hostile or huge file costs this thread's heap (IMPORT_WORKER_HEAP_MB) and time, never
 * the API's event loop.
 */
import { parentPort } from 'node:worker_threads';
import type { DataSource } from 'typeorm';
import { mapDatabaseError } from '../common/db-errors';
import { AppError } from '../common/errors';
import { createDataSource, DatabaseOptions } from '../db/data-source';
import type { ImportPlanDto } from './dto/import-plan.dto';
import { ImportRequest, runImport } from './import-run';

export interface ImportJob extends Omit<ImportRequest, 'files'> {
  id: number;
  files: { name: string; data: Uint8Array }[];
  database: DatabaseOptions;
}

export type ImportAnswer =
  /** The files are read (the read timeout stops here). */
  | { id: number; read: true }
  | { id: number; report: ImportPlanDto }
  | {
      id: number;
      error: { status: number; code: string; details?: unknown; headers?: Record<string, string> };
    }
  | { id: number; failure: string };

let database: Promise<DataSource> | undefined;

function connect(options: DatabaseOptions): Promise<DataSource> {
  database ??= createDataSource(options)
    .initialize()
    .catch((error: unknown) => {
      database = undefined;
      throw error;
    });
  return database;
}

async function answer(job: ImportJob, post: (a: ImportAnswer) => void): Promise<ImportAnswer> {
  try {
    const files = job.files.map((f) => ({
      name: f.name,
      data: Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength),
    }));
    const ds = await connect(job.database);
    const report = await runImport(ds, { ...job, files }, () => post({ id: job.id, read: true }));
    return { id: job.id, report };
  } catch (thrown) {
    const error = thrown instanceof AppError ? thrown : mapDatabaseError(thrown);
    if (error)
      return {
        id: job.id,
        error: {
          status: error.status,
          code: error.code,
          details: error.details,
          headers: error.headers,
        },
      };
    return { id: job.id, failure: (thrown as Error)?.stack ?? String(thrown) };
  }
}

const post = (a: ImportAnswer) => {
  try {
    parentPort?.postMessage(a);
  } catch (error) {
    parentPort?.postMessage({ id: a.id, failure: String(error) });
  }
};

parentPort?.on('message', (job: ImportJob) => {
  void answer(job, post).then(post);
});
// Loaded: ImportRunner counts the read timeout from here.
parentPort?.postMessage('ready');
