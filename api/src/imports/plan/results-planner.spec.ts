import { planActions } from './actions-planner';
import { ACTION_ID, inputOf, outcomes, storedAction, storedOf } from './fixtures.test';
import { planParts } from './part-planner';
import { PlanContext } from './plan-context';
import { INDICATORS, RESULTS } from './results-planner';

const plan = (indicators: Record<string, unknown>[]) => {
  const ctx = new PlanContext(
    inputOf({
      results: [{ action_code: 'A-1', statement: 'Nuevo', _key: 'iati-activity[1]/result[1]' }],
      indicators,
    }),
    storedOf({
      actions: [storedAction(), storedAction('B-1', 'b')],
      results: [{ id: 'rb', action_id: 'b', statement: 'De otra acción', import_key: null }],
    }),
  );
  planActions(ctx);
  planParts(ctx, RESULTS, ctx.stored.results);
  planParts(ctx, INDICATORS, ctx.stored.indicators);
  return ctx;
};

describe('RESULTS and INDICATORS', () => {
  it('an indicator finds the result the file just created by its reader key', () => {
    const ctx = plan([
      {
        action_code: 'A-1',
        name: 'Km',
        _result_key: 'iati-activity[1]/result[1]',
        baseline_text: 'Sí',
      },
    ]);
    expect(outcomes(ctx.rows, 'indicators')).toEqual(['create']);
    const resultId = ctx.inserts.results[0].id;
    expect(ctx.inserts.indicators[0]).toMatchObject({ result_id: resultId, baseline_text: 'Sí' });
    expect(ctx.resultAction.get(resultId as string)).toBe(ACTION_ID);
  });

  it('refuses a missing or unknown result and a result of another action', () => {
    const ctx = plan([
      { action_code: 'A-1', name: 'Sin resultado' },
      { action_code: 'A-1', name: 'Perdido', result_id: '00000000-0000-4000-8000-00000000dead' },
      { action_code: 'A-1', name: 'Ajeno', result_id: 'rb' },
    ]);
    expect(ctx.issues.map((i) => i.code)).toEqual(['required', 'unknown_result', 'id_conflict']);
    expect(ctx.inserts.indicators).toEqual([]);
  });
});
