import type { CellKind } from './csv';

export const EXPORT_TABLES = [
  'actions',
  'participations',
  'funding',
  'milestones',
  'results',
  'indicators',
] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export type ColumnKind = CellKind | 'money';

export interface ExportColumn {
  header: string;
  /** SQL expression (aliases: a = actions, o = organisations, …). */
  sql: string;
  kind: ColumnKind;
  /** Internal fields (notes) never leave the API for partners. */
  internal?: boolean;
  /** Column width in the workbook (characters). */
  width?: number;
}

export interface ExportTableDef {
  /** FROM clause; the actions of the filter are always aliased `a`. */
  from: string;
  /** Keyset column (unique): batches are `key > last ORDER BY key`. */
  key: string;
  keyCast: string;
  columns: ExportColumn[];
}

const date = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;
const datetime = (expr: string) =>
  `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const list = (expr: string) => `array_to_string(${expr}, '; ')`;

const text = (header: string, sql: string, width = 20): ExportColumn => ({
  header,
  sql,
  kind: 'text',
  width,
});
const day = (header: string, sql: string): ExportColumn => ({
  header,
  sql: date(sql),
  kind: 'date',
  width: 12,
});

/**
 * The six tables of the partner-facing exports (CSV and workbook sheets). Rows of every table
 * belong to the actions of the filter (`actionConditions`, which scopes partners to their
 * organisation's actions in the query itself).
 */
export const TABLES: Record<ExportTable, ExportTableDef> = {
  actions: {
    from: 'actions a LEFT JOIN organisations i ON i.id = a.institute_id',
    key: 'a.code',
    keyCast: 'text',
    columns: [
      text('code', 'a.code', 28),
      text('kind', 'a.kind', 18),
      text('title_es', 'a.title_es', 50),
      text('title_en', 'a.title_en', 40),
      text('summary_es', 'a.summary_es', 60),
      text('summary_en', 'a.summary_en', 40),
      text('objectives', 'a.objectives', 40),
      text('institute', 'i.name', 30),
      text('institute_role', 'a.institute_role', 14),
      text('scheme', 'a.scheme', 14),
      text('modality', 'a.modality', 14),
      text('status', 'a.status', 14),
      text('themes', list('a.themes'), 30),
      text('unit', 'a.unit', 24),
      text('municipalities', list('a.municipalities'), 24),
      text('sdgs', list('a.sdgs'), 10),
      text('plan_alignment', list('a.plan_alignment'), 20),
      day('planned_start', 'a.planned_start'),
      day('planned_end', 'a.planned_end'),
      day('actual_start', 'a.actual_start'),
      text('actual_start_precision', 'a.actual_start_precision', 8),
      day('actual_end', 'a.actual_end'),
      text('actual_end_precision', 'a.actual_end_precision', 8),
      text('parent_programme', 'a.parent_programme', 24),
      text('source', 'a.source', 30),
      { header: 'archived_at', sql: datetime('a.archived_at'), kind: 'datetime', width: 20 },
      { header: 'updated_at', sql: datetime('a.updated_at'), kind: 'datetime', width: 20 },
      { ...text('notes', 'a.notes', 40), internal: true },
      text('id', 'a.id::text', 36),
    ],
  },
  participations: {
    from: 'participations p JOIN actions a ON a.id = p.action_id JOIN organisations o ON o.id = p.organisation_id',
    key: 'p.id',
    keyCast: 'uuid',
    columns: [
      text('action_code', 'a.code', 28),
      text('organisation', 'o.name', 40),
      text('organisation_acronym', 'o.acronym', 14),
      text('organisation_type', 'o.type', 20),
      text('organisation_country', 'o.country', 8),
      text('role', 'p.role', 14),
      { ...text('notes', 'p.notes', 40), internal: true },
      text('action_id', 'a.id::text', 36),
      text('organisation_id', 'o.id::text', 36),
      text('id', 'p.id::text', 36),
    ],
  },
  funding: {
    from: `funding f JOIN actions a ON a.id = f.action_id
      LEFT JOIN organisations pr ON pr.id = f.provider_id LEFT JOIN organisations rc ON rc.id = f.receiver_id`,
    key: 'f.id',
    keyCast: 'uuid',
    columns: [
      text('action_code', 'a.code', 28),
      text('type', 'f.type', 14),
      { header: 'amount', sql: 'f.amount::text', kind: 'money', width: 18 },
      text('currency', 'f.currency', 8),
      day('value_date', 'f.value_date'),
      text('value_date_precision', 'f.value_date_precision', 8),
      text('provider', 'pr.name', 30),
      text('receiver', 'rc.name', 30),
      text('description', 'f.description', 50),
      text('action_id', 'a.id::text', 36),
      text('id', 'f.id::text', 36),
    ],
  },
  milestones: {
    from: 'milestones m JOIN actions a ON a.id = m.action_id',
    key: 'm.id',
    keyCast: 'uuid',
    columns: [
      text('action_code', 'a.code', 28),
      text('type', 'm.type', 16),
      text('title', 'm.title', 50),
      day('planned_date', 'm.planned_date'),
      day('actual_date', 'm.actual_date'),
      text('date_precision', 'm.date_precision', 8),
      text(
        'status',
        `CASE WHEN m.actual_date IS NOT NULL THEN 'done' WHEN m.planned_date < current_date THEN 'late' ELSE 'planned' END`,
        10,
      ),
      { ...text('notes', 'm.notes', 40), internal: true },
      text('action_id', 'a.id::text', 36),
      text('id', 'm.id::text', 36),
    ],
  },
  results: {
    from: 'results r JOIN actions a ON a.id = r.action_id',
    key: 'r.id',
    keyCast: 'uuid',
    columns: [
      text('action_code', 'a.code', 28),
      text('statement', 'r.statement', 70),
      text('action_id', 'a.id::text', 36),
      text('id', 'r.id::text', 36),
    ],
  },
  indicators: {
    from: 'indicators n JOIN results r ON r.id = n.result_id JOIN actions a ON a.id = r.action_id',
    key: 'n.id',
    keyCast: 'uuid',
    columns: [
      text('action_code', 'a.code', 28),
      text('name', 'n.name', 40),
      text('unit', 'n.unit', 14),
      { header: 'baseline', sql: 'n.baseline::text', kind: 'number', width: 12 },
      day('baseline_date', 'n.baseline_date'),
      { header: 'target', sql: 'n.target::text', kind: 'number', width: 12 },
      day('target_date', 'n.target_date'),
      { header: 'actual', sql: 'n.actual::text', kind: 'number', width: 12 },
      day('actual_date', 'n.actual_date'),
      { ...text('notes', 'n.notes', 40), internal: true },
      text('result_id', 'r.id::text', 36),
      text('action_id', 'a.id::text', 36),
      text('id', 'n.id::text', 36),
    ],
  },
};

/** The columns a user may receive: partners never get internal fields. */
export function visibleColumns(table: ExportTable, partner: boolean): ExportColumn[] {
  return TABLES[table].columns.filter((c) => !(partner && c.internal));
}
