import type { InputRow } from '../import-model';
import type { PartSpec } from './part-planner';
import type { PlanContext } from './plan-context';
import { norm, pick } from './plan-util';

/**
 * Results: by statement (case aside) within an action. Each result's id is remembered under the
 * file's id and the reader's key (`_key`, an IATI result path), so its indicators find it.
 */
export const RESULTS: PartSpec = {
  table: 'results',
  parent: 'action_id',
  build: (_ctx, r, actionId) => ({ values: pick(r.values, ['statement']), parentId: actionId }),
  natural: (v) => norm(String(v.statement ?? '')),
  key: (v, r) => `${String(r.values.action_code)} · ${String(v.statement).slice(0, 60)}`,
  deletedKey: (r) => String(r.statement).slice(0, 60),
  placed(ctx, r, id, actionId) {
    const fileId = r.values.id as string | undefined | null;
    if (fileId) ctx.resultIds.set(fileId, id);
    if (r.values._key) ctx.resultIds.set(String(r.values._key), id);
    ctx.resultAction.set(id, actionId);
  },
};

const INDICATOR_COLUMNS = [
  'name',
  'unit',
  'baseline',
  'baseline_date',
  'target',
  'target_date',
  'actual',
  'actual_date',
  'notes',
  'baseline_text',
  'target_text',
  'actual_text',
  'iati',
];

/** The result a row's indicator hangs from (file id, reader key or stored id), or a problem. */
function resultOf(ctx: PlanContext, r: InputRow, actionId: string): string | null {
  const ref = (r.values.result_id ?? r.values._result_key) as string | null | undefined;
  if (!ref) {
    ctx.issue(r.location, 'result_id', 'required', 'A value is required');
    return null;
  }
  const resultId = ctx.resultIds.get(ref) ?? (ctx.resultAction.has(ref) ? ref : undefined);
  if (!resultId) {
    const message = 'No result with this id in the file or the database';
    ctx.issue(r.location, 'result_id', 'unknown_result', message, ref);
    return null;
  }
  if (ctx.resultAction.get(resultId) !== actionId) {
    ctx.issue(r.location, 'result_id', 'id_conflict', 'The result belongs to another action', ref);
    return null;
  }
  return resultId;
}

/** Indicators: by name (case aside) within their result; values as written and as numbers. */
export const INDICATORS: PartSpec = {
  table: 'indicators',
  parent: 'result_id',
  build(ctx, r, actionId) {
    const resultId = resultOf(ctx, r, actionId);
    return resultId ? { values: pick(r.values, INDICATOR_COLUMNS), parentId: resultId } : null;
  },
  natural: (v) => norm(String(v.name ?? '')),
  key: (v, r) => `${String(r.values.action_code)} · ${String(v.name)}`,
  deletedKey: (r) => String(r.name),
};
