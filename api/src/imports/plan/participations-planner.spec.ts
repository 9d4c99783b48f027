import { planActions } from './actions-planner';
import { ACTION_ID, inputOf, outcomes, storedAction, storedOf } from './fixtures.test';
import { planParts } from './part-planner';
import { PARTICIPATIONS, planParticipationOrganisations } from './participations-planner';
import { PlanContext } from './plan-context';

const giz = {
  id: 'giz',
  slug: 'giz',
  name: 'GIZ',
  acronym: null,
  type: 'bilateral_agency',
  country: null,
  iati_ref: 'DE-1',
};
const plan = (rows: Record<string, unknown>[], kind: 'csv' | 'iati' = 'csv') => {
  const ctx = new PlanContext(
    inputOf({ participations: rows }, kind),
    storedOf({
      organisations: [giz],
      actions: [storedAction()],
      participations: [
        {
          id: 'p1',
          action_id: ACTION_ID,
          organisation_id: 'giz',
          role: 'funding',
          import_key: null,
        },
      ],
    }),
  );
  planParticipationOrganisations(ctx);
  planActions(ctx);
  planParts(ctx, PARTICIPATIONS, ctx.stored.participations);
  return ctx;
};

describe('PARTICIPATIONS', () => {
  it('an IATI participating-org matches the hand-made participation of the same organisation and role', () => {
    const ctx = plan(
      [
        {
          action_code: 'A-1',
          organisation: 'Deutsche Gesellschaft',
          role: 'funding',
          _organisation_ref: 'DE-1',
          _import_key: 'participation|DE-1|funding#1',
          _path: 'iati-activity[1]/participating-org[1]',
        },
      ],
      'iati',
    );
    expect(outcomes(ctx.rows, 'participations')).toEqual(['unchanged']);
    expect(ctx.inserts.organisations).toEqual([]);
  });

  it('refuses the same organisation and role twice, a bad country and a missing role', () => {
    const ctx = plan([
      { action_code: 'A-1', organisation: 'GIZ', role: 'implementing' },
      { action_code: 'A-1', organisation: 'GIZ', role: 'implementing' },
      { action_code: 'A-1', organisation: 'UE', role: 'funding', organisation_country: 'Europa' },
      { action_code: 'A-1', organisation: 'C40', role: null },
    ]);
    expect(ctx.issues.map((i) => [i.code, i.location.column])).toEqual([
      ['invalid_country', 'organisation_country'],
      ['duplicate_key', undefined],
      ['required', 'role'],
    ]);
    expect(outcomes(ctx.rows, 'participations')).toEqual(['create']);
  });
});
