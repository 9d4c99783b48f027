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
import { MatButtonToggleModule } from '@angular/material/button-toggle';
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
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { MoneyPipe } from '../../shared/money';
import { ChartCard } from '../dashboard/chart-card';
import { DEFAULT_FILTERS } from '../actions/action-filters';
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

@Component({
  selector: 'app-partner-detail',
  imports: [
    RouterLink,
    MatTableModule,
    MatButtonModule,
    MatButtonToggleModule,
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
  template: `
    <div class="page">
      <a mat-button routerLink="/socios">
        <mat-icon aria-hidden="true">arrow_back</mat-icon>
        <span i18n="@@partner.back">Socios</span>
      </a>
      @if (loading()) {
        <app-loading-state />
      } @else if (error(); as err) {
        <app-error-state
          [message]="err.message"
          [retryable]="err.status !== 404"
          (retry)="load()"
        />
      } @else if (org(); as o) {
        <header>
          <h1 data-testid="partner-name">
            {{ o.name }}
            @if (o.acronym) {
              ({{ o.acronym }})
            }
          </h1>
          <p class="muted">
            {{ typeLabel(o.type) }}
            @if (o.country) {
              · {{ o.country }}
            }
            @if (o.website) {
              · <a [href]="o.website" target="_blank" rel="noopener">{{ o.website }}</a>
            }
            @if (o.iatiRef) {
              · IATI {{ o.iatiRef }}
            }
          </p>
        </header>
        <section class="money" aria-labelledby="partner-money-title" data-testid="partner-money">
          <div class="money-head">
            <h2 id="partner-money-title" i18n="@@money.partner.title">Dinero del socio</h2>
            <mat-button-toggle-group
              [value]="currency()"
              (change)="setCurrency($event.value)"
              hideSingleSelectionIndicator
              aria-label="Moneda de reporte"
              i18n-aria-label="@@dashboard.currency"
              data-testid="currency-switch"
            >
              @for (c of currencies; track c) {
                <mat-button-toggle [value]="c" [attr.data-testid]="'currency-' + c">{{
                  c
                }}</mat-button-toggle>
              }
            </mat-button-toggle-group>
            <app-export-menu [items]="exports()" />
          </div>
          <p class="muted" data-testid="partner-figures-note">{{ note }}</p>
          @if (money(); as m) {
            <table class="dense-table totals" data-testid="partner-money-totals">
              <thead>
                <tr>
                  <th scope="col" i18n="@@money.partner.figure">Cifra ({{ m.currency }})</th>
                  @for (k of partnerFigures; track k) {
                    <th scope="col" [attr.data-testid]="'partner-figure-' + k">
                      {{ partnerLabels[k] }}
                    </th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (f of figures; track f) {
                  <tr [attr.data-testid]="'partner-total-' + f">
                    <th scope="row">{{ figureLabels[f] }}</th>
                    @for (k of partnerFigures; track k) {
                      <td [attr.data-testid]="'partner-total-' + f + '-' + k">
                        {{ m[k][f].total | money: m.currency }}
                        @if (m[k][f].unconvertedCount) {
                          <span class="muted" i18n="@@money.partner.unconverted"
                            >(+{{ m[k][f].unconvertedCount }} sin convertir)</span
                          >
                        }
                      </td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          } @else if (moneyError(); as err) {
            <app-error-state [message]="err.message" (retry)="loadMoney()" />
          } @else {
            <app-loading-state />
          }
          <app-chart-card
            testId="partner-by-year"
            heading="Por año"
            i18n-heading="@@money.partner.byYear"
            fileName="coopera-socio-por-anio"
            [model]="yearChart()"
            [loading]="!money() && !moneyError()"
            [error]="moneyError()"
            (retry)="loadMoney()"
          >
            <mat-button-toggle-group
              cardActions
              [value]="yearFigure()"
              (change)="setYearFigure($event.value)"
              hideSingleSelectionIndicator
              aria-label="Cifra"
              i18n-aria-label="@@dashboard.chart.figure"
              data-testid="year-figure"
            >
              @for (f of figures; track f) {
                <mat-button-toggle [value]="f">{{ figureLabels[f] }}</mat-button-toggle>
              }
            </mat-button-toggle-group>
          </app-chart-card>
        </section>
        <h2 i18n="@@partner.actions">Acciones en las que participa</h2>
        @if (o.actions.length) {
          <table mat-table [dataSource]="o.actions" class="dense-table">
            <ng-container matColumnDef="code">
              <th mat-header-cell *matHeaderCellDef i18n="@@actions.col.code">Clave</th>
              <td mat-cell *matCellDef="let a">
                <a [routerLink]="['/acciones', a.id]">{{ a.code }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="title">
              <th mat-header-cell *matHeaderCellDef i18n="@@actions.col.title">Título</th>
              <td mat-cell *matCellDef="let a">{{ title(a) }}</td>
            </ng-container>
            <ng-container matColumnDef="role">
              <th mat-header-cell *matHeaderCellDef i18n="@@partner.role">Papel</th>
              <td mat-cell *matCellDef="let a">{{ roleIn(a, o.id) }}</td>
            </ng-container>
            <ng-container matColumnDef="kind">
              <th mat-header-cell *matHeaderCellDef i18n="@@actions.col.kind">Tipo</th>
              <td mat-cell *matCellDef="let a">{{ kindLabel(a.kind) }}</td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef i18n="@@actions.col.status">Estatus</th>
              <td mat-cell *matCellDef="let a"><app-status-chip [status]="a.status" /></td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let a; columns: columns" data-testid="action-row"></tr>
          </table>
        } @else {
          <app-empty-state
            icon="public"
            message="Sin acciones registradas con este socio."
            i18n-message="@@partner.noActions"
          />
        }
      }
    </div>
  `,
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

  protected readonly currencies = CURRENCIES;
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
  private readonly yearFigureChoice = signal<Figure | null>(null);
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

  protected setCurrency(value: unknown): void {
    if (!(CURRENCIES as readonly unknown[]).includes(value)) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { currency: value === 'MXN' ? null : value },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected setYearFigure(value: unknown): void {
    if ((FIGURES as readonly unknown[]).includes(value)) this.yearFigureChoice.set(value as Figure);
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
