import type { ImportInput, ImportIssue, ImportLocation, PlannedRow } from '../import-model';
import type { ActivityPlan, PlanResult } from './plan-context';
import { activityIndex, activityPath, zero } from './plan-util';

/**
 * The unit of all-or-nothing: the whole file (default: any error refuses everything), or each
 * IATI activity (activities with errors are left out and listed in `skipped`; the others apply in
 * the one transaction).
 */
export type Atomicity = 'file' | 'activity';
export interface PlanOptions {
  atomicity?: Atomicity;
}

/** The per-activity view of a plan's rows and problems (IATI files only). */
export function activitiesOf(
  input: ImportInput,
  rows: PlannedRow[],
  issues: ImportIssue[],
): ActivityPlan[] {
  if (input.kind !== 'iati') return [];
  const byPath = new Map<string, ActivityPlan>();
  const entry = (path: string) => {
    let a = byPath.get(path);
    if (!a) byPath.set(path, (a = { path, code: null, counts: zero(), errors: 0, skipped: false }));
    return a;
  };
  for (const r of input.tables.find((t) => t.table === 'actions')?.rows ?? [])
    entry(activityPath(r.location.path)).code = (r.values.code as string | null) ?? null;
  for (const r of rows)
    if (r.location.path) entry(activityPath(r.location.path)).counts[r.outcome]++;
  for (const i of issues) if (i.location.path) entry(activityPath(i.location.path)).errors++;
  return [...byPath.values()].sort((a, b) => activityIndex(a.path) - activityIndex(b.path));
}

/** The input without the rows and problems of the activities in `left`. */
export function withoutActivities(input: ImportInput, left: Set<string>): ImportInput {
  const kept = (l: ImportLocation) => !left.has(activityPath(l.path));
  return {
    ...input,
    tables: input.tables.map((t) => ({ ...t, rows: t.rows.filter((r) => kept(r.location)) })),
    issues: input.issues.filter((i) => kept(i.location)),
  };
}

/**
 * Plans with `atomicity: 'activity'`: an IATI file's activities with errors are left out, their
 * problems move to `skipped` and the rest is planned again (a few rounds at most, as leaving one
 * out can only remove problems of others). Problems outside any activity still refuse the file.
 */
export async function planByActivity(
  input: ImportInput,
  plan: (input: ImportInput) => Promise<PlanResult>,
): Promise<PlanResult> {
  const codes = new Map(activitiesOf(input, [], []).map((a) => [a.path, a.code]));
  let result = await plan(input);
  const skipped: ImportIssue[] = [];
  const left = new Set<string>();
  for (let round = 0; input.kind === 'iati' && round < 3; round++) {
    const failed = new Set(result.issues.map((i) => activityPath(i.location.path)));
    if (!result.issues.length || failed.has('')) break;
    skipped.push(...result.issues);
    for (const f of failed) left.add(f);
    input = withoutActivities(input, left);
    result = await plan(input);
  }
  markSkipped(result, left, skipped, codes);
  return { ...result, skipped };
}

/** Flags the activities left out (adding those that no longer have any row, with their code). */
function markSkipped(
  result: PlanResult,
  left: Set<string>,
  skipped: ImportIssue[],
  codes: Map<string, string | null>,
): void {
  for (const a of result.activities) a.skipped = left.has(a.path);
  for (const path of left)
    if (!result.activities.some((a) => a.path === path))
      result.activities.push({
        path,
        code: codes.get(path) ?? null,
        counts: zero(),
        errors: skipped.filter((i) => activityPath(i.location.path) === path).length,
        skipped: true,
      });
  result.activities.sort((a, b) => activityIndex(a.path) - activityIndex(b.path));
}
