import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { actionConditions } from '../actions/action-filters';
import { SqlParams } from '../common/sql-scope';
import type { ActionFilterDto } from '../actions/dto/action-filter.dto';
import type { MilestoneType } from '../actions/action.model';
import type { Milestone } from '../actions/parts.entities';
import { PartsWriter } from '../actions/parts.writer';
import { AuditService } from '../audit/audit.service';
import type { Actor, AuthUser } from '../auth/auth-user';
import { AppError, FieldError, Locale } from '../common/errors';
import { assertVersion, VersionedWriter } from '../common/versioned-write';
import { ActionStage } from './action-stage.entity';
import { addMonths, MILESTONE_TEMPLATES } from './milestone-templates';
import type { ProgressSchemeDto, StageInput } from './progress.dto';
import {
  DEFAULT_PROGRESS_SCHEME,
  PROGRESS_SETTING_KEY,
  PROGRESS_STAGES,
  progressLateral,
  ProgressScheme,
  type ProgressStage,
  schemeSql,
} from './progress.model';

export interface ProgressFigure {
  percent: number;
  /** The last stage of the consecutive run reached (null: none). */
  stage: ProgressStage | null;
  label: string;
  labelEs: string;
  labelEn: string;
  colour: string;
}

interface ProgressRow {
  percent: number;
  stage: ProgressStage | null;
  label_es: string | null;
  label_en: string | null;
  colour: string | null;
}

const invalid = (errors: FieldError[]) =>
  new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', errors);

export const figureOf = (r: ProgressRow, lang: Locale): ProgressFigure => ({
  percent: Number(r.percent),
  stage: r.stage,
  label: (lang === 'en' ? r.label_en : r.label_es) ?? '',
  labelEs: r.label_es ?? '',
  labelEn: r.label_en ?? '',
  colour: r.colour ?? '#9e9e9e',
});

