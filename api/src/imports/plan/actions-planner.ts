import { randomUUID } from 'node:crypto';
import type { ImportLocation, InputRow } from '../import-model';
import { checkDates, checkRequired } from './checks';
import { blank, diff, Rec } from './db-columns';
import type { PlanContext } from './plan-context';
import { activityPath, describe } from './plan-util';

/**
 * Actions, matched by `code` (a file id that belongs to another action is a conflict). Fills
 * `ctx.actions`: the id of every action code of the file, and (IATI) the actions whose activity
 * is republished whole, so that the part planners delete what it no longer holds.
 */
export function planActions(ctx: PlanContext): void {
  const stored = ctx.stored.actions;
  ctx.actions.stored = new Map(stored.map((a) => [a.code as string, a]));
  const byId = new Map(stored.map((a) => [a.id as string, a]));
  const seen = new Map<string, ImportLocation>();
  const rows = ctx.rowsOf('actions');
  for (const r of rows) {
    const code = r.values.code as string | null;
    if (!code) {
      ctx.issue(r.location, 'code', 'required', 'A value is required');
      continue;
    }
    if (seen.has(code)) {
      const where = describe(seen.get(code) as ImportLocation);
      ctx.issue(r.location, 'code', 'duplicate_key', `The code is already in ${where}`, code);
      continue;
    }
    seen.set(code, r.location);
    const existing = ctx.actions.stored.get(code);
    const fileId = r.values.id as string | undefined | null;
    if (!existing && fileId && byId.has(fileId)) {
      const owner = String(byId.get(fileId)?.code);
      ctx.issue(r.location, 'id', 'id_conflict', `The id belongs to action ${owner}`, fileId);
      continue;
    }
    planAction(ctx, r, code, existing);
  }
  if (ctx.input.kind === 'iati') markRepublished(ctx, rows);
}

/** The values a row wants an action to have (its stored values, with the row's on top). */
export function desiredAction(ctx: PlanContext, r: InputRow, existing: Rec | undefined): Rec {
  const v = r.values;
  const desired: Rec = existing ? { ...existing } : blank('actions');
  for (const [k, value] of Object.entries(v)) {
    if (k === 'id' || k === 'institute' || value === undefined || k.startsWith('_')) continue;
    desired[k] = value;
  }
  if ('institute' in v) {
    desired.institute_id = v.institute
      ? ctx.organisations.orgFor(r.location, 'institute', {
          name: v.institute as string,
          defaults: { type: 'subnational_government' },
        })
      : null;
  }
  if (!existing)
    for (const [k, value] of Object.entries((v._defaults as Rec | undefined) ?? {}))
      if (desired[k] === null || desired[k] === undefined) desired[k] = value;
  return desired;
}

function planAction(ctx: PlanContext, r: InputRow, code: string, existing: Rec | undefined): void {
  const desired = desiredAction(ctx, r, existing);
  const report = ctx.issue.bind(ctx);
  if (!checkRequired('actions', desired, !existing, r.location, report)) return;
  const pairs: [string, string][] = [
    ['planned_start', 'planned_end'],
    ['actual_start', 'actual_end'],
  ];
  if (!checkDates(desired, r.location, report, pairs)) return;
  if (!existing) {
    desired.id = (r.values.id as string | undefined | null) ?? randomUUID();
    desired.code = code;
    ctx.inserts.actions.push(desired);
    ctx.rows.push({ location: r.location, table: 'actions', key: code, outcome: 'create' });
    ctx.actions.ids.set(code, desired.id as string);
    return;
  }
  const changes = diff('actions', existing, desired);
  if (changes.length) ctx.updates.actions.push({ before: existing, after: desired, changes });
  ctx.rows.push({
    location: r.location,
    table: 'actions',
    key: code,
    outcome: changes.length ? 'update' : 'unchanged',
    ...(changes.length ? { changes } : {}),
  });
  ctx.actions.ids.set(code, existing.id as string);
}

/** IATI activities replace what earlier imports of them created (not those with errors). */
function markRepublished(ctx: PlanContext, rows: InputRow[]): void {
  const failed = new Set(ctx.input.issues.map((i) => activityPath(i.location.path)));
  for (const r of rows) {
    const code = r.values.code as string | null;
    const id = code ? ctx.actions.ids.get(code) : undefined;
    if (id && !r.values._own && !failed.has(activityPath(r.location.path)))
      ctx.actions.republished.set(id, { code: code as string, location: r.location });
  }
}
