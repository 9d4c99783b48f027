import type { EChartsCoreOption } from 'echarts/core';
import type { Group, ProgressDistribution } from '../../core/api/models';
import { labelOf, MODALITY_LABELS, STATUS_LABELS } from '../../core/i18n/labels';
import { formatMoney, sumAmounts } from '../../shared/money';

/** The four key figures. They are separate series, never added together. */
export const FIGURES = ['committed', 'executed', 'ceilings', 'inKind'] as const;
export type Figure = (typeof FIGURES)[number];

export const FIGURE_LABELS: Record<Figure, string> = {
  committed: $localize`:@@dashboard.kpi.committed:Comprometido`,
  executed: $localize`:@@dashboard.kpi.executed:Ejercido`,
  ceilings: $localize`:@@dashboard.kpi.ceilings:Techos de asistencia (hasta)`,
  inKind: $localize`:@@dashboard.kpi.inKind:En especie`,
};

const FIGURE_COLOURS: Record<Figure, string> = {
  committed: '#1565c0',
  executed: '#2e7d32',
  ceilings: '#8d6e63',
  inKind: '#c77800',
};

const PALETTE = ['#1565c0', '#2e7d32', '#c77800', '#6a1b9a', '#00838f', '#ad1457', '#5d4037'];

/** A chart's accessible alternative: a plain data table (rendered visually hidden). */
export interface ChartTable {
  columns: string[];
  rows: { key: string; cells: string[] }[];
}

/** What a chart card draws: the ECharts option, its text summary and its data table. */
export interface ChartModel {
  option: EChartsCoreOption;
  summary: string;
  table: ChartTable;
  empty: boolean;
}

/** One bar: the number is only for geometry; `amount` (the API's decimal string) is shown. */
export interface MoneyDatum {
  value: number;
  amount: string;
  /** Group key to drill down on (null = "not stated", not clickable). */
  key: string | null;
  modality?: string | null;
}

/**
 * A decimal string as a number for bar lengths only. Labels never use this number: they are
 * formatted from the original string, so no cent is lost. Non-numeric text draws as 0.
 */
export function toChartNumber(amount: string | null | undefined): number {
  if (typeof amount !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(amount)) return 0;
  const n = Number(amount);
  return Number.isFinite(n) ? n : 0;
}

