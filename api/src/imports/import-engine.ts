import type { EntityManager } from 'typeorm';
import type { ImportInput } from './import-model';
import { activitiesOf, planByActivity, PlanOptions } from './plan/activities';
import { planActions } from './plan/actions-planner';
import { DOCUMENTS } from './plan/documents-planner';
import { FUNDING } from './plan/funding-planner';
import { loadStored } from './plan/load-stored';
import { MILESTONES } from './plan/milestones-planner';
import { PartSpec, planParts } from './plan/part-planner';
import { PARTICIPATIONS, planParticipationOrganisations } from './plan/participations-planner';
import { PlanContext, PlanResult, StoredRecords } from './plan/plan-context';
import { INDICATORS, RESULTS } from './plan/results-planner';

export { applyPlan } from './plan/apply-plan';
export type { Atomicity, PlanOptions } from './plan/activities';
export type { ActivityPlan, PlanResult } from './plan/plan-context';

/** A planner: one step of a plan, reading and filling the shared context. */
export type Planner = (ctx: PlanContext) => void;

const parts =
  (spec: PartSpec): Planner =>
  (ctx) =>
    planParts(ctx, spec, ctx.stored[spec.table]);

/**
 * The planners, in the order they run: participations name their organisations first (they
 * carry ids and attributes), then actions, then each kind of part (results before their
 * indicators). A new kind of record is a new planner here, not a branch in another one.
 */
export const PLANNERS: Planner[] = [
  planParticipationOrganisations,
  planActions,
  parts(PARTICIPATIONS),
  parts(FUNDING),
  parts(MILESTONES),
  parts(RESULTS),
  parts(INDICATORS),
  parts(DOCUMENTS),
];

/**
 * Plans a file against stored records (plain objects; no database): for every row what would be
 * created, updated, deleted or left unchanged, and every problem with its location. Rows are
 * matched by stable keys: actions by code; parts by their id when the database holds it,
 * otherwise by a natural key within the action; organisations by id, IATI ref, then name.
 * IATI rows carry the key of their element (`_import_key`, position among equals in file order)
 * and match the record that key created; what an earlier import of a republished activity
 * created and the file no longer holds is deleted (never records made by hand).
 */
export function planStored(input: ImportInput, stored: StoredRecords): PlanResult {
  const ctx = new PlanContext(input, stored);
  for (const planner of PLANNERS) planner(ctx);
  const result = ctx.result();
  return { ...result, activities: activitiesOf(input, result.rows, result.issues) };
}

/** Plans an import against the database as it is (inside the caller's transaction). */
async function planOnce(m: EntityManager, input: ImportInput): Promise<PlanResult> {
  return planStored(input, await loadStored(m, input));
}

/**
 * Plans an import (see planStored). With `atomicity: 'activity'` an IATI file's activities with
 * errors are left out and listed in `skipped`; the others are planned to apply.
 */
export async function planImport(
  m: EntityManager,
  input: ImportInput,
  options: PlanOptions = {},
): Promise<PlanResult> {
  if (options.atomicity === 'activity') return planByActivity(input, (i) => planOnce(m, i));
  return planOnce(m, input);
}
