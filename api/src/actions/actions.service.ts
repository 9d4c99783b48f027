import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError, FieldError } from '../common/errors';
import { VersionedWriter } from '../common/versioned-write';
import { TODAY_SQL } from '../dashboard/dashboard-sql';
import { Action } from './action.entity';
import { actionConditions, SqlParams } from './action-filters';
import { ActionListQueryDto, CreateActionDto, UpdateActionDto } from './dto/action.dto';
import type { ReportingCurrency } from '../money/money';
import {
  ActionDetailDto,
  ActionMoneyDto,
  ActionPageDto,
  ActionSummaryDto,
  FundingDto,
  HistoryDto,
  MilestoneDto,
  ParticipationDto,
  ResultDto,
} from './dto/action-response.dto';
import { PartsWriter } from './parts.writer';
import { ThemesService } from '../themes/themes.service';
import {
  DEFAULT_PROGRESS_SCHEME,
  progressLateral,
  progressPercentsSql,
} from '../progress/progress.model';

/** The default progress scheme as a SQL literal (a constant: no user input). */
const DEFAULT_SCHEME_SQL = `'${JSON.stringify(DEFAULT_PROGRESS_SCHEME).replace(/'/g, "''")}'`;
import {
  EVIDENCE_COLUMNS,
  EVIDENCE_FROM,
  EvidenceDto,
  withoutUploader,
} from '../evidence/evidence.dto';

/** Sorts by a key figure of the action's money, converted to the list's currency. */
const MONEY_SORTS = new Set(['committed', 'executed', 'ceilings']);

const SORT_COLUMNS: Record<string, string> = {
  code: 'a.code',
  titleEs: 'a.title_es',
  status: 'a.status',
  kind: 'a.kind',
  updatedAt: 'a.updated_at',
  actualStart: 'a.actual_start',
  plannedStart: 'a.planned_start',
};

export const MILESTONE_STATUS_SQL = (m = 'm') =>
  `CASE WHEN ${m}.actual_date IS NOT NULL THEN 'done' WHEN ${m}.planned_date < ${TODAY_SQL} THEN 'late' ELSE 'planned' END`;

/** Open milestones of action `a` whose planned date has passed (Mexico City calendar). */
export const OVERDUE_COUNT_SQL = (a = 'a') =>
  `(SELECT count(*)::int FROM milestones m WHERE m.action_id = ${a}.id AND m.actual_date IS NULL AND m.planned_date < ${TODAY_SQL})`;

const SUMMARY_COLUMNS = `a.id, a.code, a.kind, a.title_es AS "titleEs", a.title_en AS "titleEn", a.status,
  a.institute_role AS "instituteRole", a.modality, a.themes, a.municipalities, a.sdgs::int[] AS sdgs,
  to_char(a.planned_start, 'YYYY-MM-DD') AS "plannedStart", to_char(a.planned_end, 'YYYY-MM-DD') AS "plannedEnd",
  to_char(a.actual_start, 'YYYY-MM-DD') AS "actualStart", to_char(a.actual_end, 'YYYY-MM-DD') AS "actualEnd",
  a.version, a.updated_at AS "updatedAt", a.archived_at AS "archivedAt",
  coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'acronym', o.acronym, 'role', p.role)
                             ORDER BY p.role, o.name)
              FROM participations p JOIN organisations o ON o.id = p.organisation_id
             WHERE p.action_id = a.id), '[]') AS partners,
  ${OVERDUE_COUNT_SQL('a')} AS "overdueMilestones",
  (SELECT json_build_object('percent', p.percent, 'stage', p.stage, 'labelEs', coalesce(p.label_es, ''),
                            'labelEn', coalesce(p.label_en, ''), 'colour', coalesce(p.colour, '#9e9e9e'))
     FROM ${progressLateral('a', DEFAULT_SCHEME_SQL)} p) AS progress,
  (SELECT json_build_object('id', ru.id, 'name', ru.name) FROM users ru WHERE ru.id = a.responsible_id) AS responsible`;

