import { HttpStatus, Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, ErrorCode } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { DatabaseOptions } from '../db/data-source';
import type { ImportPlanDto } from './dto/import-plan.dto';
import type { ImportRequest } from './import-run';
import type { ImportAnswer, ImportJob } from './import-worker';
import type { UploadedImportFile } from './read-files';

/** What import-worker.ts posts once loaded (not imported: that module belongs to the thread). */
const READY = 'ready';

/**
 * Where the worker's code is. Built: dist/api/import-worker.js, the second webpack entry beside
 * main.js. From the TypeScript sources (Jest, ts-node): import-worker.ts through ts-node, which
 * the worker registers itself (threads do not inherit the parent's require hooks).
 */
function workerSource(): { code: string; eval: boolean; execArgv?: string[] } {
  if (!__filename.endsWith('.ts'))
    return { code: join(__dirname, 'import-worker.js'), eval: false };
  const project = join(__dirname, '..', '..', 'tsconfig.app.json');
  const entry = join(__dirname, 'import-worker.ts');
  return {
    eval: true,
    execArgv: [],
    code: [
      `const tsNode = require(require.resolve('ts-node', { paths: [${JSON.stringify(__dirname)}] }));`,
      `if (!process[Symbol.for('ts-node.register.instance')])`,
      `  tsNode.register({ transpileOnly: true, project: ${JSON.stringify(project)} });`,
      `require(${JSON.stringify(entry)});`,
    ].join('\n'),
  };
}

/**
 * Runs imports in worker threads, and lets only IMPORT_CONCURRENCY imports at a time through
 * {@link gate} (the rest wait up to IMPORT_QUEUE_WAIT_MS, then 429 IMPORT_BUSY with
 * Retry-After). A worker has IMPORT_WORKER_HEAP_MB of heap and IMPORT_READ_TIMEOUT_MS to read
 * the files: beyond either it is stopped (its transaction, if any, rolls back) and the import
 * answers 413 IMPORT_READ_OUT_OF_MEMORY or 400 IMPORT_READ_TIMEOUT, while the API's thread goes
 * on serving. Reading, planning and writing all happen in the worker, so that a large file never
 * blocks the event loop. Idle workers are kept for the next import (at most one per slot, with
 * one database connection each) and never keep the process alive.
 */
@Injectable()
export class ImportRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: { grant: () => void; refuse: (e: AppError) => void }[] = [];
  private running = 0;
  private nextId = 1;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Runs `work` when a slot is free (IMPORT_CONCURRENCY); 429 IMPORT_BUSY after the wait. */
  async gate<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /**
   * Runs one import (read, plan, apply) in a worker thread with its own connection to
   * `database`; the same report (or AppError) as runImport. The read timeout stops at the end
   * of reading; planning and writing are bounded by the database's statement timeout.
   */
  async run(request: ImportRequest, database: DatabaseOptions): Promise<ImportPlanDto> {
    const { files } = request;
    const worker = this.idle.pop() ?? (await this.spawn(files));
    worker.ref();
    const job: ImportJob = {
      ...request,
      id: this.nextId++,
      files: files.map((f) => ({ name: f.name, data: f.data })),
      database: { ...database, poolSize: 1 },
    };
    return new Promise<ImportPlanDto>((resolve, reject) => {
      let settled = false;
      const settle = (keep: boolean, outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (keep) this.putBack(worker);
        else this.discard(worker);
        outcome();
      };
      const onMessage = (answer: ImportAnswer) => {
        if (answer.id !== job.id) return;
        if ('read' in answer) return clearTimeout(timer);
        settle(true, () => {
          if ('report' in answer) resolve(answer.report);
          else if ('error' in answer)
            reject(
              new AppError(
                answer.error.status,
                answer.error.code as ErrorCode,
                answer.error.details as Record<string, unknown> | undefined,
                answer.error.headers,
              ),
            );
          else reject(new Error(`The import worker failed: ${answer.failure}`));
        });
      };
      const onError = (error: Error & { code?: string }) =>
        settle(false, () => reject(this.failure(error, files)));
      const onExit = (code: number) =>
        settle(false, () => reject(new Error(`The import worker exited (code ${code})`)));
      const timer = setTimeout(
        () =>
          settle(false, () =>
            reject(
              new AppError(HttpStatus.BAD_REQUEST, 'IMPORT_READ_TIMEOUT', {
                files: files.map((f) => f.name),
                setting: 'IMPORT_READ_TIMEOUT_MS',
                limit: this.config.importReadTimeoutMs,
              }),
            ),
          ),
        this.config.importReadTimeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(job);
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.refuse(this.busy());
    await Promise.all([...this.all].map((w) => w.terminate().catch(() => undefined)));
    this.all.clear();
    this.idle.length = 0;
  }

  /** A new worker, once it has loaded its code (it then says READY). */
  private spawn(files: UploadedImportFile[]): Promise<Worker> {
    const source = workerSource();
    const worker = new Worker(source.code, {
      eval: source.eval,
      ...(source.execArgv ? { execArgv: source.execArgv } : {}),
      resourceLimits: { maxOldGenerationSizeMb: this.config.importWorkerHeapMb },
    });
    this.all.add(worker);
    // A worker that fails must not take the process with it: it is only dropped.
    worker.on('error', (error) => this.logger.warn(`Import worker stopped: ${error.message}`));
    worker.on('exit', () => {
      this.all.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
    });
    return new Promise<Worker>((resolve, reject) => {
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: unknown) => {
        if (message !== READY) return;
        done();
        this.logger.debug(
          `Import worker started (${source.eval ? 'TypeScript sources' : source.code})`,
        );
        resolve(worker);
      };
      const onError = (error: Error & { code?: string }) => {
        done();
        this.discard(worker);
        reject(this.failure(error, files));
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`The import worker exited while starting (code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  /** A worker's death as the import's answer: out of heap → 413; anything else stays a 500. */
  private failure(error: Error & { code?: string }, files: UploadedImportFile[]): Error {
    if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
    return new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'IMPORT_READ_OUT_OF_MEMORY', {
      files: files.map((f) => f.name),
      setting: 'IMPORT_WORKER_HEAP_MB',
      limit: this.config.importWorkerHeapMb,
    });
  }

  private putBack(worker: Worker): void {
    if (this.closed || this.idle.length >= this.config.importConcurrency) {
      this.discard(worker);
      return;
    }
    worker.unref();
    this.idle.push(worker);
  }

  private discard(worker: Worker): void {
    this.all.delete(worker);
    void worker.terminate().catch(() => undefined);
  }

  private acquire(): Promise<void> {
    if (this.closed) return Promise.reject(this.busy());
    if (this.running < this.config.importConcurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
        refuse: (error: AppError) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(this.busy());
      }, this.config.importQueueWaitMs);
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.grant();
    else this.running--;
  }

  private busy(): AppError {
    const seconds = Math.max(1, Math.ceil(this.config.importQueueWaitMs / 1000));
    return new AppError(
      HttpStatus.TOO_MANY_REQUESTS,
      'IMPORT_BUSY',
      {
        setting: 'IMPORT_CONCURRENCY',
        limit: this.config.importConcurrency,
        waitedMs: this.config.importQueueWaitMs,
      },
      { 'Retry-After': String(seconds) },
    );
  }
}
