import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  LOCALE_ID,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { ActionSummary, Grouped, OrganisationDetail } from '../../core/api/models';
import { OrganisationsApi } from '../../core/api/organisations.api';
import {
  KIND_LABELS,
  labelOf,
  ORGANISATION_TYPE_LABELS,
  PARTICIPATION_ROLE_LABELS,
} from '../../core/i18n/labels';
import { EmptyState, ErrorState, LoadingState } from '../../shared/states';
import { StatusChip } from '../../shared/status-chip';
import { MoneyPipe, sumAmounts } from '../../shared/money';
import { DashboardApi } from '../dashboard/dashboard.api';

/** One row of the partner's money by year (MXN; figures never added together). */
export interface YearRow {
  year: string;
  ceilings: string;
  committed: string;
  executed: string;
}

/** Folds the by-year groups (year × modality) into one row per year, summing exactly. */
export function moneyByYear(grouped: Grouped | null): YearRow[] {
  if (!grouped) return [];
  const years = new Map<string, { ceilings: string[]; committed: string[]; executed: string[] }>();
  for (const g of grouped.groups) {
    const year = g.key ?? '—';
    const row = years.get(year) ?? { ceilings: [], committed: [], executed: [] };
    row.ceilings.push(g.money.ceilings.total);
    row.committed.push(g.money.committed.total);
    row.executed.push(g.money.executed.total);
    years.set(year, row);
  }
  return [...years.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([year, r]) => ({
      year,
      ceilings: sumAmounts(r.ceilings),
      committed: sumAmounts(r.committed),
      executed: sumAmounts(r.executed),
    }));
}

@Component({
  selector: 'app-partner-detail',
  imports: [
    RouterLink,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
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
        @if (years().length) {
          <h2 i18n="@@partner.moneyByYear">Financiamiento por año (MXN)</h2>
          <table class="dense-table year-table" data-testid="partner-money-by-year">
            <thead>
              <tr>
                <th scope="col" i18n="@@partner.year">Año</th>
                <th scope="col" i18n="@@partner.ceilings">Techo (hasta)</th>
                <th scope="col" i18n="@@partner.committed">Comprometido</th>
                <th scope="col" i18n="@@partner.executed">Ejercido</th>
              </tr>
            </thead>
            <tbody>
              @for (y of years(); track y.year) {
                <tr>
                  <th scope="row">{{ y.year }}</th>
                  <td>{{ y.ceilings | money: 'MXN' }}</td>
                  <td>{{ y.committed | money: 'MXN' }}</td>
                  <td>{{ y.executed | money: 'MXN' }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
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
  `,
})
export class PartnerDetail {
  private readonly api = inject(OrganisationsApi);
  private readonly dashboard = inject(DashboardApi);
  protected readonly years = signal<YearRow[]>([]);
  private readonly locale = inject(LOCALE_ID);
  readonly id = input.required<string>();
  protected readonly org = signal<OrganisationDetail | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly columns = ['code', 'title', 'role', 'kind', 'status'];

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  load(id = this.id()): void {
    this.loading.set(true);
    this.error.set(null);
    this.years.set([]);
    this.dashboard
      .grouped('by-year', { currency: 'MXN', partner: id, limit: '1000' })
      .subscribe({ next: (g) => this.years.set(moneyByYear(g)), error: () => this.years.set([]) });
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