type SummaryRow = Omit<ActionSummaryDto, 'updatedAt' | 'archivedAt'> & {
  updatedAt: Date;
  archivedAt: Date | null;
};

function toSummary(row: SummaryRow): ActionSummaryDto {
  return {
    ...row,
    updatedAt: new Date(row.updatedAt).toISOString(),
    archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null,
  };
}

/**
 * A JSON array of the rows `select` over `from` … `where`, in `order`, keys in select order: one
 * correlated subquery of the detail's single statement.
 */
const jsonList = (select: string, from: string, where: string, order: string) =>
  `coalesce((SELECT json_agg(t.j ORDER BY t.o)
               FROM (SELECT row_to_json(x) AS j, row_number() OVER (ORDER BY ${order}) AS o
                       FROM ${from} CROSS JOIN LATERAL (SELECT ${select}) x
                      WHERE ${where}) t), '[]')`;

/** The parts of action `a`, each a JSON column of the detail's one statement. */
const DETAIL_PARTS = {
  participations: jsonList(
    `p.id, p.organisation_id AS "organisationId", o.name AS "organisationName", o.acronym AS "organisationAcronym",
     p.role, p.notes, p.version`,
    `participations p JOIN organisations o ON o.id = p.organisation_id`,
    `p.action_id = a.id`,
    `p.role, o.name`,
  ),
  instruments: jsonList(
    `li.id, li.type, li.title, li.parties, to_char(li.signed_on, 'YYYY-MM-DD') AS "signedOn",
     li.signed_on_precision AS "signedOnPrecision", to_char(li.valid_from, 'YYYY-MM-DD') AS "validFrom",
     to_char(li.valid_to, 'YYYY-MM-DD') AS "validTo", li.document_url AS "documentUrl", li.version`,
    `legal_instruments li`,
    `li.action_id = a.id`,
    `li.signed_on NULLS LAST, li.title`,
  ),
  funding: jsonList(
    `f.id, f.type, f.amount::text AS amount, f.currency, to_char(f.value_date, 'YYYY-MM-DD') AS "valueDate",
     f.value_date_precision AS "valueDatePrecision", to_char(f.period_start, 'YYYY-MM-DD') AS "periodStart",
     to_char(f.period_end, 'YYYY-MM-DD') AS "periodEnd", f.provider_id AS "providerId", pr.name AS "providerName",
     f.receiver_id AS "receiverId", rc.name AS "receiverName", f.description, f.version`,
    `funding f LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id`,
    `f.action_id = a.id`,
    `f.value_date NULLS LAST, f.type, f.created_at`,
  ),
  milestones: jsonList(
    `m.id, m.type, m.title, to_char(m.planned_date, 'YYYY-MM-DD') AS "plannedDate",
     to_char(m.actual_date, 'YYYY-MM-DD') AS "actualDate", m.date_precision AS "datePrecision",
     ${MILESTONE_STATUS_SQL()} AS status, m.notes, m.version`,
    `milestones m`,
    `m.action_id = a.id`,
    `coalesce(m.actual_date, m.planned_date), m.created_at`,
  ),
  results: jsonList(
    `r.id, r.statement, r.version`,
    `results r`,
    `r.action_id = a.id`,
    `r.created_at, r.id`,
  ),
  indicators: jsonList(
    `i.id, i.result_id AS "resultId", i.name, i.unit, i.baseline::text AS baseline,
     to_char(i.baseline_date, 'YYYY-MM-DD') AS "baselineDate", i.target::text AS target,
     to_char(i.target_date, 'YYYY-MM-DD') AS "targetDate", i.actual::text AS actual,
     to_char(i.actual_date, 'YYYY-MM-DD') AS "actualDate", i.notes, i.version`,
    `indicators i JOIN results r ON r.id = i.result_id`,
    `r.action_id = a.id`,
    `i.created_at, i.id`,
  ),
  documents: jsonList(
    `d.id, d.title, d.url, d.milestone_id AS "milestoneId", d.result_id AS "resultId", d.version`,
    `document_links d`,
    `d.action_id = a.id`,
    `d.created_at, d.id`,
  ),
  // Evidence files: metadata only (the bytes stay in evidence_contents).
  evidence: jsonList(EVIDENCE_COLUMNS, EVIDENCE_FROM, `e.action_id = a.id`, `e.uploaded_at, e.id`),
};
const DETAIL_PART_COLUMNS = Object.entries(DETAIL_PARTS)
  .map(([name, sql]) => `${sql} AS "_${name}"`)
  .join(',\n');

