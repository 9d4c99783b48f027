import { FUNDING } from './funding-planner';
import { planActions } from './actions-planner';
import { ACTION_ID, inputOf, outcomes, storedAction, storedOf } from './fixtures.test';
import { planParts } from './part-planner';
import { PlanContext } from './plan-context';

const money = (amount: string, importKey: string | null = null) => ({
  id: `f-${amount}`,
  action_id: ACTION_ID,
  type: 'disbursement',
  amount,
  currency: 'USD',
  value_date: '2024-01-15',
  provider_id: null,
  receiver_id: null,
  import_key: importKey,
});

describe('FUNDING', () => {
  it('a corrected IATI amount updates the record its key created', () => {
    const ctx = new PlanContext(
      inputOf(
        {
          actions: [{ code: 'A-1', title_es: 'Acción', _path: 'iati-activity[1]' }],
          funding: [
            {
              action_code: 'A-1',
              type: 'disbursement',
              amount: '450.00',
              currency: 'USD',
              value_date: '2024-01-15',
              _import_key: 'transaction|3|2024-01-15#1',
              _path: 'iati-activity[1]/transaction[1]',
            },
          ],
        },
        'iati',
      ),
      storedOf({
        actions: [storedAction()],
        funding: [money('400.00', 'transaction|3|2024-01-15#1')],
      }),
    );
    planActions(ctx);
    planParts(ctx, FUNDING, ctx.stored.funding);
    expect(outcomes(ctx.rows, 'funding')).toEqual(['update']);
    expect(ctx.updates.funding[0].changes).toEqual(['amount']);
  });

  it('without keys a row matches by its values (amount to the cent), and names its parties', () => {
    const row = {
      action_code: 'A-1',
      type: 'disbursement',
      currency: 'USD',
      value_date: '2024-01-15',
    };
    const ctx = new PlanContext(
      inputOf({
        funding: [
          { ...row, amount: '400', provider: null, receiver: null },
          {
            ...row,
            amount: '400.00',
            provider: 'GIZ',
            receiver: null,
            _provider_type: 'bilateral_agency',
          },
        ],
      }),
      storedOf({ actions: [storedAction()], funding: [money('400.00')] }),
    );
    planActions(ctx);
    planParts(ctx, FUNDING, ctx.stored.funding);
    expect(outcomes(ctx.rows, 'funding')).toEqual(['unchanged', 'create']);
    expect(ctx.inserts.organisations).toEqual([
      expect.objectContaining({ name: 'GIZ', type: 'bilateral_agency' }),
    ]);
    expect(ctx.inserts.funding[0].provider_id).toBe(ctx.inserts.organisations[0].id);
  });
});
