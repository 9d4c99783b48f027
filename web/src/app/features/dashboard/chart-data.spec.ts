import type { Group, MoneyFigure } from '../../core/api/models';
import {
  actionsByProgressChart,
  actionsByStatusChart,
  clickedKey,
  moneyByGroupChart,
  moneyByYearChart,
  type MoneyDatum,
  moneyLabel,
  NARROW_LABEL_WIDTH,
  narrowOption,
  toChartNumber,
} from './chart-data';

const figure = (total: string, unconvertedCount = 0): MoneyFigure => ({
  total,
  currency: 'MXN',
  byCurrency: [],
  records: total === '0.00' ? 0 : 1,
  unconvertedCount,
});
const group = (
  key: string | null,
  totals: Partial<Record<'committed' | 'executed' | 'ceilings' | 'inKind', string>>,
  extra: Partial<Group> = {},
): Group => ({
  key,
  label: null,
  modality: null,
  actions: null,
  money: {
    committed: figure(totals.committed ?? '0.00'),
    executed: figure(totals.executed ?? '0.00'),
    ceilings: figure(totals.ceilings ?? '0.00'),
    inKind: figure(totals.inKind ?? '0.00'),
  },
  ...extra,
});

interface Series {
  name: string;
  stack?: string;
  data: MoneyDatum[];
}
const seriesOf = (option: Record<string, unknown>) => option['series'] as Series[];

describe('money → chart numbers', () => {
  it('uses numbers only for geometry', () => {
    expect(toChartNumber('16187025.37')).toBe(16187025.37);
    expect(toChartNumber('-5.10')).toBe(-5.1);
    expect(toChartNumber('abc')).toBe(0);
    expect(toChartNumber(null)).toBe(0);
    expect(toChartNumber(undefined)).toBe(0);
  });

  it('labels from the exact decimal string: no cent is lost, even past float precision', () => {
    const amount = '90071992547409.93'; // beyond 2^53 in cents: the float cannot hold it
    expect(String(toChartNumber(amount))).not.toBe(amount);
    expect(moneyLabel({ amount }, 'MXN', 'es-MX')).toBe('$90,071,992,547,409.93 MXN');
    expect(moneyLabel({ amount: '0.10' }, 'USD', 'en')).toBe('$0.10 USD');
    expect(moneyLabel({ amount: '1234.05' }, 'EUR', 'es-MX')).toBe('€1,234.05 EUR');
  });

  it('keeps the decimal string on each bar and in the data table', () => {
    const chart = moneyByGroupChart(
      [group('p1', { committed: '1000.01', executed: '0.99' }, { label: 'GIZ' })],
      { currency: 'MXN', locale: 'es-MX', label: (g) => g.label ?? '', title: 'Socio' },
    );
    const series = seriesOf(chart.option as Record<string, unknown>);
    const committed = series.find((s) => s.name === 'Comprometido');
    expect(committed?.data[0]).toEqual({ value: 1000.01, amount: '1000.01', key: 'p1' });
    expect(chart.table.columns).toEqual(['Socio', 'Comprometido', 'Ejercido']);
    expect(chart.table.rows[0].cells).toEqual(['GIZ', '$1,000.01 MXN', '$0.99 MXN']);
    expect(chart.summary).toContain('$1,000.01 MXN');
  });
});

describe('chart models', () => {
  it('draws each key figure as its own series, never stacked or added', () => {
    const chart = moneyByGroupChart(
      [group('a', { committed: '10.00', executed: '5.00', ceilings: '100.00', inKind: '1.00' })],
      { currency: 'MXN', locale: 'es-MX', label: (g) => g.key ?? '', title: 'Tema' },
    );
    const series = seriesOf(chart.option as Record<string, unknown>);
    expect(series.map((s) => s.name)).toEqual([
      'Comprometido',
      'Ejercido',
      'Techos de asistencia (hasta)',
      'En especie',
    ]);
    expect(series.every((s) => s.stack === undefined)).toBe(true);
  });

  it('is empty when no group has money', () => {
    const chart = moneyByGroupChart([group('a', {})], {
      currency: 'MXN',
      locale: 'es-MX',
      label: () => 'a',
      title: 'Tema',
    });
    expect(chart.empty).toBe(true);
  });

  it('stacks one figure by modality per year, with an exact yearly total', () => {
    const chart = moneyByYearChart(
      [
        group('2023', { committed: '0.10' }, { modality: 'technical' }),
        group('2023', { committed: '0.20' }, { modality: 'financial' }),
        group('2024', { committed: '5.00', executed: '9.00' }, { modality: 'technical' }),
      ],
      { currency: 'MXN', locale: 'es-MX', figure: 'committed' },
    );
    const series = seriesOf(chart.option as Record<string, unknown>);
    expect(series.map((s) => s.stack)).toEqual(['committed', 'committed']);
    expect(series[0].data.map((d) => d.modality)).toEqual(['technical', 'technical']);
    expect(chart.table.rows.map((r) => r.cells)).toEqual([
      ['2023', '$0.10 MXN', '$0.20 MXN', '$0.30 MXN'],
      ['2024', '$5.00 MXN', '$0.00 MXN', '$5.00 MXN'],
    ]);
  });

  it('counts actions per status and keeps the status key for drill-down', () => {
    const chart = actionsByStatusChart(
      [
        group('implementation', { committed: '1.00' }, { actions: 4 }),
        group('closed', {}, { actions: 0 }),
      ],
      { currency: 'MXN', locale: 'es-MX' },
    );
    const series = seriesOf(chart.option as Record<string, unknown>);
    expect(series[0].data).toEqual([{ value: 4, key: 'implementation' }]);
    expect(chart.table.rows[0].cells).toEqual(['En ejecución', '4', '$1.00 MXN', '$0.00 MXN']);
  });

  it('reads the clicked key only when there is one', () => {
    expect(clickedKey({ key: 'p1' })).toBe('p1');
    expect(clickedKey({ key: null })).toBeNull();
    expect(clickedKey({ modality: 'financial' }, 'modality')).toBe('financial');
    expect(clickedKey(undefined)).toBeNull();
  });
});