/** A money label for a bar: the exact decimal string, formatted as everywhere in Coopera. */
export function moneyLabel(datum: Pick<MoneyDatum, 'amount'>, currency: string, locale: string) {
  return formatMoney(datum.amount, currency, locale);
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export function compact(locale: string): (value: number) => string {
  const format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => format.format(value);
}

interface TooltipItem {
  axisValueLabel?: string;
  name?: string;
  seriesName?: string;
  marker?: string;
  data?: unknown;
}

const asItems = (params: unknown): TooltipItem[] =>
  (Array.isArray(params) ? params : [params]) as TooltipItem[];

const isMoneyDatum = (d: unknown): d is MoneyDatum =>
  typeof d === 'object' && d !== null && typeof (d as MoneyDatum).amount === 'string';

export function moneyTooltip(currency: string, locale: string, total = false) {
  return (params: unknown): string => {
    const items = asItems(params);
    const title = escapeHtml(items[0]?.axisValueLabel ?? items[0]?.name ?? '');
    const amounts: string[] = [];
    const lines = items.map((item) => {
      const datum = item.data;
      const text = isMoneyDatum(datum) ? moneyLabel(datum, currency, locale) : '—';
      if (isMoneyDatum(datum)) amounts.push(datum.amount);
      return `${item.marker ?? ''}${escapeHtml(item.seriesName ?? '')}: <b>${escapeHtml(text)}</b>`;
    });
    if (total && amounts.length > 1) {
      const sum = escapeHtml(formatMoney(sumAmounts(amounts), currency, locale));
      lines.push(`${$localize`:@@dashboard.chart.total:Total`}: <b>${sum}</b>`);
    }
    return [title, ...lines].join('<br/>');
  };
}

export const hasAmount = (amount: string | undefined) => toChartNumber(amount) !== 0;

/** Grid, legend and money tooltip of the bar charts of money (dashboard and partner page). */
export function moneyChartFrame(
  currency: string,
  locale: string,
  opts: { right?: number; totalInTooltip?: boolean } = {},
): EChartsCoreOption {
  return {
    grid: { left: 8, right: opts.right ?? 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: moneyTooltip(currency, locale, opts.totalInTooltip ?? false),
    },
  };
}
/**
 * Money per group (partner, theme…): one bar series per key figure that has any amount,
 * horizontal, largest first. Figures are grouped side by side, never stacked.
 */
export function moneyByGroupChart(
  groups: readonly Group[],
  opts: { currency: string; locale: string; label: (g: Group) => string; title: string },
): ChartModel {
  const rows = groups.map((g) => ({ group: g, label: opts.label(g) }));
  const figures = FIGURES.filter((f) => rows.some((r) => hasAmount(r.group.money[f]?.total)));
  const table: ChartTable = {
    columns: [opts.title, ...figures.map((f) => FIGURE_LABELS[f])],
    rows: rows.map((r, i) => ({
      key: `${r.group.key ?? 'null'}-${i}`,
      cells: [
        r.label,
        ...figures.map((f) =>
          formatMoney(r.group.money[f]?.total ?? '0', opts.currency, opts.locale),
        ),
      ],
    })),
  };
  const top = rows[0];
  const count = rows.length;
  const topLabel = top?.label ?? '';
  const topFigures = figures
    .map(
      (f) =>
        `${FIGURE_LABELS[f]} ${formatMoney(top?.group.money[f]?.total ?? '0', opts.currency, opts.locale)}`,
    )
    .join('; ');
  const title = opts.title;
  const summary =
    top && figures.length
      ? $localize`:@@dashboard.chart.moneySummary:${title}:title:: ${count}:count: grupos. Mayor: ${topLabel}:label: (${topFigures}:figures:).`
      : title;
  const option: EChartsCoreOption = {
    ...moneyChartFrame(opts.currency, opts.locale),
    xAxis: { type: 'value', axisLabel: { formatter: compact(opts.locale) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { width: 140, overflow: 'truncate' },
    },
    series: figures.map((f) => ({
      type: 'bar',
      name: FIGURE_LABELS[f],
      itemStyle: { color: FIGURE_COLOURS[f] },
      cursor: 'pointer',
      data: rows.map(
        (r): MoneyDatum => ({
          value: toChartNumber(r.group.money[f]?.total),
          amount: r.group.money[f]?.total ?? '0.00',
          key: r.group.key ?? null,
        }),
      ),
    })),
  };
  return { option, summary, table, empty: figures.length === 0 };
}

/**
 * One key figure by year of value date, stacked by modality (the parts of one figure add up to
 * that year's figure; different figures are never mixed in one stack).
 */
export function moneyByYearChart(
  groups: readonly Group[],
  opts: { currency: string; locale: string; figure: Figure },
): ChartModel {
  const noDate = $localize`:@@dashboard.chart.noDate:Sin fecha`;
  const withAmount = groups.filter((g) => hasAmount(g.money[opts.figure]?.total));
  const yearOf = (g: Group) => g.key ?? null;
  const years = [...new Set(withAmount.map(yearOf))].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : Number(a) - Number(b),
  );
  const modalities = [...new Set(withAmount.map((g) => g.modality ?? null))];
  const cell = (year: string | null, modality: string | null) =>
    withAmount.find((g) => yearOf(g) === year && (g.modality ?? null) === modality);
  const yearLabel = (y: string | null) => y ?? noDate;
  const modalityLabel = (m: string | null) => labelOf(MODALITY_LABELS, m);
  const money = (amount: string) => formatMoney(amount, opts.currency, opts.locale);
  const table: ChartTable = {
    columns: [
      $localize`:@@dashboard.chart.year:Año`,
      ...modalities.map(modalityLabel),
      $localize`:@@dashboard.chart.total:Total`,
    ],
    rows: years.map((y) => {
      const amounts = modalities.map((m) => cell(y, m)?.money[opts.figure]?.total ?? '0.00');
      return {
        key: String(y),
        cells: [yearLabel(y), ...amounts.map(money), money(sumAmounts(amounts))],
      };
    }),
  };
  const option: EChartsCoreOption = {
    color: PALETTE,
    ...moneyChartFrame(opts.currency, opts.locale, { right: 16, totalInTooltip: true }),
    xAxis: { type: 'category', data: years.map(yearLabel) },
    yAxis: { type: 'value', axisLabel: { formatter: compact(opts.locale) } },
    series: modalities.map((m) => ({
      type: 'bar',
      name: modalityLabel(m),
      stack: opts.figure,
      cursor: 'pointer',
      data: years.map((y): MoneyDatum => {
        const amount = cell(y, m)?.money[opts.figure]?.total ?? '0.00';
        return { value: toChartNumber(amount), amount, key: y, modality: m };
      }),
    })),
  };
  const figure = FIGURE_LABELS[opts.figure];
  const count = years.length;
  const summary = $localize`:@@dashboard.chart.yearSummary:${figure}:figure: por año y modalidad: ${count}:count: años con montos.`;
  return { option, summary, table, empty: years.length === 0 };
}

/** Actions per status (the pipeline), with committed and executed money in the tooltip. */
export function actionsByStatusChart(
  groups: readonly Group[],
  opts: { currency: string; locale: string },
): ChartModel {
  const label = (key: string | null | undefined) => labelOf(STATUS_LABELS, key ?? null);
  const rows = groups.filter((g) => (g.actions ?? 0) > 0);
  const actionsLabel = $localize`:@@dashboard.kpi.actions:Acciones`;
  const money = (amount: string | undefined) =>
    formatMoney(amount ?? '0.00', opts.currency, opts.locale);
  const table: ChartTable = {
    columns: [
      $localize`:@@dashboard.chart.status:Estatus`,
      actionsLabel,
      FIGURE_LABELS.committed,
      FIGURE_LABELS.executed,
    ],
    rows: rows.map((g) => ({
      key: g.key ?? 'null',
      cells: [
        label(g.key),
        String(g.actions ?? 0),
        money(g.money.committed?.total),
        money(g.money.executed?.total),
      ],
    })),
  };
  const byKey = new Map(rows.map((g) => [label(g.key), g]));
  const option: EChartsCoreOption = {
    color: PALETTE,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const name = asItems(params)[0]?.name ?? '';
        const g = byKey.get(name);
        if (!g) return escapeHtml(name);
        return [
          escapeHtml(name),
          `${actionsLabel}: <b>${g.actions ?? 0}</b>`,
          `${FIGURE_LABELS.committed}: <b>${escapeHtml(money(g.money.committed?.total))}</b>`,
          `${FIGURE_LABELS.executed}: <b>${escapeHtml(money(g.money.executed?.total))}</b>`,
        ].join('<br/>');
      },
    },
    xAxis: { type: 'category', data: rows.map((g) => label(g.key)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: actionsLabel,
        cursor: 'pointer',
        data: rows.map((g) => ({ value: g.actions ?? 0, key: g.key ?? null })),
      },
    ],
  };
  const list = rows.map((g) => `${label(g.key)} ${g.actions ?? 0}`).join(', ');
  const summary = $localize`:@@dashboard.chart.statusSummary:Acciones por estatus: ${list}:list:.`;
  return { option, summary, table, empty: rows.length === 0 };
}

