import { randomUUID } from 'node:crypto';
import type { ImportLocation, InputRow } from '../import-model';
import { checkMilestoneDates, checkRequired } from './checks';
import { blank, diff, Rec } from './db-columns';
import type { PartTable, PlanContext } from './plan-context';
import { describe } from './plan-util';

/**
 * One kind of part of an action (participations, money, milestones, results, indicators): how a
 * row of the file becomes the values of a record, and how records are told apart. The generic
 * {@link planParts} does the matching, the outcomes and the deletes for every kind.
 */
export interface PartSpec {
  table: PartTable;
  /** The column of the record's parent (indicators hang from results). */
  parent: 'action_id' | 'result_id';
  /** The values a row gives its record and the id of its parent; null after a problem. */
  build(ctx: PlanContext, r: InputRow, actionId: string): { values: Rec; parentId: string } | null;
  /** The natural key of a record within its parent (rows without an id or import key). */
  natural(v: Rec): string;
  /** How the report names the row. */
  key(v: Rec, r: InputRow): string;
  /** How the report names a deleted record. */
  deletedKey(r: Rec): string;
  /** Two rows of the file with the same natural key are an error (participations). */
  unique?: boolean;
  /** Told the id of every matched or created record (results: for their indicators). */
  placed?(ctx: PlanContext, r: InputRow, id: string, actionId: string): void;
}

/** The stored records of one kind, indexed the three ways a row may name one. */
class StoredParts {
  readonly byId: Map<string, Rec>;
  readonly byNatural = new Map<string, Rec[]>();
  readonly byImportKey = new Map<string, Rec>();
  readonly used = new Set<string>();

  constructor(
    readonly spec: PartSpec,
    readonly all: Rec[],
  ) {
    this.byId = new Map(all.map((e) => [e.id as string, e]));
    for (const e of all) {
      const k = `${String(e[spec.parent])}|${spec.natural(e)}`;
      this.byNatural.set(k, [...(this.byNatural.get(k) ?? []), e]);
      if (e.import_key)
        this.byImportKey.set(`${String(e[spec.parent])}|${String(e.import_key)}`, e);
    }
  }

  /** The first stored record of a natural key that no row took yet. */
  free(nk: string): Rec | undefined {
    return this.byNatural.get(nk)?.find((e) => !this.used.has(e.id as string));
  }
}

/**
 * Plans the rows of one kind of part against the stored records: a row matches the record of its
 * file id (in the same action), else (IATI) the record its import key created, else one with the
 * same natural key; unmatched rows are created. Then, for republished IATI activities, the
 * records an earlier import created and no row matched are deleted (never hand-made ones).
 */
export function planParts(ctx: PlanContext, spec: PartSpec, stored: Rec[]): void {
  const parts = new StoredParts(spec, stored);
  const seen = new Map<string, ImportLocation>();
  for (const r of ctx.rowsOf(spec.table)) {
    const actionId = ctx.actionIdOf(r);
    if (!actionId) continue;
    const built = spec.build(ctx, r, actionId);
    if (!built) continue;
    const nk = `${built.parentId}|${spec.natural(built.values)}`;
    if (spec.unique) {
      if (seen.has(nk)) {
        const where = describe(seen.get(nk) as ImportLocation);
        ctx.issue(r.location, undefined, 'duplicate_key', `The same record is already in ${where}`);
        continue;
      }
      seen.set(nk, r.location);
    }
    const match = matchOf(ctx, parts, r, built.parentId, nk, actionId);
    if (match === null) continue;
    if (match) planMatched(ctx, parts, r, built, match, actionId);
    else planNew(ctx, parts, r, built, actionId);
  }
  planDeletes(ctx, parts);
}

