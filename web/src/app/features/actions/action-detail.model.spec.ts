import type { Funding } from '../../core/api/models';
import {
  changedFields,
  groupFunding,
  indicatorProgress,
  missingParts,
} from './action-detail.model';

const funding = (
  type: Funding['type'],
  amount: string,
  currency: Funding['currency'] = 'MXN',
): Funding => ({
  id: `${type}-${amount}`,
  type,
  amount,
  currency,
  valueDate: null,
  valueDatePrecision: null,
  periodStart: null,
  periodEnd: null,
  providerId: null,
  providerName: null,
  receiverId: null,
  receiverName: null,
  description: null,
  version: 1,
});

describe('funding grouping', () => {
  it('keeps ceilings apart from money committed or executed', () => {
    const { ceilings, money } = groupFunding([
      funding('ceiling', '16187025.00'),
      funding('expenditure', '1079370.37'),
      funding('commitment', '500.00'),
    ]);
    expect(ceilings?.totals).toEqual([{ currency: 'MXN', amount: '16187025.00' }]);
    expect(money.map((g) => g.type)).toEqual(['commitment', 'expenditure']);
  });

  it('never adds amounts in different currencies together', () => {
    const { money } = groupFunding([
      funding('in_kind', '1000', 'USD'),
      funding('in_kind', '10.50'),
      funding('in_kind', '5'),
    ]);
    expect(money[0].totals).toEqual([
      { currency: 'USD', amount: '1000.00' },
      { currency: 'MXN', amount: '15.50' },
    ]);
  });
});

describe('indicator progress', () => {
  it('measures from baseline to target', () => {
    expect(indicatorProgress({ baseline: '0', target: '38', actual: '19' })).toBe(50);
    expect(indicatorProgress({ baseline: '100', target: '200', actual: '250' })).toBe(100);
    expect(indicatorProgress({ baseline: null, target: '1000', actual: '0' })).toBe(0);
  });

  it('gives no bar when values are missing or not numbers', () => {
    expect(indicatorProgress({ baseline: '0', target: null, actual: '5' })).toBeNull();
    expect(indicatorProgress({ baseline: '0', target: 'alto', actual: '5' })).toBeNull();
    expect(indicatorProgress({ baseline: '5', target: '5', actual: '5' })).toBeNull();
  });
});

describe('audit changes', () => {
  it('lists changed fields, ignoring version bookkeeping', () => {
    expect(
      changedFields(
        { status: 'pipeline', version: 1, titleEs: 'A' },
        { status: 'closed', version: 2, titleEs: 'A' },
      ),
    ).toEqual(['status']);
  });
});

describe('what a new action still lacks', () => {
  it('lists partners, money and milestones while they have no entries', () => {
    expect(missingParts({ participations: [], funding: [], milestones: [] })).toEqual([
      'participations',
      'funding',
      'milestones',
    ]);
    expect(missingParts({ participations: [{}], funding: [], milestones: [{}] })).toEqual([
      'funding',
    ]);
  });

  it('is empty when nothing is missing', () => {
    expect(missingParts({ participations: [{}], funding: [{}], milestones: [{}] })).toEqual([]);
  });
});
