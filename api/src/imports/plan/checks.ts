import type { ImportIssueCode, ImportLocation, InputTableName } from '../import-model';
import { REQUIRED_ON_CREATE } from '../import-spec';
import type { Rec } from './db-columns';

/** How a check reports a problem (PlanContext.issue). */
export type Report = (
  l: ImportLocation,
  column: string,
  code: ImportIssueCode,
  message: string,
) => void;

const REQUIRED: Record<InputTableName, string[]> = {
  ...REQUIRED_ON_CREATE,
  document_links: ['title', 'url'],
};

/** The NOT NULL columns a record needs (all on create; on update, those the file states). */
export function checkRequired(
  table: InputTableName,
  values: Rec,
  creating: boolean,
  location: ImportLocation,
  issue: Report,
): boolean {
  const cols = creating ? REQUIRED[table] : REQUIRED[table].filter((c) => c in values);
  const missing = cols.filter((c) => values[c] === null || values[c] === undefined);
  for (const c of missing) issue(location, c, 'required', 'A value is required');
  return missing.length === 0;
}

/** A milestone needs a planned or an actual date (the database's milestones_date_check). */
export function checkMilestoneDates(
  table: InputTableName,
  values: Rec,
  location: ImportLocation,
  issue: Report,
): boolean {
  if (table !== 'milestones' || values.planned_date || values.actual_date) return true;
  issue(location, 'planned_date', 'required', 'A milestone needs a planned or an actual date');
  return false;
}

/** Every end of `pairs` is not before its start. */
export function checkDates(
  values: Rec,
  location: ImportLocation,
  issue: Report,
  pairs: [string, string][],
): boolean {
  let ok = true;
  for (const [start, end] of pairs) {
    const s = values[start] as string | null;
    const e = values[end] as string | null;
    if (s && e && e < s) {
      issue(location, end, 'date_order', `Must not be before ${start} (${s})`);
      ok = false;
    }
  }
  return ok;
}
