import type { ActionStage, ProgressScheme, ProgressStage } from '../../core/api/models';

/** One row of the progress panel: a stage of the scheme, its weight and what was recorded. */
export interface StageRow {
  stage: ProgressStage;
  weight: number;
  record: ActionStage | null;
  /**
   * True when the stage adds its weight: it and every stage before it were reached (the API's
   * rule: the unbroken run from planning). A stage reached after a gap waits for the gap.
   */
  counts: boolean;
}

/** The scheme's stages in order, each with its recorded stage (if any). */
export function stageRows(scheme: ProgressScheme, stages: readonly ActionStage[]): StageRow[] {
  let unbroken = true;
  return scheme.stages.map(({ stage, weight }) => {
    const record = stages.find((s) => s.stage === stage) ?? null;
    unbroken = unbroken && record !== null;
    return { stage, weight, record, counts: unbroken };
  });
}

/** The percentage the rows add up to (what the API computes, for the figure shown before reload). */
export function rowsPercent(rows: readonly StageRow[]): number {
  return rows.filter((r) => r.counts).reduce((sum, r) => sum + r.weight, 0);
}
