import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, Locale } from '../common/errors';
import { humanDate } from '../common/human-dates';
import { labelOf, VocabularyGroup } from '../common/vocabulary';
import { ProgressFigure, ProgressService } from '../progress/progress.service';
import type { BoardAgreementDto } from './board-response.dto';
import type { SessionKind } from './board.entities';
import { AGREEMENT_COLUMNS, LATEST_NOTE } from './board-queries';

export interface Change {
  entity: string;
  entityId: string;
  operation: 'create' | 'update' | 'delete';
  at: string;
  summary: string;
}

export interface ActionReport {
  id: string;
  code: string;
  title: string;
  agendaPositions: number[];
  progress: ProgressFigure | null;
  milestones: { new: Change[]; updated: Change[] };
  funding: { new: Change[]; updated: Change[] };
  results: { new: Change[]; updated: Change[] };
  stages: { new: Change[]; updated: Change[] };
  deleted: Change[];
  auditEntries: number;
}

/** An agreement row of the report (the columns of AGREEMENT_COLUMNS). */
export type AgreementRow = BoardAgreementDto;

export interface BoardReport {
  lang: Locale;
  session: {
    id: string;
    number: number;
    kind: SessionKind;
    year: number;
    heldOn: string;
    title: string;
    institute: string;
  };
  previous: { id: string; heldOn: string; title: string } | null;
  /** Changes counted with a timestamp on a day after the previous session, up to this session's day. */
  window: { from: string | null; to: string };
  actions: ActionReport[];
  agreements: AgreementRow[];
  openAgreements: AgreementRow[];
}

/**
 * Which tables feed each section of an action's changes: `label` describes a row, `code` is the
 * coded value shown from the vocabulary (funding type, stage) and `day` the date written for people.
 */
const TABLES = [
  {
    key: 'milestones',
    table: 'milestones',
    entity: 'milestone',
    label: `t.title`,
    code: `t.type`,
    group: 'milestoneType',
    day: `to_char(coalesce(t.actual_date, t.planned_date), 'YYYY-MM-DD')`,
  },
  {
    key: 'funding',
    table: 'funding',
    entity: 'funding',
    label: `t.amount::text || coalesce(' ' || t.currency, '')`,
    code: `t.type`,
    group: 'fundingType',
    day: `NULL`,
  },
  {
    key: 'results',
    table: 'results',
    entity: 'result',
    label: `t.statement`,
    code: `NULL`,
    group: null,
    day: `NULL`,
  },
  {
    key: 'stages',
    table: 'action_stages',
    entity: 'action_stage',
    label: `''`,
    code: `t.stage`,
    group: 'progressStage',
    day: `to_char(t.reached_on, 'YYYY-MM-DD')`,
  },
] as const;

/** "Taller: Taller nuevo (10 de marzo de 2021)", "Techo (hasta): 1000.00 MXN", "Planeación (…)". */
function changeSummary(
  group: VocabularyGroup | null,
  row: { code: string | null; summary: string; day: string | null },
  lang: Locale,
): string {
  const parts = [group && row.code ? labelOf(group, row.code, lang) : '', row.summary].filter(
    Boolean,
  );
  const text = parts.join(': ');
  return row.day ? `${text} (${humanDate(row.day, lang)})` : text;
}

type Window = BoardReport['window'];

interface LinkedAction {
  id: string;
  code: string;
  title_es: string;
  title_en: string | null;
  positions: number[];
}

interface ChangedRow {
  id: string;
  created: boolean;
  at: Date;
  summary: string;
  code: string | null;
  day: string | null;
}

interface AuditRow {
  entity: string;
  entity_id: string;
  operation: Change['operation'];
  at: Date;
  before: Record<string, unknown> | null;
}

/**
 * A timestamp counts when its day is after the previous session's ($3) and not after this
 * one's ($2).
 */
const inWindow = (col: string) =>
  `(${col})::date <= $2::date AND ($3::date IS NULL OR (${col})::date > $3::date)`;

/** What a deleted row was, from its audit snapshot. */
function deletedSummary(e: AuditRow, lang: Locale): string {
  return String(
    e.before?.['title'] ??
      e.before?.['statement'] ??
      (e.before?.['stage'] ? labelOf('progressStage', String(e.before['stage']), lang) : null) ??
      e.entity,
  );
}

