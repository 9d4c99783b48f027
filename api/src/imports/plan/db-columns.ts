import Decimal from 'decimal.js';
import { stableJson } from '../iati-kept';
import type { ImportTable } from '../import-model';

export type PgType =
  | 'uuid'
  | 'text'
  | 'text[]'
  | 'smallint[]'
  | 'date'
  | 'timestamptz'
  | 'numeric'
  | 'jsonb';
/** One record as the planners see it: column → value (dates as YYYY-MM-DD, numerics as text). */
export type Rec = Record<string, unknown>;

/** The columns the import writes, per table, with their PostgreSQL types. */
export const DB: Record<ImportTable, [string, PgType][]> = {
  organisations: [
    ['id', 'uuid'],
    ['slug', 'text'],
    ['name', 'text'],
    ['acronym', 'text'],
    ['type', 'text'],
    ['country', 'text'],
    ['iati_ref', 'text'],
  ],
  actions: [
    ['id', 'uuid'],
    ['code', 'text'],
    ['kind', 'text'],
    ['title_es', 'text'],
    ['title_en', 'text'],
    ['summary_es', 'text'],
    ['summary_en', 'text'],
    ['objectives', 'text'],
    ['institute_id', 'uuid'],
    ['institute_role', 'text'],
    ['scheme', 'text'],
    ['modality', 'text'],
    ['status', 'text'],
    ['themes', 'text[]'],
    ['unit', 'text'],
    ['municipalities', 'text[]'],
    ['sdgs', 'smallint[]'],
    ['plan_alignment', 'text[]'],
    ['planned_start', 'date'],
    ['planned_end', 'date'],
    ['actual_start', 'date'],
    ['actual_start_precision', 'text'],
    ['actual_end', 'date'],
    ['actual_end_precision', 'text'],
    ['parent_programme', 'text'],
    ['source', 'text'],
    ['archived_at', 'timestamptz'],
    ['notes', 'text'],
    ['iati', 'jsonb'],
  ],
  participations: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['organisation_id', 'uuid'],
    ['role', 'text'],
    ['notes', 'text'],
    ['import_key', 'text'],
  ],
  funding: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['type', 'text'],
    ['amount', 'numeric'],
    ['currency', 'text'],
    ['value_date', 'date'],
    ['value_date_precision', 'text'],
    ['provider_id', 'uuid'],
    ['receiver_id', 'uuid'],
    ['description', 'text'],
    ['iati_type', 'text'],
    ['ref', 'text'],
    ['period_start', 'date'],
    ['period_end', 'date'],
    ['budget_type', 'text'],
    ['budget_status', 'text'],
    ['import_key', 'text'],
    ['iati', 'jsonb'],
  ],
  milestones: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['type', 'text'],
    ['title', 'text'],
    ['planned_date', 'date'],
    ['actual_date', 'date'],
    ['date_precision', 'text'],
    ['notes', 'text'],
  ],
  results: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['statement', 'text'],
    ['import_key', 'text'],
  ],
  indicators: [
    ['id', 'uuid'],
    ['result_id', 'uuid'],
    ['name', 'text'],
    ['unit', 'text'],
    ['baseline', 'numeric'],
    ['baseline_date', 'date'],
    ['target', 'numeric'],
    ['target_date', 'date'],
    ['actual', 'numeric'],
    ['actual_date', 'date'],
    ['notes', 'text'],
    ['baseline_text', 'text'],
    ['target_text', 'text'],
    ['actual_text', 'text'],
    ['import_key', 'text'],
    ['iati', 'jsonb'],
  ],
  document_links: [
    ['id', 'uuid'],
    ['action_id', 'uuid'],
    ['title', 'text'],
    ['url', 'text'],
    ['import_key', 'text'],
    ['iati', 'jsonb'],
  ],
};

/** Audit entity names, as the rest of the API writes them. */
export const ENTITY: Record<ImportTable, string> = {
  organisations: 'organisation',
  actions: 'action',
  participations: 'participation',
  funding: 'funding',
  milestones: 'milestone',
  results: 'result',
  indicators: 'indicator',
  document_links: 'document',
};

export const WRITE_ORDER: ImportTable[] = [
  'organisations',
  'actions',
  'results',
  'indicators',
  'participations',
  'funding',
  'milestones',
  'document_links',
];

/** A column read back in the shape the planners compare (dates as text, numerics as text). */
const canonical = (col: string, type: PgType, alias: string) => {
  const ref = `${alias}.${col}`;
  switch (type) {
    case 'date':
      return `to_char(${ref}, 'YYYY-MM-DD') AS ${col}`;
    case 'timestamptz':
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ${col}`;
    case 'numeric':
      return `${ref}::text AS ${col}`;
    case 'smallint[]':
      return `${ref}::int[] AS ${col}`;
    default:
      return `${ref}${col === 'country' || col === 'currency' ? '::text' : ''} AS ${col}`;
  }
};
export const selectList = (table: ImportTable, alias: string) =>
  DB[table].map(([c, t]) => canonical(c, t, alias)).join(', ');

/** Whether two values of a column are the same (numerics by value, jsonb by content). */
export function same(type: PgType, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined)
    return (a ?? null) === (b ?? null);
  if (type === 'numeric') return new Decimal(a as string).eq(new Decimal(b as string));
  if (type === 'jsonb') return stableJson(a) === stableJson(b);
  if (type === 'text[]' || type === 'smallint[]')
    return (
      JSON.stringify((a as unknown[]).map(String)) === JSON.stringify((b as unknown[]).map(String))
    );
  return a === b;
}

const EMPTY: Partial<Record<ImportTable, Rec>> = {
  actions: { themes: [], municipalities: [], sdgs: [], plan_alignment: [] },
  milestones: { date_precision: 'day' },
};

export function blank(table: ImportTable): Rec {
  const out: Rec = {};
  for (const [c] of DB[table]) out[c] = null;
  return { ...out, ...(EMPTY[table] ?? {}) };
}

/** The columns whose values differ between two versions of a record (id aside). */
export function diff(table: ImportTable, before: Rec, after: Rec): string[] {
  return DB[table].filter(([c, t]) => c !== 'id' && !same(t, before[c], after[c])).map(([c]) => c);
}
