import { planActions } from './actions-planner';
import { ACTION_ID, inputOf, outcomes, storedAction, storedOf } from './fixtures.test';
import { MILESTONES } from './milestones-planner';
import { planParts } from './part-planner';
import { PlanContext, StoredRecords } from './plan-context';
import { RESULTS } from './results-planner';

const result = (id: string, statement: string, importKey: string | null = null) => ({
  id,
  action_id: ACTION_ID,
  statement,
  import_key: importKey,
});
const planResults = (
  rows: Record<string, unknown>[],
  stored: Partial<StoredRecords>,
  kind: 'csv' | 'iati' = 'csv',
) => {
  const actions = [
    { code: 'A-1', title_es: 'Acción', _path: kind === 'iati' ? 'iati-activity[1]' : undefined },
  ];
  const ctx = new PlanContext(
    inputOf({ actions, results: rows }, kind),
    storedOf({ actions: [storedAction()], ...stored }),
  );
  planActions(ctx);
  planParts(ctx, RESULTS, ctx.stored.results);
  return ctx;
};

describe('planParts (the matching every kind of part shares)', () => {
  it('matches by file id, then by natural key in stored order; the rest is created', () => {
    const ctx = planResults(
      [
        { action_code: 'A-1', statement: 'Segundo', id: 'r2' },
        { action_code: 'A-1', statement: 'PRIMERO' },
        { action_code: 'A-1', statement: 'Primero' },
      ],
      { results: [result('r1', 'Primero'), result('r2', 'Segundo')] },
    );
    expect(outcomes(ctx.rows, 'results')).toEqual(['unchanged', 'update', 'create']);
    expect(ctx.updates.results[0].before.id).toBe('r1');
  });

  it('refuses an id of another action and the same record twice', () => {
    const other = { ...result('r9', 'Ajeno'), action_id: 'other' };
    const ctx = planResults(
      [
        { action_code: 'A-1', statement: 'Ajeno', id: 'r9' },
        { action_code: 'A-1', statement: 'Primero', id: 'r1' },
        { action_code: 'A-1', statement: 'Primero', id: 'r1' },
        { action_code: 'A-404', statement: 'Sin acción' },
      ],
      { results: [other, result('r1', 'Primero')] },
    );
    expect(ctx.issues.map((i) => i.code)).toEqual([
      'id_conflict',
      'duplicate_key',
      'unknown_action',
    ]);
  });

  it('IATI: matches by import key only, and deletes what an earlier import created and the file no longer holds', () => {
    const ctx = planResults(
      [
        {
          action_code: 'A-1',
          statement: 'Resultado',
          _import_key: 'result|resultado#2',
          _path: 'iati-activity[1]/result[1]',
        },
      ],
      {
        results: [
          result('r1', 'Resultado', 'result|resultado#1'),
          result('r2', 'Resultado', 'result|resultado#2'),
          result('r3', 'A mano'),
        ],
      },
      'iati',
    );
    expect(outcomes(ctx.rows, 'results')).toEqual(['unchanged', 'delete']);
    expect(ctx.deletes.results.map((r) => r.id)).toEqual(['r1']);
    expect(ctx.rows.at(-1)?.key).toBe('A-1 · Resultado');
  });

  it('checks what a kind requires: a milestone needs a date', () => {
    const ctx = new PlanContext(
      inputOf({
        milestones: [
          { action_code: 'A-1', type: 'workshop', title: 'Taller', date_precision: null },
        ],
      }),
      storedOf({ actions: [storedAction()] }),
    );
    planActions(ctx);
    planParts(ctx, MILESTONES, []);
    expect(ctx.issues.map((i) => [i.code, i.location.column])).toEqual([
      ['required', 'planned_date'],
    ]);
  });
});
