import { activitiesOf, planByActivity } from './activities';
import { inputOf, storedOf } from './fixtures.test';
import { planStored } from '../import-engine';

const activity = (n: number, title: string | null) => ({
  code: `A-${n}`,
  title_es: title,
  kind: 'cooperation_project',
  institute_role: 'recipient',
  _path: `iati-activity[${n}]`,
});

describe('per activity', () => {
  it('lists each activity with its code and counts', () => {
    const input = inputOf({ actions: [activity(2, 'Dos'), activity(1, 'Uno')] }, 'iati');
    const rows = [
      {
        location: { file: 'f', path: 'iati-activity[1]' },
        table: 'actions' as const,
        key: 'A-1',
        outcome: 'create' as const,
      },
    ];
    expect(activitiesOf(input, rows, []).map((a) => [a.path, a.code, a.counts.create])).toEqual([
      ['iati-activity[1]', 'A-1', 1],
      ['iati-activity[2]', 'A-2', 0],
    ]);
    expect(activitiesOf(inputOf({ actions: [] }), rows, [])).toEqual([]);
  });

  it('atomicity=activity leaves out the activities with errors and plans the rest', async () => {
    const input = inputOf(
      { actions: [activity(1, 'Uno'), activity(2, null), activity(3, 'Tres')] },
      'iati',
    );
    const plan = await planByActivity(input, (i) => Promise.resolve(planStored(i, storedOf())));
    expect(plan.issues).toEqual([]);
    expect(plan.skipped.map((i) => [i.code, i.location.path])).toEqual([
      ['required', 'iati-activity[2]'],
    ]);
    expect(plan.activities.map((a) => [a.path, a.code, a.skipped, a.counts.create])).toEqual([
      ['iati-activity[1]', 'A-1', false, 1],
      ['iati-activity[2]', 'A-2', true, 0],
      ['iati-activity[3]', 'A-3', false, 1],
    ]);
    expect(plan.inserts.actions.map((a) => a.code)).toEqual(['A-1', 'A-3']);
  });
});