/** The stored record a row names; undefined for none, null after a problem. */
function matchOf(
  ctx: PlanContext,
  parts: StoredParts,
  r: InputRow,
  parentId: string,
  nk: string,
  actionId: string,
): Rec | undefined | null {
  const { spec } = parts;
  const fileId = r.values.id as string | undefined | null;
  const importKey = r.values._import_key as string | undefined;
  const byFileId = fileId ? parts.byId.get(fileId) : undefined;
  let match: Rec | undefined;
  if (byFileId) {
    const owner = spec.table === 'indicators' ? byFileId._action_id : byFileId[spec.parent];
    if (String(owner) !== actionId) {
      const message = 'The id belongs to a record of another action';
      ctx.issue(r.location, 'id', 'id_conflict', message, fileId);
      return null;
    }
    match = byFileId;
  } else if (importKey) {
    // A republished element: the record it created, else (participations: one per
    // organisation and role) the hand-made one it names; never another by its values.
    match = parts.byImportKey.get(`${parentId}|${importKey}`);
    if (!match && spec.table === 'participations') match = parts.free(nk);
  } else match = parts.free(nk);
  if (match && parts.used.has(match.id as string)) {
    ctx.issue(r.location, 'id', 'duplicate_key', 'The record appears twice in the file', fileId);
    return null;
  }
  return match;
}

function planMatched(
  ctx: PlanContext,
  parts: StoredParts,
  r: InputRow,
  built: { values: Rec; parentId: string },
  match: Rec,
  actionId: string,
): void {
  const { spec } = parts;
  const report = ctx.issue.bind(ctx);
  parts.used.add(match.id as string);
  const { _action_id: _ignored, ...before } = match;
  const after: Rec = { ...before, ...built.values, [spec.parent]: built.parentId };
  if (!checkRequired(spec.table, after, false, r.location, report)) return;
  if (!checkMilestoneDates(spec.table, after, r.location, report)) return;
  const changes = diff(spec.table, before, after);
  if (changes.length) ctx.updates[spec.table].push({ before, after, changes });
  ctx.rows.push({
    location: r.location,
    table: spec.table,
    key: spec.key(built.values, r),
    outcome: changes.length ? 'update' : 'unchanged',
    ...(changes.length ? { changes } : {}),
  });
  spec.placed?.(ctx, r, match.id as string, actionId);
}

function planNew(
  ctx: PlanContext,
  parts: StoredParts,
  r: InputRow,
  built: { values: Rec; parentId: string },
  actionId: string,
): void {
  const { spec } = parts;
  const report = ctx.issue.bind(ctx);
  const after: Rec = { ...blank(spec.table), ...built.values, [spec.parent]: built.parentId };
  if (!checkRequired(spec.table, after, true, r.location, report)) return;
  if (!checkMilestoneDates(spec.table, after, r.location, report)) return;
  const fileId = r.values.id as string | undefined | null;
  after.id = fileId && !parts.byId.has(fileId) ? fileId : randomUUID();
  const importKey = r.values._import_key as string | undefined;
  if (importKey) after.import_key = importKey;
  ctx.inserts[spec.table].push(after);
  ctx.rows.push({
    location: r.location,
    table: spec.table,
    key: spec.key(built.values, r),
    outcome: 'create',
  });
  spec.placed?.(ctx, r, after.id as string, actionId);
}

/**
 * The activity as published is the whole truth: what an earlier import of it created and it no
 * longer holds goes. Records made by hand (no import_key) are never deleted.
 */
function planDeletes(ctx: PlanContext, parts: StoredParts): void {
  const { spec } = parts;
  for (const e of parts.all) {
    if (!e.import_key || parts.used.has(e.id as string)) continue;
    const actionId = String(spec.table === 'indicators' ? e._action_id : e.action_id);
    const owner = ctx.actions.republished.get(actionId);
    if (!owner) continue;
    const { _action_id: _ignored, ...before } = e;
    ctx.deletes[spec.table].push({ ...before, action_id: actionId });
    ctx.rows.push({
      location: owner.location,
      table: spec.table,
      key: `${owner.code} · ${spec.deletedKey(before)}`,
      outcome: 'delete',
    });
  }
}