/** Progress of actions from their stages, computed by PostgreSQL from the current settings. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly parts: PartsWriter,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
  ) {}

  async scheme(): Promise<ProgressScheme> {
    const rows: { v: ProgressScheme }[] = await this.dataSource.query(
      `SELECT ${schemeSql('$1')} AS v`,
      [JSON.stringify(DEFAULT_PROGRESS_SCHEME)],
    );
    return rows[0].v;
  }

  /** Weights: the five stages once each, in order, summing 100; levels: strictly ascending from 0. */
  validateScheme(s: ProgressSchemeDto): void {
    const errors: FieldError[] = [];
    s.stages.forEach((st, i) => {
      if (st.stage !== PROGRESS_STAGES[i])
        errors.push({
          field: `stages[${i}].stage`,
          code: 'order',
          message: `Las etapas van en orden: ${PROGRESS_STAGES.join(', ')}.`,
        });
    });
    const sum = s.stages.reduce((acc, st) => acc + st.weight, 0);
    if (sum !== 100)
      errors.push({
        field: 'stages',
        code: 'sum',
        message: `Los pesos deben sumar 100 (suman ${sum}).`,
      });
    if (s.levels[0]?.min !== 0)
      errors.push({
        field: 'levels[0].min',
        code: 'min',
        message: 'El primer nivel empieza en 0.',
      });
    s.levels.forEach((l, i) => {
      if (i > 0 && l.min <= s.levels[i - 1].min)
        errors.push({
          field: `levels[${i}].min`,
          code: 'ascending',
          message: 'Los niveles deben ir en orden ascendente.',
        });
    });
    if (errors.length) throw invalid(errors);
  }

  async saveScheme(actor: Actor, s: ProgressSchemeDto): Promise<ProgressScheme> {
    this.validateScheme(s);
    const value: ProgressScheme = {
      stages: s.stages.map(({ stage, weight }) => ({ stage, weight })),
      levels: s.levels.map(({ min, labelEs, labelEn, colour }) => ({
        min,
        labelEs,
        labelEn,
        colour,
      })),
    };
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.schemeIn(m);
      await m.query(
        `INSERT INTO app_settings (key, value, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [PROGRESS_SETTING_KEY, JSON.stringify(value)],
      );
      await this.audit.record(m, actor, {
        operation: 'update',
        entity: 'setting',
        entityId: PROGRESS_SETTING_KEY,
        before,
        after: value,
      });
      return value;
    });
  }

  private async schemeIn(m: EntityManager): Promise<ProgressScheme> {
    const rows: { v: ProgressScheme }[] = await m.query(`SELECT ${schemeSql('$1')} AS v`, [
      JSON.stringify(DEFAULT_PROGRESS_SCHEME),
    ]);
    return rows[0].v;
  }

  /** Progress of one action the user may see (404 otherwise). */
  async progress(id: string, user: AuthUser, lang: Locale): Promise<ProgressFigure> {
    const params = new SqlParams();
    const where = actionConditions({ archived: true }, user, params);
    const rows: ProgressRow[] = await this.dataSource.query(
      `SELECT p.* FROM actions a, ${progressLateral('a', params.add(JSON.stringify(DEFAULT_PROGRESS_SCHEME)))} p
       WHERE a.id = ${params.add(id)} AND ${where}`,
      params.values,
    );
    if (!rows[0]) throw AppError.notFound('ACTION_NOT_FOUND');
    return figureOf(rows[0], lang);
  }

  /** Progress of several actions by id (no scoping: callers have checked access). */
  async progressOf(m: EntityManager, ids: string[], lang: Locale) {
    const rows: (ProgressRow & { id: string })[] = await m.query(
      `SELECT a.id, p.* FROM actions a, ${progressLateral('a', '$2')} p WHERE a.id = ANY($1::uuid[])`,
      [ids, JSON.stringify(DEFAULT_PROGRESS_SCHEME)],
    );
    return new Map(rows.map((r) => [r.id, figureOf(r, lang)]));
  }

  /** How many of the filtered actions sit at each level (every level listed, even empty). */
  async distribution(filter: ActionFilterDto, user: AuthUser, lang: Locale) {
    const params = new SqlParams();
    const where = actionConditions(filter, user, params);
    const def = params.add(JSON.stringify(DEFAULT_PROGRESS_SCHEME));
    const rows: {
      min: number;
      label_es: string;
      label_en: string;
      colour: string;
      count: number;
    }[] = await this.dataSource.query(
      `WITH counted AS (
         SELECT p.min, count(*)::int AS n FROM actions a, ${progressLateral('a', def)} p
         WHERE ${where} GROUP BY p.min
       )
       SELECT (l->>'min')::int AS min, l->>'labelEs' AS label_es, l->>'labelEn' AS label_en,
              l->>'colour' AS colour, coalesce(c.n, 0)::int AS count
       FROM jsonb_array_elements(${schemeSql(def)}->'levels') l
       LEFT JOIN counted c ON c.min = (l->>'min')::int
       ORDER BY (l->>'min')::int`,
      params.values,
    );
    const levels = rows.map((r) => ({
      min: r.min,
      label: lang === 'en' ? r.label_en : r.label_es,
      labelEs: r.label_es,
      labelEn: r.label_en,
      colour: r.colour,
      count: r.count,
    }));
    return { total: levels.reduce((a, l) => a + l.count, 0), levels };
  }

  private async assertVisible(id: string) {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM actions WHERE id = $1`, [
      id,
    ]);
    if (!rows.length) throw AppError.notFound('ACTION_NOT_FOUND');
  }

  async stages(actionId: string): Promise<ActionStage[]> {
    await this.assertVisible(actionId);
    return this.dataSource.getRepository(ActionStage).find({
      where: { actionId },
      order: { reachedOn: 'ASC' },
    });
  }

  addStage(actor: Actor, actionId: string, input: StageInput): Promise<ActionStage> {
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      const dup: unknown[] = await m.query(
        `SELECT 1 FROM action_stages WHERE action_id = $1 AND stage = $2`,
        [actionId, input.stage],
      );
      if (dup.length) throw new AppError(HttpStatus.CONFLICT, 'STAGE_EXISTS');
      const repo = m.getRepository(ActionStage);
      const saved = await repo.save(repo.create({ ...input, actionId }));
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'action_stage',
        entityId: saved.id,
        actionId,
        after: saved,
      });
      return saved;
    });
  }

  updateStage(
    actor: Actor,
    actionId: string,
    id: string,
    input: Partial<StageInput>,
    version: number,
  ): Promise<ActionStage> {
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      const repo = m.getRepository(ActionStage);
      const before = await repo.findOne({ where: { id, actionId } });
      if (!before) throw AppError.notFound('RECORD_NOT_FOUND');
      assertVersion(before, version);
      if (input.stage && input.stage !== before.stage) {
        const dup: unknown[] = await m.query(
          `SELECT 1 FROM action_stages WHERE action_id = $1 AND stage = $2`,
          [actionId, input.stage],
        );
        if (dup.length) throw new AppError(HttpStatus.CONFLICT, 'STAGE_EXISTS');
      }
      const changes: Partial<StageInput> = {};
      for (const key of ['stage', 'reachedOn', 'evidenceUrl', 'evidenceDate', 'notes'] as const)
        if (key in input) Object.assign(changes, { [key]: input[key] });
      return this.versioned.updateRow(m, actor, {
        entity: ActionStage,
        target: { entity: 'action_stage', actionId },
        before,
        changes,
        version,
      });
    });
  }

  removeStage(actor: Actor, actionId: string, id: string, version?: number): Promise<void> {
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      const before = await m.getRepository(ActionStage).findOne({ where: { id, actionId } });
      if (!before) throw AppError.notFound('RECORD_NOT_FOUND');
      await this.versioned.removeRow(m, actor, {
        entity: ActionStage,
        target: { entity: 'action_stage', actionId },
        before,
        version,
      });
    });
  }

  /** Plans the lifecycle milestones of the action's kind, skipping types it already has. */
  fromTemplate(actor: Actor, actionId: string, startDate?: string) {
    return inTransaction(this.dataSource, async (m) => {
      await this.parts.lockAction(m, actionId);
      const [action]: {
        kind: keyof typeof MILESTONE_TEMPLATES;
        start: string | null;
      }[] = await m.query(
        `SELECT kind, to_char(coalesce(planned_start, actual_start, current_date), 'YYYY-MM-DD') AS start
         FROM actions WHERE id = $1`,
        [actionId],
      );
      const present = new Set(
        (
          (await m.query(`SELECT DISTINCT type FROM milestones WHERE action_id = $1`, [
            actionId,
          ])) as { type: string }[]
        ).map((r) => r.type),
      );
      const start = startDate ?? action.start ?? new Date().toISOString().slice(0, 10);
      const created: Milestone[] = [];
      const skipped: MilestoneType[] = [];
      for (const step of MILESTONE_TEMPLATES[action.kind] ?? []) {
        if (present.has(step.type)) {
          skipped.push(step.type);
          continue;
        }
        present.add(step.type);
        created.push(
          (await this.parts.add(m, actor, 'milestones', actionId, {
            type: step.type,
            title: step.title,
            plannedDate: addMonths(start, step.months),
            datePrecision: 'day',
          })) as Milestone,
        );
      }
      return { created, skipped };
    });
  }
}
