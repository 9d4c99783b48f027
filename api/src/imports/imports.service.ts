import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { RateLimiter } from '../auth/rate-limiter.service';
import { AppError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImportPlanDto } from './dto/import-plan.dto';
import { applyPlan, planImport, PlanResult } from './import-engine';
import {
  ImportFileKind,
  ImportInput,
  ImportLimits,
  MAX_REPORTED_ISSUES,
  MAX_REPORTED_ROWS,
} from './import-model';
import { ImportRunner } from './import-runner';
import type { UploadedImportFile } from './read-files';

/** One import at a time for the whole database: plans and writes see the same data. */
export const IMPORT_LOCK = `hashtext('coopera.imports')`;

@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limiter: RateLimiter,
    private readonly runner: ImportRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /**
   * Reads the files of an import of `kind` in a worker thread (ImportRunner); hostile,
   * malformed or oversized files throw a 4xx here.
   */
  read(kind: ImportFileKind, files: UploadedImportFile[]): Promise<ImportInput> {
    return this.runner.read(kind, files, new Date().toISOString().slice(0, 10), {
      limits: this.limits(),
    });
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
   * Plans (dry run) or applies an import. A real import runs in one transaction under an
   * advisory lock: any error → 400 IMPORT_INVALID with the same report as the dry run and
   * nothing written; otherwise every change, its audit rows and one audit entry for the import
   * (files, checksums, counts) are committed together. At most IMPORT_CONCURRENCY imports
   * read and plan at once; the others wait their turn (429 IMPORT_BUSY after
   * IMPORT_QUEUE_WAIT_MS).
   */
  run(
    kind: ImportFileKind,
    files: UploadedImportFile[],
    dryRun: boolean,
    actor: Actor,
  ): Promise<ImportPlanDto> {
    return this.runner.gate(() => this.runNow(kind, files, dryRun, actor));
  }

  private async runNow(
    kind: ImportFileKind,
    files: UploadedImportFile[],
    dryRun: boolean,
    actor: Actor,
  ): Promise<ImportPlanDto> {
    const started = Date.now();
    const meta = files.map((f) => ({
      name: f.name,
      bytes: f.data.length,
      sha256: createHash('sha256').update(f.data).digest('hex'),
    }));
    const input = await this.read(kind, files);
    const report = (plan: PlanResult, applied: boolean, importId?: string): ImportPlanDto => ({
      kind,
      dryRun,
      applied,
      ...(importId ? { importId } : {}),
      files: meta,
      counts: plan.counts,
      byTable: plan.byTable,
      rows: plan.rows.slice(0, MAX_REPORTED_ROWS),
      rowsTruncated: plan.rows.length > MAX_REPORTED_ROWS,
      errors: plan.issues.slice(0, MAX_REPORTED_ISSUES),
      errorCount: plan.issues.length,
      warnings: input.warnings.slice(0, MAX_REPORTED_ISSUES),
      elapsedMs: Date.now() - started,
    });
    if (dryRun) {
      return this.dataSource.transaction('REPEATABLE READ', async (m) => {
        await m.query('SET TRANSACTION READ ONLY');
        return report(await planImport(m, input), false);
      });
    }
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const plan = await planImport(m, input);
      if (plan.issues.length)
        throw new AppError(
          HttpStatus.BAD_REQUEST,
          'IMPORT_INVALID',
          report(plan, false) as unknown as Record<string, unknown>,
        );
      await applyPlan(m, plan, actor);
      const importId = randomUUID();
      await m.query(
        `INSERT INTO audit_log (actor_id, actor_email, operation, entity, entity_id, action_id, before, after, request_id)
         VALUES ($1, $2, 'create', 'import', $3, NULL, NULL, $4::jsonb, $5)`,
        [
          actor.id,
          actor.email,
          importId,
          JSON.stringify({ kind, files: meta, counts: plan.counts, byTable: plan.byTable }),
          actor.requestId,
        ],
      );
      return report(plan, true, importId);
    });
  }
}
