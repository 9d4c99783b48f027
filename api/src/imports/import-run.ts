import { HttpStatus } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/auth-user';
import { AppError } from '../common/errors';
import type { ImportPlanDto } from './dto/import-plan.dto';
import { applyPlan, Atomicity, planImport, PlanResult } from './import-engine';
import {
  ImportFileKind,
  MAX_REPORTED_ISSUES,
  MAX_REPORTED_ROWS,
  ReadImportOptions,
} from './import-model';
import { readImportFiles, UploadedImportFile } from './read-files';

/** One import of an upload, as import-worker.ts receives it (plain data). */
export interface ImportRequest {
  kind: ImportFileKind;
  files: UploadedImportFile[];
  dryRun: boolean;
  actor: Actor;
  /** YYYY-MM-DD: the day the readers date what a file leaves undated. */
  today: string;
  options: ReadImportOptions;
  /** IATI: the unit of all-or-nothing (default: the whole file). */
  atomicity?: Atomicity;
}

/** One import at a time for the whole database: plans and writes see the same data. */
export const IMPORT_LOCK = `hashtext('coopera.imports')`;

/**
 * Reads, plans (dry run) or applies one import. A real import runs in one transaction under an
 * advisory lock: any error → 400 IMPORT_INVALID with the same report as the dry run and nothing
 * written; otherwise every change, its audit rows and one audit entry for the import (files,
 * checksums, counts) are committed together. `onRead` is called once the files are read.
 */
export async function runImport(
  ds: DataSource,
  request: ImportRequest,
  onRead: () => void = () => undefined,
): Promise<ImportPlanDto> {
  const { kind, files, dryRun, actor } = request;
  const started = Date.now();
  const meta = files.map((f) => ({
    name: f.name,
    bytes: f.data.length,
    sha256: createHash('sha256').update(f.data).digest('hex'),
  }));
  const input = await readImportFiles(kind, files, request.today, request.options);
  onRead();
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
    ...(plan.activities.length ? { activities: plan.activities } : {}),
    ...(plan.skipped.length ? { skipped: plan.skipped.slice(0, MAX_REPORTED_ISSUES) } : {}),
    elapsedMs: Date.now() - started,
  });
  if (dryRun) {
    return ds.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      return report(await planImport(m, input, { atomicity: request.atomicity }), false);
    });
  }
  return ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`);
    const plan = await planImport(m, input, { atomicity: request.atomicity });
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
