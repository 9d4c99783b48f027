import { inTransaction } from '../common/transaction';
import { HttpStatus, Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { AppError, FieldError } from '../common/errors';
import { VersionedWriter } from '../common/versioned-write';
import { Action } from './action.entity';
import { actionConditions } from './action-filters';
import { SqlParams } from '../common/sql-scope';
import { ActionListQueryDto, CreateActionDto, UpdateActionDto } from './dto/action.dto';
import type { ReportingCurrency } from '../common/money';
import {
  ActionDetailDto,
  ActionMoneyDto,
  ActionPageDto,
  ActionSummaryDto,
  HistoryDto,
} from './dto/action-response.dto';
import {
  DEFAULT_SCHEME_SQL,
  DETAIL_PART_COLUMNS,
  DetailRow,
  MONEY_SORTS,
  OVERDUE_COUNT_SQL,
  SORT_COLUMNS,
  SUMMARY_COLUMNS,
  SummaryRow,
  toActionDetail,
  toSummary,
} from './action-queries';
import { PartsWriter } from './parts.writer';
import { prepared } from '../db/prepared-statements';
import { answerPart } from '../cache/answer-parts';
import { listTotalReads } from './action-reads';
import { ThemesService } from '../themes/themes.service';
import { progressPercentsSql } from '../progress/progress.model';

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
    // The page, found in its order and no further (the default order has its index: migration
    // IndexActionsListOrder), and the total counted on its own: a window count over the page
    // query made PostgreSQL sort every matching action to keep 25. The per-row subqueries
    // (partners, overdue milestones, progress) run for the page only. The total reads fewer
    // tables than the page (no last update, no milestones unless filtered by them): reused
    // while they do not change, e.g. when a milestone is logged.
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `WITH page AS (
           SELECT a.id, ${column} AS sort_key
             FROM actions a ${progressJoin} WHERE ${where}
            ORDER BY ${column} ${direction}
            LIMIT ${params.add(pageSize)} OFFSET ${params.add((page - 1) * pageSize)}
         )
         SELECT ${SUMMARY_COLUMNS} FROM page pg JOIN actions a ON a.id = pg.id
          ORDER BY pg.sort_key ${direction}`,
        params.values,
      ) as Promise<SummaryRow[]>,
      answerPart('list-total', listTotalReads(query), () => this.count(query, user)),
    ]);
    const items = rows.map((row) => toSummary(row));
    if (query.currency) await this.attachMoney(items, query.currency);
    return { items, total, page, pageSize };
  }

  /** How many actions match the list's filters (every page). */
  private async count(query: ActionListQueryDto, user: AuthUser): Promise<number> {
    const params = new SqlParams();
    const where = this.listConditions(query, user, params);
    const [{ total }]: { total: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM actions a WHERE ${where}`,
      params.values,
    );
    return total;
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
    // Prepared: planning this statement cost about as much as running it.
    const rows: DetailRow[] = await m.query(
      prepared(`SELECT ${SUMMARY_COLUMNS}, a.summary_es AS "summaryEs", a.summary_en AS "summaryEn", a.objectives, a.scheme,
              a.unit, a.plan_alignment AS "planAlignment", a.actual_start_precision AS "actualStartPrecision",
              a.actual_end_precision AS "actualEndPrecision", a.parent_programme AS "parentProgramme",
              a.source, a.notes, a.created_at AS "createdAt",
              CASE WHEN i.id IS NULL THEN NULL ELSE json_build_object('id', i.id, 'name', i.name, 'acronym', i.acronym) END AS institute,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'code', r.code, 'titleEs', r.title_es) ORDER BY r.code)
                          FROM actions r WHERE r.id = ANY(a.related_action_ids) AND ${relatedWhere}), '[]') AS "relatedActions",
              ${DETAIL_PART_COLUMNS}
         FROM actions a LEFT JOIN organisations i ON i.id = a.institute_id
        WHERE a.id = ${idParam} AND ${where}`),
      params.values,
    );
    const found = rows[0];
    if (!found) throw AppError.notFound('ACTION_NOT_FOUND');
    return toActionDetail(found, user.role === 'partner');
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
      const before = await this.findForWrite(m, id);
      if (before.archivedAt) throw new AppError(HttpStatus.CONFLICT, 'ACTION_ARCHIVED');
      if (input.code && input.code !== before.code) await this.assertCodeFree(m, input.code, id);
      await this.parts.assertReferences(m, id, input as unknown as Record<string, unknown>);
      const { version: _v, ...changes } = input;
      if (changes.themes) changes.themes = await this.themes.resolveCodes(m, changes.themes);
      const merged = { ...before, ...changes };
      const dateErrors = this.dateOrderErrors(merged);
      if (dateErrors.length)
        throw new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', dateErrors);
      return this.writeAction(m, actor, user, before, { set: changes, version });
    });
  }

  private async findForWrite(m: EntityManager, id: string): Promise<Action> {
    const before = await m.getRepository(Action).findOne({ where: { id } });
    if (!before) throw AppError.notFound('ACTION_NOT_FOUND');
    return before;
  }

  /**
   * The versioned, audited write of an action's own row (read as `before` in this transaction):
   * sets `set` where the version is still the one the client read (any, when it sent none) and
   * answers the action as it is now; a 409 carries it too.
   */
  private async writeAction(
    m: EntityManager,
    actor: Actor,
    user: AuthUser,
    before: Action,
    spec: {
      set: QueryDeepPartialEntity<Action>;
      version: number | undefined;
      operation?: 'archive' | 'restore';
    },
  ): Promise<ActionDetailDto> {
    const { id } = before;
    await this.versioned.update(m, actor, {
      target: { entity: 'action', entityId: id, actionId: id },
      operation: spec.operation,
      before,
      write: () =>
        m
          .createQueryBuilder()
          .update(Action)
          .set({ ...spec.set, updatedBy: actor.id })
          .where('id = :id AND (:version::int IS NULL OR version = :version)', {
            id,
            version: spec.version ?? null,
          })
          .execute(),
      read: () => m.getRepository(Action).findOneOrFail({ where: { id } }),
      current: () => this.get(id, user, m),
    });
    return this.get(id, user, m);
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
    return inTransaction(this.dataSource, async (m) =>
      this.writeAction(m, actor, user, await this.findForWrite(m, id), {
        set: { archivedAt: archived ? () => 'now()' : null },
        version,
        operation: archived ? 'archive' : 'restore',
      }),
    );
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