@Injectable()
export class ActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
    private readonly parts: PartsWriter,
    private readonly themes: ThemesService,
  ) {}

  async list(query: ActionListQueryDto, user: AuthUser): Promise<ActionPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 25;
    const params = new SqlParams();
    const where = this.listConditions(query, user, params);
    const sort = query.sort ?? '-updatedAt';
    const desc = sort.startsWith('-');
    const key = desc ? sort.slice(1) : sort;
    const direction = `${desc ? 'DESC' : 'ASC'} NULLS LAST, a.code`;
    // Progress is computed, not stored: sorting by it sums every action's stages in one pass.
    const byProgress = key === 'progress';
    const c = (query.currency ?? 'MXN').toLowerCase();
    const column = byProgress
      ? 'coalesce(pr.percent, 0)'
      : MONEY_SORTS.has(key)
        ? // The action's converted total of the figure, from its rollup rows (a few per action).
          `(SELECT coalesce(sum(t.amount_${c}), 0) FROM funding_totals t WHERE t.action_id = a.id AND t.cls = '${key}')`
        : (SORT_COLUMNS[key] ?? 'a.updated_at');
    const progressJoin = byProgress
      ? `LEFT JOIN ${progressPercentsSql(DEFAULT_SCHEME_SQL)} pr ON pr.action_id = a.id`
      : '';
    // One pass: the filters run once, the total comes with the page (count(*) OVER () is taken
    // before LIMIT) and the per-row subqueries (partners, overdue milestones) run for the page only.
    const rows: (SummaryRow & { total: number })[] = await this.dataSource.query(
      `WITH page AS (
         SELECT a.*, ${column} AS sort_key, count(*) OVER ()::int AS total
           FROM actions a ${progressJoin} WHERE ${where}
          ORDER BY ${column} ${direction}
          LIMIT ${params.add(pageSize)} OFFSET ${params.add((page - 1) * pageSize)}
       )
       SELECT ${SUMMARY_COLUMNS}, a.total FROM page a ORDER BY a.sort_key ${direction}`,
      params.values,
    );
    let total = rows[0]?.total;
    if (total === undefined) {
      // A page past the end has no rows to carry the total.
      const countParams = new SqlParams();
      const countWhere = this.listConditions(query, user, countParams);
      [{ total }] = await this.dataSource.query(
        `SELECT count(*)::int AS total FROM actions a WHERE ${countWhere}`,
        countParams.values,
      );
    }
    const items = rows.map(({ total: _total, ...row }) => toSummary(row));
    if (query.currency) await this.attachMoney(items, query.currency);
    return { items, total, page, pageSize };
  }

  /** Each listed action's ceilings, committed and executed money in `currency` (the page only). */
  private async attachMoney(items: ActionSummaryDto[], currency: ReportingCurrency) {
    if (!items.length) return;
    const c = currency.toLowerCase();
    const rows: { id: string; cls: string; total: string; unconverted: number }[] =
      await this.dataSource.query(
        `SELECT t.action_id::text AS id, t.cls,
                CASE WHEN sum(t.converted_${c}) > 0 THEN round(sum(t.amount_${c}), 2)::text ELSE '0.00' END AS total,
                sum(t.records - t.converted_${c})::int AS unconverted
           FROM funding_totals t
          WHERE t.action_id = ANY($1::uuid[]) AND t.cls IN ('ceilings', 'committed', 'executed')
          GROUP BY 1, 2`,
        [items.map((i) => i.id)],
      );
    const money = new Map<string, ActionMoneyDto>();
    for (const item of items) {
      const m = { currency, ceilings: '0.00', committed: '0.00', executed: '0.00', unconverted: 0 };
      money.set(item.id, m);
      item.money = m;
    }
    for (const r of rows) {
      const m = money.get(r.id);
      if (!m) continue;
      m[r.cls as 'ceilings' | 'committed' | 'executed'] = r.total;
      m.unconverted += r.unconverted;
    }
  }

  /** The shared filters plus the list's own: overdue milestones and responsible person. */
  private listConditions(query: ActionListQueryDto, user: AuthUser, params: SqlParams): string {
    const where = [actionConditions(query, user, params)];
    if (query.overdue !== undefined)
      where.push(`${OVERDUE_COUNT_SQL('a')} ${query.overdue ? '>' : '='} 0`);
    if (query.responsible) {
      const id = query.responsible === 'me' ? user.id : query.responsible;
      where.push(`a.responsible_id = ${params.add(id)}::uuid`);
    }
    return where.join(' AND ');
  }

  /** Throws ACTION_NOT_FOUND unless the user may see the action (partners: their organisation's). */
  async assertVisible(
    id: string,
    user: Pick<AuthUser, 'role' | 'organisationId'>,
    manager?: EntityManager,
  ): Promise<void> {
    const params = new SqlParams();
    const idParam = params.add(id);
    const where = actionConditions({ archived: true }, user, params);
    const rows: unknown[] = await (manager ?? this.dataSource.manager).query(
      `SELECT 1 FROM actions a WHERE a.id = ${idParam} AND ${where}`,
      params.values,
    );
    if (!rows.length) throw AppError.notFound('ACTION_NOT_FOUND');
  }

  async get(
    id: string,
    user: Pick<AuthUser, 'role' | 'organisationId'>,
    manager?: EntityManager,
  ): Promise<ActionDetailDto> {
    const m = manager ?? this.dataSource.manager;
    const params = new SqlParams();
    const idParam = params.add(id);
    const where = actionConditions({ archived: true }, user, params);
    // Related actions are scoped like the action itself: a partner sees only their organisation's.
    const relatedWhere = actionConditions({ archived: true }, user, params, 'r');
    // One statement: the action and every part as JSON (the detail was ten round trips).
    const rows: (SummaryRow & Record<string, unknown>)[] = await m.query(
      `SELECT ${SUMMARY_COLUMNS}, a.summary_es AS "summaryEs", a.summary_en AS "summaryEn", a.objectives, a.scheme,
              a.unit, a.plan_alignment AS "planAlignment", a.actual_start_precision AS "actualStartPrecision",
              a.actual_end_precision AS "actualEndPrecision", a.parent_programme AS "parentProgramme",
              a.source, a.notes, a.created_at AS "createdAt",
              CASE WHEN i.id IS NULL THEN NULL ELSE json_build_object('id', i.id, 'name', i.name, 'acronym', i.acronym) END AS institute,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'titleEs', r.title_es) ORDER BY r.code)
                          FROM actions r WHERE r.id = ANY(a.related_action_ids) AND ${relatedWhere}), '[]') AS "relatedActions",
              ${DETAIL_PART_COLUMNS}
         FROM actions a LEFT JOIN organisations i ON i.id = a.institute_id
        WHERE a.id = ${idParam} AND ${where}`,
      params.values,
    );
    const found = rows[0];
    if (!found) throw AppError.notFound('ACTION_NOT_FOUND');
    const {
      _participations: participations,
      _instruments: instruments,
      _funding: funding,
      _milestones: milestones,
      _results: results,
      _indicators: indicators,
      _documents: documents,
      _evidence: evidence,
      ...row
    } = found as SummaryRow & {
      _participations: ParticipationDto[];
      _instruments: Record<string, unknown>[];
      _funding: FundingDto[];
      _milestones: Omit<MilestoneDto, 'evidenceCount'>[];
      _results: Omit<ResultDto, 'indicators' | 'evidenceCount'>[];
      _indicators: Record<string, unknown>[];
      _documents: Record<string, unknown>[];
      _evidence: EvidenceDto[];
    };
    const evidenceCount = (key: 'milestoneId' | 'resultId', ownerId: string) =>
      evidence.filter((e) => e[key] === ownerId).length;
    const partner = user.role === 'partner';
    const { notes, createdAt, ...rest } = row as SummaryRow & {
      notes: string | null;
      createdAt: Date;
    };
    const detail = {
      ...toSummary(rest as SummaryRow),
      ...(rest as object),
      updatedAt: new Date(row.updatedAt).toISOString(),
      archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null,
      createdAt: new Date(createdAt).toISOString(),
      ...(partner ? {} : { notes }),
      participations: partner ? participations.map((p) => ({ ...p, notes: null })) : participations,
      instruments,
      funding,
      milestones: milestones.map((ms) => ({
        ...ms,
        ...(partner ? { notes: null } : {}),
        evidenceCount: evidenceCount('milestoneId', ms.id),
      })),
      results: results.map((r) => ({
        ...r,
        evidenceCount: evidenceCount('resultId', r.id),
        indicators: (indicators as ({ resultId: string } & Record<string, unknown>)[])
          .filter((i) => i.resultId === r.id)
          .map(({ resultId: _r, ...i }) => (partner ? { ...i, notes: null } : i)),
      })),
      documents,
      evidence: partner ? evidence.map(withoutUploader) : evidence,
    } as unknown as ActionDetailDto;
    return detail;
  }

  async create(input: CreateActionDto, actor: Actor, user: AuthUser): Promise<ActionDetailDto> {
    return inTransaction(this.dataSource, async (m) => {
      await this.assertCodeFree(m, input.code);
      await this.parts.assertReferences(m, null, input as unknown as Record<string, unknown>);
      const { participations, instruments, funding, milestones, results, ...fields } = input;
      const repo = m.getRepository(Action);
      const saved = await repo.save(
        repo.create({
          ...fields,
          createdBy: actor.id,
          updatedBy: actor.id,
          themes: await this.themes.resolveCodes(m, fields.themes ?? []),
          municipalities: fields.municipalities ?? [],
          sdgs: fields.sdgs ?? [],
          planAlignment: fields.planAlignment ?? [],
          relatedActionIds: fields.relatedActionIds ?? [],
        }),
      );
      await this.audit.record(m, actor, {
        operation: 'create',
        entity: 'action',
        entityId: saved.id,
        actionId: saved.id,
        after: saved,
      });
      for (const p of participations ?? [])
        await this.parts.add(m, actor, 'participations', saved.id, p);
      for (const i of instruments ?? []) await this.parts.add(m, actor, 'instruments', saved.id, i);
      for (const f of funding ?? []) await this.parts.add(m, actor, 'funding', saved.id, f);
      for (const ms of milestones ?? []) await this.parts.add(m, actor, 'milestones', saved.id, ms);
      for (const r of results ?? []) await this.parts.addResult(m, actor, saved.id, r);
      return this.get(saved.id, user, m);
    });
  }

  private async assertCodeFree(m: EntityManager, code: string, exceptId?: string) {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM actions WHERE lower(code) = lower($1) AND id IS DISTINCT FROM $2`,
      [code, exceptId ?? null],
    );
    if (rows.length) {
      throw new AppError(HttpStatus.CONFLICT, 'ACTION_CODE_TAKEN', [
        { field: 'code', code: 'unique', message: 'Ya existe una acción con ese código.' },
      ] satisfies FieldError[]);
    }
  }

  async update(
    id: string,
    input: UpdateActionDto,
    version: number,
    actor: Actor,
    user: AuthUser,
  ): Promise<ActionDetailDto> {
    return inTransaction(this.dataSource, async (m) => {
      const repo = m.getRepository(Action);
      const before = await repo.findOne({ where: { id } });
      if (!before) throw AppError.notFound('ACTION_NOT_FOUND');
      if (before.archivedAt) throw new AppError(HttpStatus.CONFLICT, 'ACTION_ARCHIVED');
      if (input.code && input.code !== before.code) await this.assertCodeFree(m, input.code, id);
      await this.parts.assertReferences(m, id, input as unknown as Record<string, unknown>);
      const { version: _v, ...changes } = input;
      if (changes.themes) changes.themes = await this.themes.resolveCodes(m, changes.themes);
      const merged = { ...before, ...changes };
      const dateErrors = this.dateOrderErrors(merged);
      if (dateErrors.length)
        throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', dateErrors);
      await this.versioned.update(m, actor, {
        target: { entity: 'action', entityId: id, actionId: id },
        before,
        write: () =>
          m
            .createQueryBuilder()
            .update(Action)
            .set({ ...changes, updatedBy: actor.id })
            .where('id = :id AND version = :version', { id, version })
            .returning('id')
            .execute(),
        read: () => repo.findOneOrFail({ where: { id } }),
        current: () => this.get(id, user, m),
      });
      return this.get(id, user, m);
    });
  }

  private dateOrderErrors(
    a: Pick<Action, 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd'>,
  ): FieldError[] {
    const errors: FieldError[] = [];
    if (a.plannedStart && a.plannedEnd && a.plannedEnd < a.plannedStart) {
      errors.push({
        field: 'plannedEnd',
        code: 'dateOrder',
        message: 'No puede ser anterior a plannedStart.',
      });
    }
    if (a.actualStart && a.actualEnd && a.actualEnd < a.actualStart) {
      errors.push({
        field: 'actualEnd',
        code: 'dateOrder',
        message: 'No puede ser anterior a actualStart.',
      });
    }
    return errors;
  }

  async setArchived(
    id: string,
    archived: boolean,
    version: number | undefined,
    actor: Actor,
    user: AuthUser,
  ): Promise<ActionDetailDto> {
    return inTransaction(this.dataSource, async (m) => {
      const repo = m.getRepository(Action);
      const before = await repo.findOne({ where: { id } });
      if (!before) throw AppError.notFound('ACTION_NOT_FOUND');
      await this.versioned.update(m, actor, {
        target: { entity: 'action', entityId: id, actionId: id },
        operation: archived ? 'archive' : 'restore',
        before,
        write: () =>
          m
            .createQueryBuilder()
            .update(Action)
            .set({ archivedAt: archived ? () => 'now()' : null, updatedBy: actor.id })
            .where('id = :id AND (:version::int IS NULL OR version = :version)', {
              id,
              version: version ?? null,
            })
            .execute(),
        read: () => repo.findOneOrFail({ where: { id } }),
        current: () => this.get(id, user, m),
      });
      return this.get(id, user, m);
    });
  }

  async history(id: string, user: AuthUser): Promise<HistoryDto> {
    await this.assertVisible(id, user);
    const rows: {
      id: string;
      at: Date;
      actorEmail: string | null;
      actorName: string | null;
      operation: string;
      entity: string;
      entityId: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[] = await this.dataSource.query(
      `SELECT l.id::text, l.at, l.actor_email AS "actorEmail", u.name AS "actorName", l.operation, l.entity,
              l.entity_id AS "entityId", l.before, l.after
         FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id
        WHERE l.action_id = $1 ORDER BY l.at DESC, l.id DESC LIMIT 500`,
      [id],
    );
    return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })) };
  }
}