/**
 * Actions per progress label (the levels of the progress scheme, lowest first), each bar in its
 * level's colour. Every level is listed, empty ones too, so the scale always reads the same.
 */
export function actionsByProgressChart(
  data: ProgressDistribution,
  opts: { locale: string },
): ChartModel {
  const en = opts.locale.toLowerCase().startsWith('en');
  const label = (l: ProgressDistribution['levels'][number]) =>
    (en ? l.labelEn : l.labelEs) || l.label;
  const actionsLabel = $localize`:@@dashboard.kpi.actions:Acciones`;
  const names = data.levels.map((l) => `${label(l)} (${l.min} %)`);
  const table: ChartTable = {
    columns: [$localize`:@@dashboard.chart.progressLevel:Nivel de avance`, actionsLabel],
    rows: data.levels.map((l, i) => ({ key: String(l.min), cells: [names[i], String(l.count)] })),
  };
  const option: EChartsCoreOption = {
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: actionsLabel,
        data: data.levels.map((l) => ({ value: l.count, itemStyle: { color: l.colour } })),
        label: { show: true, position: 'right' },
      },
    ],
  };
  const list = data.levels.map((l) => `${label(l)} ${l.count}`).join(', ');
  const total = data.total;
  const summary = $localize`:@@dashboard.chart.progressSummary:Acciones por nivel de avance (${total}:total: en total): ${list}:list:.`;
  return { option, summary, table, empty: data.total === 0 };
}

/** The drill-down key carried by a clicked bar (null when it is the "not stated" group). */
export function clickedKey(data: unknown, field: 'key' | 'modality' = 'key'): string | null {
  if (typeof data !== 'object' || data === null) return null;
  const value = (data as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Width of category labels on a phone: longer ones end in "…" (the tooltip and table have them whole). */
export const NARROW_LABEL_WIDTH = 96;

type Axis = Record<string, unknown> & { type?: string; axisLabel?: Record<string, unknown> };

/**
 * The same chart for a phone (≤ 600 px): labels never overlap. Vertical bars become horizontal
 * (categories on the left, one per line, in order), category labels are cut to
 * NARROW_LABEL_WIDTH with "…", and value axes keep three ticks that hide when they would overlap.
 */
export function narrowOption(option: EChartsCoreOption): EChartsCoreOption {
  const x = option['xAxis'] as Axis | undefined;
  const y = option['yAxis'] as Axis | undefined;
  if (!x || !y || Array.isArray(x) || Array.isArray(y)) return option;
  const [category, value] = x.type === 'category' ? [x, y] : [y, x];
  if (category.type !== 'category') return option;
  const categoryAxis: Axis = {
    ...category,
    inverse: true,
    axisLabel: {
      ...category.axisLabel,
      interval: 0,
      rotate: 0,
      width: NARROW_LABEL_WIDTH,
      overflow: 'truncate',
    },
  };
  const valueAxis: Axis = {
    ...value,
    splitNumber: 3,
    axisLabel: { ...value.axisLabel, hideOverlap: true },
  };
  return { ...option, xAxis: valueAxis, yAxis: categoryAxis };
}
