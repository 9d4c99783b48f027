import type { EChartsCoreOption } from 'echarts/core';
import type { Group, MoneyFigures, PartnerYear } from '../../core/api/models';
import { formatMoney } from '../../shared/money';
import {
  type ChartModel,
  type ChartTable,
  compact,
  type Figure,
  FIGURE_LABELS,
  FIGURES,
  hasAmount,
  type MoneyDatum,
  moneyChartFrame,
  toChartNumber,
} from '../dashboard/chart-data';

/** A partner's two money figures: never added together, always named. */
export const PARTNER_FIGURES = ['provided', 'participation'] as const;
export type PartnerFigure = (typeof PARTNER_FIGURES)[number];

export const PARTNER_FIGURE_LABELS: Record<PartnerFigure, string> = {
  provided: $localize`:@@money.partner.provided:Aportado por el socio`,
  participation: $localize`:@@money.partner.participation:En acciones donde participa`,
};

/** The one-line explanation shown wherever both figures appear. */
export const PARTNER_FIGURES_NOTE = $localize`:@@money.partner.note:Aportado por el socio: el dinero que el socio da (registros donde es quien aporta). En acciones donde participa: todo el dinero de esas acciones, lo aporte quien lo aporte. Son dos cifras distintas: no se suman.`;

const COLOURS: Record<PartnerFigure, string> = {
  provided: '#1565c0',
  participation: '#8d6e63',
};

type Pair = Record<PartnerFigure, MoneyFigures | undefined>;

/**
 * The key figure a chart shows first: the one with the most money over `pairs` (both series),
 * so the first view is never an empty chart when another figure has amounts. Numbers serve only
 * to choose; amounts are shown from their strings.
 */
export function firstFigureWithMoney(pairs: readonly Pair[]): Figure {
  let best: Figure = 'committed';
  let most = 0;
  for (const f of FIGURES) {
    const sum = pairs.reduce(
      (n, p) =>
        n + toChartNumber(p.provided?.[f]?.total) + toChartNumber(p.participation?.[f]?.total),
      0,
    );
    if (sum > most) [best, most] = [f, sum];
  }
  return best;
}

/** The pair of a dashboard partner group: `money` is what it provided. */
export const groupPair = (g: Group): Pair => ({
  provided: g.money,
  participation: g.participation,
});

interface Row {
  key: string | null;
  label: string;
  pair: Pair;
}

function twoSeriesChart(
  rows: readonly Row[],
  opts: {
    currency: string;
    locale: string;
    figure: Figure;
    title: string;
    horizontal: boolean;
    summaryOf: (figure: string, count: number) => string;
  },
): ChartModel {
  const amount = (r: Row, k: PartnerFigure) => r.pair[k]?.[opts.figure]?.total ?? '0.00';
  const figureLabel = FIGURE_LABELS[opts.figure];
  const table: ChartTable = {
    columns: [
      opts.title,
      ...PARTNER_FIGURES.map((k) => `${PARTNER_FIGURE_LABELS[k]} · ${figureLabel}`),
    ],
    rows: rows.map((r, i) => ({
      key: `${r.key ?? 'null'}-${i}`,
      cells: [
        r.label,
        ...PARTNER_FIGURES.map((k) => formatMoney(amount(r, k), opts.currency, opts.locale)),
      ],
    })),
  };
  const categories = { type: 'category', data: rows.map((r) => r.label) };
  const values = { type: 'value', axisLabel: { formatter: compact(opts.locale) } };
  const option: EChartsCoreOption = {
    ...moneyChartFrame(opts.currency, opts.locale),
    xAxis: opts.horizontal ? values : categories,
    yAxis: opts.horizontal
      ? { ...categories, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } }
      : values,
    series: PARTNER_FIGURES.map((k) => ({
      type: 'bar',
      name: PARTNER_FIGURE_LABELS[k],
      itemStyle: { color: COLOURS[k] },
      cursor: 'pointer',
      data: rows.map(
        (r): MoneyDatum => ({
          value: toChartNumber(amount(r, k)),
          amount: amount(r, k),
          key: r.key,
        }),
      ),
    })),
  };
  const empty = !rows.some((r) => PARTNER_FIGURES.some((k) => hasAmount(amount(r, k))));
  return { option, summary: opts.summaryOf(figureLabel, rows.length), table, empty };
}

/** Dashboard: per partner, both figures of one key figure side by side. */
export function partnerMoneyChart(
  groups: readonly Group[],
  opts: { currency: string; locale: string; figure: Figure; label: (g: Group) => string },
): ChartModel {
  const rows = groups
    .filter((g) => g.key !== null)
    .map((g) => ({ key: g.key ?? null, label: opts.label(g), pair: groupPair(g) }));
  return twoSeriesChart(rows, {
    ...opts,
    title: $localize`:@@dashboard.chart.partner:Socio`,
    horizontal: true,
    summaryOf: (figure, count) =>
      $localize`:@@money.partner.chartSummary:${figure}:figure: por socio, aportado por el socio y en acciones donde participa: ${count}:count: socios.`,
  });
}

/** Partner page: per year of value date, both figures of one key figure side by side. */
export function partnerYearChart(
  years: readonly PartnerYear[],
  opts: { currency: string; locale: string; figure: Figure },
): ChartModel {
  const noDate = $localize`:@@dashboard.chart.noDate:Sin fecha`;
  const rows = years.map((y) => ({
    key: y.year ?? null,
    label: y.year ?? noDate,
    pair: { provided: y.provided, participation: y.participation },
  }));
  return twoSeriesChart(rows, {
    ...opts,
    title: $localize`:@@dashboard.chart.year:Año`,
    horizontal: false,
    summaryOf: (figure, count) =>
      $localize`:@@money.partner.yearSummary:${figure}:figure: por año, aportado por el socio y en acciones donde participa: ${count}:count: años.`,
  });
}
