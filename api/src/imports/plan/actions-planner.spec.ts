import { planActions } from './actions-planner';
import { inputOf, outcomes, storedAction, storedOf } from './fixtures.test';
import { PlanContext } from './plan-context';

const plan = (
  rows: Record<string, unknown>[],
  kind: 'csv' | 'iati' = 'csv',
  stored = storedOf(),
) => {
  const ctx = new PlanContext(inputOf({ actions: rows }, kind), stored);
  planActions(ctx);
  return ctx;
};

describe('planActions', () => {
  it('creates new codes with the defaults of the reader, updates and leaves stored ones', () => {
    const ctx = plan(
      [
        { code: 'A-1', title_es: 'Acción' },
        {
          code: 'A-2',
          title_es: 'Nueva',
          _defaults: { kind: 'cooperation_project', institute_role: 'recipient' },
        },
        { code: 'A-3', title_es: 'Otra' },
      ],
      'csv',
      storedOf({ actions: [storedAction('A-1'), storedAction('A-3', 'b')] }),
    );
    expect(outcomes(ctx.rows, 'actions')).toEqual(['unchanged', 'create', 'update']);
    expect(ctx.inserts.actions[0]).toMatchObject({ kind: 'cooperation_project', code: 'A-2' });
    expect(ctx.updates.actions[0].changes).toEqual(['title_es']);
    expect([...ctx.actions.ids.keys()]).toEqual(['A-1', 'A-2', 'A-3']);
  });

  it('refuses a repeated code, a missing required value and an end before its start', () => {
    const ctx = plan([
      { code: 'A-9', title_es: 'Uno', kind: 'network_membership', institute_role: 'provider' },
      { code: 'A-9', title_es: 'Dos' },
      { code: 'A-8', title_es: 'Sin tipo' },
      {
        code: 'A-7',
        title_es: 'Fechas',
        kind: 'network_membership',
        institute_role: 'provider',
        planned_start: '2020-05-01',
        planned_end: '2020-01-01',
      },
    ]);
    expect(ctx.issues.map((i) => [i.code, i.location.column])).toEqual([
      ['duplicate_key', 'code'],
      ['required', 'kind'],
      ['required', 'institute_role'],
      ['date_order', 'planned_end'],
    ]);
    expect(outcomes(ctx.rows, 'actions')).toEqual(['create']);
  });

  it('IATI: marks republished activities (not our own export, not those with errors)', () => {
    const ctx = plan(
      [
        { code: 'A-1', title_es: 'Acción', _path: 'iati-activity[1]' },
        { code: 'A-2', title_es: 'Propia', _own: true, _path: 'iati-activity[2]' },
      ],
      'iati',
      storedOf({ actions: [storedAction('A-1'), storedAction('A-2', 'b')] }),
    );
    expect([...ctx.actions.republished.values()].map((r) => r.code)).toEqual(['A-1']);
  });
});
