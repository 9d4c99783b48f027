import type { Group, PartnerYear } from '../../core/api/models';
import { firstFigureWithMoney, partnerMoneyChart, partnerYearChart } from './partner-money';

const fig = (total: string) => ({
  total,
  currency: 'MXN',
  byCurrency: [],
  records: 0,
  unconvertedCount: 0,
});
const figures = (ceilings: string, committed = '0.00') => ({
  ceilings: fig(ceilings),
  committed: fig(committed),
  executed: fig('0.00'),
  inKind: fig('0.00'),
});

describe('partner money: two named figures, never added together', () => {
  const giz = {
    key: 'giz-id',
    label: 'GIZ',
    actions: 12,
    money: figures('0.00'),
    participation: figures('29139469.43'),
  } as unknown as Group;
  const eu = {
    key: 'eu-id',
    label: 'UE',
    actions: 3,
    money: figures('12952444.43'),
    participation: figures('14031814.80'),
  } as unknown as Group;

  it('shows the first key figure with money in either series', () => {
    expect(firstFigureWithMoney([{ provided: giz.money, participation: giz.participation }])).toBe(
      'ceilings',
    );
    expect(firstFigureWithMoney([])).toBe('committed');
  });

  it('draws both series per partner, with exact amounts in its table', () => {
    const chart = partnerMoneyChart([giz, eu], {
      currency: 'MXN',
      locale: 'es-MX',
      figure: 'ceilings',
      label: (g) => g.label ?? '',
    });
    expect(chart.empty).toBe(false);
    expect(chart.table.columns).toEqual([
      'Socio',
      'Aportado por el socio · Techos de asistencia (hasta)',
      'En acciones donde participa · Techos de asistencia (hasta)',
    ]);
    expect(chart.table.rows.map((r) => r.cells)).toEqual([
      ['GIZ', '$0.00 MXN', '$29,139,469.43 MXN'],
      ['UE', '$12,952,444.43 MXN', '$14,031,814.80 MXN'],
    ]);
  });

  it('is empty when no partner has money in the figure', () => {
    const chart = partnerMoneyChart([giz], {
      currency: 'MXN',
      locale: 'es-MX',
      figure: 'executed',
      label: () => 'GIZ',
    });
    expect(chart.empty).toBe(true);
  });

  it('draws the partner page by year, "not stated" as "Sin fecha"', () => {
    const years = [
      { year: '2018', provided: figures('0.00'), participation: figures('100.10') },
      { year: null, provided: figures('0.00'), participation: figures('0.00', '5.00') },
    ] as unknown as PartnerYear[];
    const chart = partnerYearChart(years, { currency: 'USD', locale: 'en', figure: 'ceilings' });
    expect(chart.table.rows.map((r) => r.cells[0])).toEqual(['2018', 'Sin fecha']);
    expect(chart.table.rows[0].cells[2]).toBe('$100.10 USD');
  });
});
