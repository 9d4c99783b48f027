import { HttpStatus, Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, ErrorCode } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { ImportFileKind, ImportInput, ReadImportOptions } from './import-model';
import type { ReadAnswer, ReadJob } from './import-worker';
import type { UploadedImportFile } from './read-files';

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
 * Runs the reading of import files in worker threads, and lets only IMPORT_CONCURRENCY imports
 * at a time through {@link gate} (the rest wait up to IMPORT_QUEUE_WAIT_MS, then 429 IMPORT_BUSY
 * with Retry-After). A worker has IMPORT_WORKER_HEAP_MB of heap and IMPORT_READ_TIMEOUT_MS per
 * read: beyond either it is stopped and the import answers 413 IMPORT_READ_OUT_OF_MEMORY or 400
 * IMPORT_READ_TIMEOUT, while the API's thread goes on serving. Idle workers are kept for the next
 * import (at most one per slot) and never keep the process alive.
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

  /** Reads the files in a worker thread; the same result (or AppError) as readImportFiles. */
  read(
    kind: ImportFileKind,
    files: UploadedImportFile[],
    today: string,
    options: ReadImportOptions,
  ): Promise<ImportInput> {
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    const job: ReadJob = {
      id: this.nextId++,
      kind,
      files: files.map((f) => ({ name: f.name, data: f.data })),
      today,
      options,
    };
    return new Promise<ImportInput>((resolve, reject) => {
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
      const onMessage = (answer: ReadAnswer) => {
        if (answer.id !== job.id) return;
        settle(true, () => {
          if ('input' in answer) resolve(answer.input);
          else if ('error' in answer)
            reject(
              new AppError(
                answer.error.status,
                answer.error.code as ErrorCode,
                answer.error.details as Record<string, unknown> | undefined,
                answer.error.headers,
              ),
            );
          else reject(new Error(`The import reader failed: ${answer.failure}`));
        });
      };
      const onError = (error: Error & { code?: string }) =>
        settle(false, () =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new AppError(HttpStatus.PAYLOAD_TOO_LARGE, 'IMPORT_READ_OUT_OF_MEMORY', {
                  files: files.map((f) => f.name),
                  setting: 'IMPORT_WORKER_HEAP_MB',
                  limit: this.config.importWorkerHeapMb,
                })
              : error,
          ),
        );
      const onExit = (code: number) =>
        settle(false, () => reject(new Error(`The import reader exited (code ${code})`)));
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

  private spawn(): Worker {
    const source = workerSource();
    const worker = new Worker(source.code, {
      eval: source.eval,
      ...(source.execArgv ? { execArgv: source.execArgv } : {}),
      resourceLimits: { maxOldGenerationSizeMb: this.config.importWorkerHeapMb },
    });
    this.all.add(worker);
    // An idle worker that fails must not take the process with it: it is only dropped.
    worker.on('error', (error) => this.logger.warn(`Import reader stopped: ${error.message}`));
    worker.on('exit', () => {
      this.all.delete(worker);
      const i = this.idle.indexOf(worker);
      if (i >= 0) this.idle.splice(i, 1);
    });
    this.logger.debug(
      `Import reader started (${source.eval ? 'TypeScript sources' : source.code})`,
    );
    return worker;
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