describe('actionsByProgressChart', () => {
  const data = {
    total: 3,
    levels: [
      {
        min: 0,
        label: 'Sin avance',
        labelEs: 'Sin avance',
        labelEn: 'No progress',
        colour: '#9e9e9e',
        count: 2,
      },
      {
        min: 10,
        label: 'Proceso básico',
        labelEs: 'Proceso básico',
        labelEn: 'Basic process',
        colour: '#d32f2f',
        count: 0,
      },
      {
        min: 100,
        label: 'Totalmente cumplido',
        labelEs: 'Totalmente cumplido',
        labelEn: 'Fully fulfilled',
        colour: '#2e7d32',
        count: 1,
      },
    ],
  };

  it('draws every level in its colour, empty levels too, lowest first', () => {
    const model = actionsByProgressChart(data, { locale: 'es-MX' });
    const series = (
      model.option['series'] as { data: { value: number; itemStyle: { color: string } }[] }[]
    )[0];
    expect(series.data.map((d) => [d.value, d.itemStyle.color])).toEqual([
      [2, '#9e9e9e'],
      [0, '#d32f2f'],
      [1, '#2e7d32'],
    ]);
    expect(model.table.rows.map((r) => r.cells)).toEqual([
      ['Sin avance (0 %)', '2'],
      ['Proceso básico (10 %)', '0'],
      ['Totalmente cumplido (100 %)', '1'],
    ]);
    expect(model.empty).toBe(false);
  });

  it('labels in English in the English build and is empty without actions', () => {
    expect(actionsByProgressChart(data, { locale: 'en' }).table.rows[2].cells[0]).toBe(
      'Fully fulfilled (100 %)',
    );
    expect(
      actionsByProgressChart(
        { ...data, total: 0, levels: data.levels.map((l) => ({ ...l, count: 0 })) },
        { locale: 'es-MX' },
      ).empty,
    ).toBe(true);
  });
});

describe('narrowOption (phones)', () => {
  const statusChart = () =>
    actionsByStatusChart(
      [
        group('implementation', { committed: '1.00' }, { actions: 4 }),
        group('pipeline', {}, { actions: 2 }),
      ],
      { currency: 'MXN', locale: 'es-MX' },
    );

  it('turns vertical bars horizontal with labels one per line, cut to a width, never rotated', () => {
    const wide = statusChart().option as Record<string, Record<string, unknown>>;
    expect(wide['xAxis']['type']).toBe('category');
    const narrow = narrowOption(wide) as Record<string, Record<string, unknown>>;
    expect(narrow['xAxis']['type']).toBe('value');
    expect(narrow['xAxis']['axisLabel']).toMatchObject({ hideOverlap: true });
    expect(narrow['yAxis']).toMatchObject({
      type: 'category',
      inverse: true,
      data: ['En ejecución', 'En preparación'],
      axisLabel: { interval: 0, rotate: 0, width: NARROW_LABEL_WIDTH, overflow: 'truncate' },
    });
    // The series (and their drill-down keys) are the same.
    expect(narrow['series']).toBe(wide['series']);
  });

  it('keeps horizontal charts horizontal and narrows their labels', () => {
    const option = moneyByGroupChart([group('a', { committed: '5.00' })], {
      currency: 'MXN',
      locale: 'es-MX',
      label: () => 'Un socio con un nombre muy largo',
      title: 'Socio',
    }).option;
    const narrow = narrowOption(option) as Record<string, Record<string, unknown>>;
    expect(narrow['xAxis']['type']).toBe('value');
    expect(narrow['yAxis']['axisLabel']).toMatchObject({ width: NARROW_LABEL_WIDTH });
  });
});
