import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../auth/auth-user';
import { RateLimiter } from '../auth/rate-limiter.service';
import { APP_CONFIG, AppConfig, DATABASE_URL } from '../config/app-config';
import { ImportPlanDto } from './dto/import-plan.dto';
import type { Atomicity } from './import-engine';
import { ImportFileKind, ImportLimits } from './import-model';
import { ImportRunner } from './import-runner';
import type { UploadedImportFile } from './read-files';

export { IMPORT_LOCK } from './import-run';

@Injectable()
export class ImportsService {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly runner: ImportRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  /** Counts one import for the user; 429 with Retry-After over IMPORT_RATE_LIMIT per hour. */
  async consumeRate(userId: string): Promise<void> {
    await this.limiter.consume([
      {
        key: `import:user:${userId}`,
        rule: { limit: this.config.importRateLimit, windowSeconds: 3600 },
      },
    ]);
  }

  /** The IMPORT_MAX_* caps of the configuration. */
  limits(): ImportLimits {
    return {
      maxUncompressedBytes: this.config.importMaxUncompressedBytes,
      maxRows: this.config.importMaxRows,
      maxColumns: this.config.importMaxColumns,
      maxCellChars: this.config.importMaxCellChars,
    };
  }

  /**
   * Plans (dry run) or applies an import (see runImport), in a worker thread. At most
   * IMPORT_CONCURRENCY imports run at once; the others wait their turn (429 IMPORT_BUSY after
   * IMPORT_QUEUE_WAIT_MS).
   */
  run(
    kind: ImportFileKind,
    files: UploadedImportFile[],
    dryRun: boolean,
    actor: Actor,
    atomicity: Atomicity = 'file',
  ): Promise<ImportPlanDto> {
    const request = {
      kind,
      files,
      dryRun,
      actor,
      atomicity,
      today: new Date().toISOString().slice(0, 10),
      options: { limits: this.limits(), iati: { ownPrefix: this.config.iatiReportingOrgRef } },
    };
    return this.runner.gate(() =>
      this.runner.run(request, {
        url: this.databaseUrl,
        parallelWorkers: this.config.dbParallelWorkers,
        timeoutMs: this.config.dbTimeoutMs,
      }),
    );
  }
}
