import type { Grouped } from '../../core/api/models';
import { moneyByYear } from './partner-detail';

const figure = (total: string) => ({ total, currency: 'MXN' }) as never;
const group = (key: string | null, modality: string, c: string, e: string, x: string) =>
  ({
    key,
    modality,
    actions: 1,
    money: {
      ceilings: figure(c),
      committed: figure(e),
      executed: figure(x),
      inKind: figure('0.00'),
    },
  }) as never;

describe('moneyByYear', () => {
  it('folds modalities into one row per year, summing to the cent, in year order', () => {
    const grouped = {
      currency: 'MXN',
      groupBy: 'year',
      totalGroups: 3,
      overlapping: false,
      groups: [
        group('2020', 'technical', '0.00', '100.10', '0.05'),
        group('2019', 'technical', '16187025.00', '0.00', '0.00'),
        group('2020', 'financial', '0.00', '0.20', '999999999999.95'),
      ],
    } as unknown as Grouped;
    expect(moneyByYear(grouped)).toEqual([
      { year: '2019', ceilings: '16187025.00', committed: '0.00', executed: '0.00' },
      { year: '2020', ceilings: '0.00', committed: '100.30', executed: '1000000000000.00' },
    ]);
  });

  it('gives no rows without data', () => {
    expect(moneyByYear(null)).toEqual([]);
  });
});