/** The follow-up report of a board session (JSON and print-ready PDF). */
@Injectable()
export class BoardReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressService,
  ) {}

  async build(sessionId: string, lang: Locale): Promise<BoardReport> {
    const { session, previous } = await this.sessionAndPrevious(sessionId);
    const window: Window = { from: previous?.heldOn ?? null, to: session.heldOn };
    const linked: LinkedAction[] = await this.dataSource.query(
      `SELECT a.id, a.code, a.title_es, a.title_en, array_agg(DISTINCT i.position ORDER BY i.position) AS positions
         FROM board_agenda_items i CROSS JOIN LATERAL unnest(i.action_ids) aid JOIN actions a ON a.id = aid
         WHERE i.session_id = $1 GROUP BY a.id ORDER BY min(i.position), a.code`,
      [sessionId],
    );
    const progress = await this.progress.progressOf(
      this.dataSource.manager,
      linked.map((a) => a.id),
      lang,
    );
    const actions: ActionReport[] = [];
    for (const a of linked)
      actions.push(await this.actionReport(a, progress.get(a.id) ?? null, window, lang));
    const agreements: AgreementRow[] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM board_agreements g JOIN board_sessions s ON s.id = g.session_id ${LATEST_NOTE}
       WHERE g.session_id = $1 ORDER BY g.code`,
      [sessionId],
    );
    const openAgreements: AgreementRow[] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS} FROM board_agreements g JOIN board_sessions s ON s.id = g.session_id ${LATEST_NOTE}
       WHERE g.institute_id = $1 AND g.status IN ('open', 'in_progress') AND s.held_on <= $2::date
       ORDER BY s.held_on, g.code`,
      [session.instituteId, session.heldOn],
    );
    const { instituteId: _i, ...sessionOut } = session;
    return {
      lang,
      session: sessionOut,
      previous: previous ?? null,
      window,
      actions,
      agreements,
      openAgreements,
    };
  }

  /** The session and the institute's session before it (whose day opens the report's window). */
  private async sessionAndPrevious(sessionId: string) {
    const [session]: (BoardReport['session'] & { instituteId: string })[] =
      await this.dataSource.query(
        `SELECT s.id, s.number, s.kind, s.year, to_char(s.held_on, 'YYYY-MM-DD') AS "heldOn", s.title,
                s.institute_id AS "instituteId", coalesce(o.acronym, o.name) AS institute
         FROM board_sessions s JOIN organisations o ON o.id = s.institute_id WHERE s.id = $1`,
        [sessionId],
      );
    if (!session) throw AppError.notFound('BOARD_SESSION_NOT_FOUND');
    const [previous]: { id: string; heldOn: string; title: string }[] = await this.dataSource.query(
      `SELECT id, to_char(held_on, 'YYYY-MM-DD') AS "heldOn", title FROM board_sessions
         WHERE institute_id = $1 AND (held_on, number) < ($2::date, $3) AND id <> $4
         ORDER BY held_on DESC, number DESC LIMIT 1`,
      [session.instituteId, session.heldOn, session.number, session.id],
    );
    return { session, previous };
  }

  /** One action on the agenda: its rows created or changed in the window, and what was deleted. */
  private async actionReport(
    a: LinkedAction,
    progress: ProgressFigure | null,
    window: Window,
    lang: Locale,
  ): Promise<ActionReport> {
    const report: ActionReport = {
      id: a.id,
      code: a.code,
      title: lang === 'en' ? (a.title_en ?? a.title_es) : a.title_es,
      agendaPositions: a.positions,
      progress,
      milestones: { new: [], updated: [] },
      funding: { new: [], updated: [] },
      results: { new: [], updated: [] },
      stages: { new: [], updated: [] },
      deleted: [],
      auditEntries: 0,
    };
    const params = [a.id, window.to, window.from];
    for (const spec of TABLES) {
      const rows: ChangedRow[] = await this.dataSource.query(
        `SELECT t.id, ${inWindow('t.created_at')} AS created,
                CASE WHEN ${inWindow('t.created_at')} THEN t.created_at ELSE t.updated_at END AS at,
                ${spec.label} AS summary, ${spec.code} AS code, ${spec.day} AS day
         FROM ${spec.table} t WHERE t.action_id = $1
           AND (${inWindow('t.created_at')} OR ${inWindow('t.updated_at')})
         ORDER BY at`,
        params,
      );
      for (const r of rows)
        report[spec.key][r.created ? 'new' : 'updated'].push({
          entity: spec.entity,
          entityId: r.id,
          operation: r.created ? 'create' : 'update',
          at: new Date(r.at).toISOString(),
          summary: changeSummary(spec.group, r, lang),
        });
    }
    const audit: AuditRow[] = await this.dataSource.query(
      `SELECT entity, entity_id, operation, at, before FROM audit_log
         WHERE action_id = $1 AND ${inWindow('at')} ORDER BY at`,
      params,
    );
    report.auditEntries = audit.length;
    report.deleted = audit
      .filter((e) => e.operation === 'delete')
      .map((e) => ({
        entity: e.entity,
        entityId: e.entity_id,
        operation: 'delete' as const,
        at: new Date(e.at).toISOString(),
        summary: deletedSummary(e, lang),
      }));
    return report;
  }
}
