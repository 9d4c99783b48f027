import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../../core/api/api-error';
import {
  type ActionSummary,
  CURRENCIES,
  type Currency,
  type OrganisationDetail,
  type PartnerMoney,
} from '../../core/api/models';
import { OrganisationsApi } from '../../core/api/organisations.api';
import {
  KIND_LABELS,
  labelOf,
  ORGANISATION_TYPE_LABELS,
  PARTICIPATION_ROLE_LABELS,
} from '../../core/i18n/labels';
import { EmptyState, ErrorState, LoadingState, type LoadState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { MoneyPipe } from '../../shared/money';
import { ChartCard } from '../dashboard/chart-card';
import { DEFAULT_FILTERS } from '../../shared/filter-bar/action-filters';
import { ExportMenu, type ExportMenuItem } from '../exports/export-menu';
import { listPartnerMoney, listXlsx } from '../exports/exports.api';
import { type Figure, FIGURE_LABELS, FIGURES } from '../dashboard/chart-data';
import { DashboardApi } from '../dashboard/dashboard.api';
import {
  firstFigureWithMoney,
  PARTNER_FIGURE_LABELS,
  PARTNER_FIGURES,
  PARTNER_FIGURES_NOTE,
  partnerYearChart,
} from './partner-money';
import { CurrencySwitch } from '../../shared/currency-switch';
import { FigureSwitch } from '../dashboard/figure-switch';

@Component({
  selector: 'app-partner-detail',
  imports: [
    RouterLink,
    MatTableModule,
    MatButtonModule,
    CurrencySwitch,
    FigureSwitch,
    MatIconModule,
    ChartCard,
    ExportMenu,
    StatusChip,
    MoneyPipe,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './partner-detail.html',
  styles: `
    table {
      width: 100%;
    }
    .money {
      margin: 16px 0 24px;
    }
    .money-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .money-head h2 {
      margin: 0;
    }
    .totals {
      margin-bottom: 16px;
    }
    .totals th:first-child {
      text-align: left;
    }
    .totals td,
    .totals thead th:not(:first-child) {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    mat-button-toggle-group[cardActions] {
      flex-wrap: wrap;
      max-width: 100%;
    }
  `,
})
export class PartnerDetail {
  private readonly api = inject(OrganisationsApi);
  private readonly dashboard = inject(DashboardApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly locale = inject(LOCALE_ID);
  readonly id = input.required<string>();
  protected readonly org = signal<OrganisationDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly columns = ['code', 'title', 'role', 'kind', 'status'];

  protected readonly figures = FIGURES;
  protected readonly figureLabels = FIGURE_LABELS;
  protected readonly partnerFigures = PARTNER_FIGURES;
  protected readonly partnerLabels = PARTNER_FIGURE_LABELS;
  protected readonly note = PARTNER_FIGURES_NOTE;

  private readonly params = toSignal(this.route.queryParamMap);
  /** The reporting currency, kept in the URL (`?currency=USD`). */
  protected readonly currency = computed((): Currency => {
    const value = this.params()?.get('currency')?.toUpperCase();
    return (CURRENCIES as readonly string[]).includes(value ?? '') ? (value as Currency) : 'MXN';
  });
  /**
   * The partner's workbook (the actions it takes part in, with the partner money sheet) and its
   * partner money table, both figures in the page's currency.
   */
  protected readonly exports = computed((): ExportMenuItem[] => {
    const filters = { ...DEFAULT_FILTERS, partner: [this.id()] };
    return [
      { key: 'xlsx', icon: 'table_view', request: listXlsx(filters, undefined, this.currency()) },
      {
        key: 'partner-money',
        icon: 'payments',
        request: listPartnerMoney(filters, this.currency()),
      },
    ];
  });
  protected readonly money = signal<PartnerMoney | null>(null);
  protected readonly moneyError = signal<ApiError | null>(null);
  /** The money figures as the by-year chart reads them. */
  protected readonly moneyState: LoadState = {
    loading: () => !this.money() && !this.moneyError(),
    error: () => this.moneyError(),
    reload: () => this.loadMoney(),
  };
  protected readonly yearFigureChoice = signal<Figure | null>(null);
  protected readonly yearFigure = computed(
    () => this.yearFigureChoice() ?? firstFigureWithMoney(this.money()?.byYear ?? []),
  );
  protected readonly yearChart = computed(() => {
    const m = this.money();
    if (!m) return null;
    return partnerYearChart(m.byYear, {
      currency: m.currency,
      locale: this.locale,
      figure: this.yearFigure(),
    });
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    effect(() => {
      const id = this.id();
      const currency = this.currency();
      untracked(() => this.loadMoney(id, currency));
    });
  }

  load(id = this.id()): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.get(id).subscribe({
      next: (org) => {
        this.org.set(org);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  loadMoney(id = this.id(), currency = this.currency()): void {
    this.money.set(null);
    this.moneyError.set(null);
    this.dashboard.partnerMoney(id, { currency }).subscribe({
      next: (m) => this.money.set(m),
      error: (e: unknown) => this.moneyError.set(toApiError(e)),
    });
  }

  protected setCurrency(value: Currency): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { currency: value === 'MXN' ? null : value },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected title(a: ActionSummary): string {
    return this.locale.startsWith('en') && a.titleEn ? a.titleEn : a.titleEs;
  }

  protected roleIn(a: ActionSummary, orgId: string): string {
    return a.partners
      .filter((p) => p.id === orgId)
      .map((p) => labelOf(PARTICIPATION_ROLE_LABELS, p.role))
      .join(', ');
  }

  protected typeLabel(type: string): string {
    return labelOf(ORGANISATION_TYPE_LABELS, type);
  }

  protected kindLabel(kind: string): string {
    return labelOf(KIND_LABELS, kind);
  }
}
