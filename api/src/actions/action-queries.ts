import { TODAY_SQL } from '../common/calendar-sql';
import {
  EVIDENCE_COLUMNS,
  EVIDENCE_FROM,
  EvidenceDto,
  withoutUploader,
} from '../evidence/evidence.dto';
import { DEFAULT_PROGRESS_SCHEME, progressLateral } from '../progress/progress.model';
import type {
  ActionDetailDto,
  ActionSummaryDto,
  FundingDto,
  ParticipationDto,
} from './dto/action-response.dto';
import {
  IndicatorRow,
  MilestoneRow,
  ResultRow,
  toMilestoneDto,
  toParticipationDto,
  toResultDto,
} from './parts.mapper';

/* The SQL of the action list and detail, and the mappers from its rows to the response DTOs. */

/** The default progress scheme as a SQL literal (a constant: no user input). */
export const DEFAULT_SCHEME_SQL = `'${JSON.stringify(DEFAULT_PROGRESS_SCHEME).replace(/'/g, "''")}'`;

/** Sorts by a key figure of the action's money, converted to the list's currency. */
export const MONEY_SORTS = new Set(['committed', 'executed', 'ceilings']);

export const SORT_COLUMNS: Record<string, string> = {
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

export const SUMMARY_COLUMNS = `a.id, a.code, a.kind, a.title_es AS "titleEs", a.title_en AS "titleEn", a.status,
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

export type SummaryRow = Omit<ActionSummaryDto, 'updatedAt' | 'archivedAt'> & {
  updatedAt: Date;
  archivedAt: Date | null;
};

export function toSummary(row: SummaryRow): ActionSummaryDto {
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

/** Where the fields of one kind of part come from: its columns, its tables and its order. */
interface PartSource {
  select: string;
  from: string;
  /** The part's alias in `from` (its id is `<alias>.id`). */
  alias: string;
  /** Ties the part to action `a`. */
  owner: string;
  order: string;
}

/** The parts an action shows, each read the same way in the detail and after a write. */
export const PART_SOURCES = {
  participations: {
    select: `p.id, p.organisation_id AS "organisationId", o.name AS "organisationName", o.acronym AS "organisationAcronym",
     p.role, p.notes, p.version`,
    from: `participations p JOIN organisations o ON o.id = p.organisation_id`,
    alias: 'p',
    owner: `p.action_id = a.id`,
    order: `p.role, o.name`,
  },
  instruments: {
    select: `li.id, li.type, li.title, li.parties, to_char(li.signed_on, 'YYYY-MM-DD') AS "signedOn",
     li.signed_on_precision AS "signedOnPrecision", to_char(li.valid_from, 'YYYY-MM-DD') AS "validFrom",
     to_char(li.valid_to, 'YYYY-MM-DD') AS "validTo", li.document_url AS "documentUrl", li.version`,
    from: `legal_instruments li`,
    alias: 'li',
    owner: `li.action_id = a.id`,
    order: `li.signed_on NULLS LAST, li.title`,
  },
  funding: {
    select: `f.id, f.type, f.amount::text AS amount, f.currency, to_char(f.value_date, 'YYYY-MM-DD') AS "valueDate",
     f.value_date_precision AS "valueDatePrecision", to_char(f.period_start, 'YYYY-MM-DD') AS "periodStart",
     to_char(f.period_end, 'YYYY-MM-DD') AS "periodEnd", f.provider_id AS "providerId", pr.name AS "providerName",
     f.receiver_id AS "receiverId", rc.name AS "receiverName", f.description, f.version`,
    from: `funding f LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id`,
    alias: 'f',
    owner: `f.action_id = a.id`,
    order: `f.value_date NULLS LAST, f.type, f.created_at`,
  },
  milestones: {
    select: `m.id, m.type, m.title, to_char(m.planned_date, 'YYYY-MM-DD') AS "plannedDate",
     to_char(m.actual_date, 'YYYY-MM-DD') AS "actualDate", m.date_precision AS "datePrecision",
     ${MILESTONE_STATUS_SQL()} AS status, m.notes, m.version`,
    from: `milestones m`,
    alias: 'm',
    owner: `m.action_id = a.id`,
    order: `coalesce(m.actual_date, m.planned_date), m.created_at`,
  },
  results: {
    select: `r.id, r.statement, r.version`,
    from: `results r`,
    alias: 'r',
    owner: `r.action_id = a.id`,
    order: `r.created_at, r.id`,
  },
  indicators: {
    select: `i.id, i.result_id AS "resultId", i.name, i.unit, i.baseline::text AS baseline,
     to_char(i.baseline_date, 'YYYY-MM-DD') AS "baselineDate", i.target::text AS target,
     to_char(i.target_date, 'YYYY-MM-DD') AS "targetDate", i.actual::text AS actual,
     to_char(i.actual_date, 'YYYY-MM-DD') AS "actualDate", i.notes, i.version`,
    from: `indicators i JOIN results r ON r.id = i.result_id`,
    alias: 'i',
    owner: `r.action_id = a.id`,
    order: `i.created_at, i.id`,
  },
  documents: {
    select: `d.id, d.title, d.url, d.milestone_id AS "milestoneId", d.result_id AS "resultId", d.version`,
    from: `document_links d`,
    alias: 'd',
    owner: `d.action_id = a.id`,
    // Imported links (one statement, one created_at) in the order of their file.
    order: `d.created_at, (d.iati->>'position')::int, d.id`,
  },
} satisfies Record<string, PartSource>;

export type PartSourceKind = keyof typeof PART_SOURCES;

/** The parts of action `a`, each a JSON column of the detail's one statement. */
const DETAIL_PARTS = {
  ...Object.fromEntries(
    Object.entries(PART_SOURCES).map(([kind, s]) => [
      kind,
      jsonList(s.select, s.from, s.owner, s.order),
    ]),
  ),
  // Evidence files: metadata only (the bytes stay in evidence_contents).
  evidence: jsonList(EVIDENCE_COLUMNS, EVIDENCE_FROM, `e.action_id = a.id`, `e.uploaded_at, e.id`),
};
export const DETAIL_PART_COLUMNS = Object.entries(DETAIL_PARTS)
  .map(([name, sql]) => `${sql} AS "_${name}"`)
  .join(',\n');

/** One row of the detail's statement: the action's columns and each part as JSON. */
export type DetailRow = SummaryRow & {
  notes: string | null;
  createdAt: Date;
  _participations: ParticipationDto[];
  _instruments: Record<string, unknown>[];
  _funding: FundingDto[];
  _milestones: MilestoneRow[];
  _results: ResultRow[];
  _indicators: IndicatorRow[];
  _documents: Record<string, unknown>[];
  _evidence: EvidenceDto[];
};

/** The detail DTO of a detail row; a partner gets no internal notes and no uploader names. */
export function toActionDetail(found: DetailRow, partner: boolean): ActionDetailDto {
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
  } = found;
  const evidenceCount = (key: 'milestoneId' | 'resultId', ownerId: string) =>
    evidence.filter((e) => e[key] === ownerId).length;
  const { notes, createdAt, ...rest } = row;
  return {
    ...toSummary(rest),
    ...(rest as object),
    updatedAt: new Date(row.updatedAt).toISOString(),
    archivedAt: row.archivedAt ? new Date(row.archivedAt).toISOString() : null,
    createdAt: new Date(createdAt).toISOString(),
    ...(partner ? {} : { notes }),
    participations: participations.map((p) => toParticipationDto(p, partner)),
    instruments,
    funding,
    milestones: milestones.map((ms) =>
      toMilestoneDto(ms, evidenceCount('milestoneId', ms.id), partner),
    ),
    results: results.map((r) =>
      toResultDto(
        r,
        indicators.filter((i) => i.resultId === r.id),
        evidenceCount('resultId', r.id),
        partner,
      ),
    ),
    documents,
    evidence: partner ? evidence.map(withoutUploader) : evidence,
  } as unknown as ActionDetailDto;
}
