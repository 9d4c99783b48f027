// migrations/ sits at the top level (fixed layout) and is compiled into the API bundle.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ACTIONS_TOUCHED, TOUCH_SETTING, WATCHED_TABLES } from '../../../migrations';

/** Set (transaction-local) just before an `UPDATE actions` that only moves its last update. */
export { ACTIONS_TOUCHED, TOUCH_SETTING };

/**
 * Tables whose changes move the data version (triggers of AddDataVersion), by name, and
 * `actions_touched`: an action's `updated_at`/`updated_by` moved by a change to one of its parts
 * (migration CountActionTouchesApart), read only by the answers that show those columns.
 */
export const VERSIONED_TABLES = [...WATCHED_TABLES, 'users', ACTIONS_TOUCHED] as const;
export type VersionedTable = (typeof VERSIONED_TABLES)[number];

/**
 * The data version per table, as PostgreSQL counts it (migration KeepDataVersionPerTable):
 * table name → committed statements that changed it; `''` is the base every answer includes
 * (row 0 starts at the clock, so a new or restored database never repeats a version).
 */
export type TableVersions = Readonly<Record<string, string | number>>;

/** One statement, one row: `{ "": "1796…", "actions": "12", … }` (json, parsed by pg). */
export const TABLE_VERSIONS_SQL = `(SELECT coalesce(json_object_agg(tbl, n), '{}')
    FROM (SELECT tbl, sum(n) AS n FROM public.data_version GROUP BY tbl) AS t)`;

/**
 * The version of an answer that reads `tables`: the base plus their counts, which only grow
 * with commits (a rollback takes its count back with it). Every table when none are named.
 */
export function versionOf(versions: TableVersions, tables?: readonly string[]): string {
  let sum = Number(versions[''] ?? 0);
  if (tables) {
    for (const table of tables) sum += Number(versions[table] ?? 0);
  } else {
    for (const [table, n] of Object.entries(versions)) if (table !== '') sum += Number(n);
  }
  return String(sum);
}
