import {
  ACTION_KINDS,
  ACTION_STATUSES,
  FUNDING_TYPES,
  INSTITUTE_ROLES,
  MILESTONE_TYPES,
  MODALITIES,
  PARTICIPATION_ROLES,
  SCHEMES,
} from '../actions/action.model';
import { DATE_PRECISIONS } from '../common/entity/columns';
import { EXPORT_TABLES, ExportTable, TABLES } from '../exports/export-tables';
import { ORGANISATION_TYPES } from '../organisations/organisation.entity';

/**
 * What the import reads: the columns of the export tables (export-tables.ts), each with the
 * database column it fills and how its cells are checked. The template of the import is the
 * export itself; columns the export derives (updated_at, a milestone's status, the parent ids
 * next to action_code) are read but never written.
 */
export type ImportKind =
  | 'text'
  | 'enum'
  | 'date'
  | 'datetime'
  | 'list'
  | 'sdgs'
  | 'money'
  | 'decimal'
  | 'uuid'
  | 'code'
  | 'currency'
  | 'ignore';

export interface ImportColumn {
  header: string;
  kind: ImportKind;
  values?: readonly string[];
  /** Maximum length of the text (or of each list item). */
  max?: number;
  /** Minimum length of the text. */
  min?: number;
  /** Maximum number of list items. */
  maxItems?: number;
}

const text = (header: string, max: number, min?: number): ImportColumn => ({
  header,
  kind: 'text',
  max,
  min,
});
const oneOf = (header: string, values: readonly string[]): ImportColumn => ({
  header,
  kind: 'enum',
  values,
});
const day = (header: string): ImportColumn => ({ header, kind: 'date' });
const ignore = (header: string): ImportColumn => ({ header, kind: 'ignore' });
const uuid = (header: string): ImportColumn => ({ header, kind: 'uuid' });

export const IMPORT_COLUMNS: Record<ExportTable, ImportColumn[]> = {
  actions: [
    { header: 'code', kind: 'code' },
    oneOf('kind', ACTION_KINDS),
    text('title_es', 500, 3),
    text('title_en', 500),
    text('summary_es', 10000),
    text('summary_en', 10000),
    text('objectives', 10000),
    text('institute', 500),
    oneOf('institute_role', INSTITUTE_ROLES),
    oneOf('scheme', SCHEMES),
    oneOf('modality', MODALITIES),
    oneOf('status', ACTION_STATUSES),
    { header: 'themes', kind: 'list', max: 100, maxItems: 20 },
    text('unit', 300),
    { header: 'municipalities', kind: 'list', max: 100, maxItems: 30 },
    { header: 'sdgs', kind: 'sdgs' },
    { header: 'plan_alignment', kind: 'list', max: 300, maxItems: 30 },
    day('planned_start'),
    day('planned_end'),
    day('actual_start'),
    oneOf('actual_start_precision', DATE_PRECISIONS),
    day('actual_end'),
    oneOf('actual_end_precision', DATE_PRECISIONS),
    text('parent_programme', 300),
    text('source', 2000),
    { header: 'archived_at', kind: 'datetime' },
    ignore('updated_at'),
    text('notes', 10000),
    uuid('id'),
  ],
  participations: [
    { header: 'action_code', kind: 'code' },
    text('organisation', 500, 1),
    text('organisation_acronym', 100),
    oneOf('organisation_type', ORGANISATION_TYPES),
    { header: 'organisation_country', kind: 'text', max: 2 },
    oneOf('role', PARTICIPATION_ROLES),
    text('notes', 2000),
    ignore('action_id'),
    uuid('organisation_id'),
    uuid('id'),
  ],
  funding: [
    { header: 'action_code', kind: 'code' },
    oneOf('type', FUNDING_TYPES),
    { header: 'amount', kind: 'money' },
    { header: 'currency', kind: 'currency' },
    day('value_date'),
    oneOf('value_date_precision', DATE_PRECISIONS),
    text('provider', 500),
    text('receiver', 500),
    text('description', 2000),
    ignore('action_id'),
    uuid('id'),
  ],
  milestones: [
    { header: 'action_code', kind: 'code' },
    oneOf('type', MILESTONE_TYPES),
    text('title', 500, 2),
    day('planned_date'),
    day('actual_date'),
    oneOf('date_precision', DATE_PRECISIONS),
    ignore('status'),
    text('notes', 5000),
    ignore('action_id'),
    uuid('id'),
  ],
  results: [
    { header: 'action_code', kind: 'code' },
    text('statement', 2000, 2),
    ignore('action_id'),
    uuid('id'),
  ],
  indicators: [
    { header: 'action_code', kind: 'code' },
    text('name', 500, 2),
    text('unit', 100),
    { header: 'baseline', kind: 'decimal' },
    day('baseline_date'),
    { header: 'target', kind: 'decimal' },
    day('target_date'),
    { header: 'actual', kind: 'decimal' },
    day('actual_date'),
    text('notes', 2000),
    uuid('result_id'),
    ignore('action_id'),
    uuid('id'),
  ],
};

/** Columns a table cannot be read without (the keys and the parent reference). */
export const REQUIRED_COLUMNS: Record<ExportTable, string[]> = {
  actions: ['code'],
  participations: ['action_code', 'organisation', 'role'],
  funding: ['action_code', 'type', 'amount'],
  milestones: ['action_code', 'type', 'title'],
  results: ['action_code', 'statement'],
  indicators: ['action_code', 'name', 'result_id'],
};

/** Columns a new record needs a value in (the database's NOT NULL fields without default). */
export const REQUIRED_ON_CREATE: Record<ExportTable, string[]> = {
  actions: ['kind', 'title_es', 'institute_role'],
  participations: [],
  funding: ['type', 'amount'],
  milestones: ['type', 'title'],
  results: ['statement'],
  indicators: ['name'],
};

// The import columns are exactly the export's: a drift fails at start-up, not in a user's hands.
for (const table of EXPORT_TABLES) {
  const exported = TABLES[table].columns.map((c) => c.header).join(',');
  const imported = IMPORT_COLUMNS[table].map((c) => c.header).join(',');
  if (exported !== imported)
    throw new Error(`Import columns of ${table} differ from the export: ${imported}`);
}

export const columnOf = (table: ExportTable, header: string) =>
  IMPORT_COLUMNS[table].find((c) => c.header === header);
