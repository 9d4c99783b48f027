/**
 * Plain inputs and stored records for the planners' unit specs (not a test itself: jest runs
 * *.spec.ts; the app build leaves *.test.ts out).
 */
import type { ImportFileKind, ImportInput, InputTableName, PlannedRow } from '../import-model';
import type { Rec } from './db-columns';
import type { StoredRecords } from './plan-context';

/** An input of one file whose tables hold `rows` (IATI: located by `_path`, else by row). */
export function inputOf(
  tables: Partial<Record<InputTableName, Rec[]>>,
  kind: ImportFileKind = 'csv',
): ImportInput {
  return {
    kind,
    tables: Object.entries(tables).map(([table, rows]) => ({
      table: table as InputTableName,
      file: 'f',
      sheet: kind === 'workbook' ? table : undefined,
      headers: [],
      rows: (rows ?? []).map(({ _path, ...values }, i) => ({
        location: _path
          ? { file: 'f', path: String(_path) }
          : { file: 'f', sheet: table, row: i + 2 },
        values,
      })),
    })),
    issues: [],
    warnings: [],
  };
}

export const storedOf = (s: Partial<StoredRecords> = {}): StoredRecords => ({
  organisations: [],
  actions: [],
  participations: [],
  funding: [],
  milestones: [],
  results: [],
  indicators: [],
  document_links: [],
  ...s,
});

export const ACTION_ID = '00000000-0000-4000-8000-000000000001';
export const storedAction = (code = 'A-1', id = ACTION_ID): Rec => ({
  id,
  code,
  kind: 'cooperation_project',
  title_es: 'Acción',
  institute_role: 'recipient',
  themes: [],
  municipalities: [],
  sdgs: [],
  plan_alignment: [],
});

/** The outcomes of a plan's rows of `table`, in order. */
export const outcomes = (rows: PlannedRow[], table: string) =>
  rows.filter((r) => r.table === table).map((r) => r.outcome);
