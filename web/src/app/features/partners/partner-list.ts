import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { providePaginatorIntl } from '../../core/i18n/material-intl';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import {
  type Currency,
  Organisation,
  ORGANISATION_TYPES,
  type PartnerTotals,
} from '../../core/api/models';
import { formatMoney } from '../../shared/money';
import { FIGURE_LABELS, FIGURES } from '../dashboard/chart-data';
import { type PartnerFigure, PARTNER_FIGURE_LABELS, PARTNER_FIGURES_NOTE } from './partner-money';
import { OrganisationsApi } from '../../core/api/organisations.api';
import { AuthStore } from '../../core/auth/auth.store';
import { labelOf, ORGANISATION_TYPE_LABELS } from '../../core/i18n/labels';
import { EmptyState, ErrorState } from '../../shared/states';
import { OrganisationDialog } from './organisation-dialog';
import { CurrencySwitch } from '../../shared/currency-switch';

@Component({
  selector: 'app-partner-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
    MatProgressBarModule,
    CurrencySwitch,
    EmptyState,
    ErrorState,
  ],
  providers: [providePaginatorIntl()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './partner-list.html',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    table {
      width: 100%;
    }
    .row {
      cursor: pointer;
    }
    .money-line {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .page-header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
    }
    .row:hover {
      background: var(--mat-sys-surface-container);
    }
    /* Phones: each organisation is a card (name, then type, country and actions labelled). */
    @media (max-width: 600px) {
      /* A grid container blockifies the table's generated thead and tbody. */
      table {
        display: grid;
      }
      tr.header-row {
        display: none;
      }
      tr.row {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 2px 12px;
        height: auto;
        padding: 10px 4px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      tr.row td {
        display: block;
        border: 0;
        padding: 0;
      }
      tr.row td:first-child {
        grid-column: 1 / -1;
        font-weight: 500;
      }
      tr.row td[data-label]::before {
        content: attr(data-label) ': ';
        color: var(--mat-sys-on-surface-variant);
      }
    }
  `,
})
export class PartnerList {
  private readonly api = inject(OrganisationsApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthStore);
  protected readonly canEdit = computed(() => this.auth.can('portfolio.edit'));
  protected readonly types = ORGANISATION_TYPES;
  protected readonly typeLabels = ORGANISATION_TYPE_LABELS;
  private readonly locale = inject(LOCALE_ID);
  protected readonly columns = ['name', 'type', 'country', 'actions', 'provided', 'participation'];
  protected readonly currency = signal<Currency>('MXN');
  protected readonly partnerFigures: readonly PartnerFigure[] = ['provided', 'participation'];
  protected readonly partnerLabels = PARTNER_FIGURE_LABELS;
  protected readonly note = PARTNER_FIGURES_NOTE;
  protected readonly typeHeader = $localize`:@@partners.col.type:Tipo`;
  protected readonly countryHeader = $localize`:@@partners.col.country:País`;
  protected readonly actionsHeader = $localize`:@@partners.col.actions:Acciones`;
  protected readonly pageSize = 25;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly type = new FormControl('', { nonNullable: true });
  protected readonly items = signal<Organisation[]>([]);
  protected readonly total = signal(0);
  protected readonly page = signal(1);
  protected readonly loading = signal(false);
  protected readonly error = signal<ApiError | null>(null);

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe(() => this.load(1));
    this.type.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.load(1));
    this.load(1);
  }

  /** "Techo (hasta): $1.00 MXN" per key figure with money (none: "—"). */
  protected lines(money: PartnerTotals | undefined, k: PartnerFigure): string[] {
    const totals = money?.[k];
    if (!totals) return [];
    return FIGURES.filter((f) => !/^0+(\.0+)?$/.test(totals[f])).map(
      (f) => `${FIGURE_LABELS[f]}: ${formatMoney(totals[f], money.currency, this.locale)}`,
    );
  }

  protected setCurrency(value: Currency): void {
    this.currency.set(value);
    this.load();
  }

  protected typeLabel(type: string): string {
    return labelOf(ORGANISATION_TYPE_LABELS, type);
  }

  load(page = this.page()): void {
    this.page.set(page);
    this.loading.set(true);
    this.error.set(null);
    this.api
      .list({
        q: this.search.value.trim(),
        type: this.type.value,
        page,
        pageSize: this.pageSize,
        currency: this.currency(),
      })
      .subscribe({
        next: (result) => {
          this.items.set(result.items);
          this.total.set(result.total);
          this.loading.set(false);
        },
        error: (e: unknown) => {
          this.error.set(toApiError(e));
          this.loading.set(false);
        },
      });
  }

  onPage(event: PageEvent): void {
    this.load(event.pageIndex + 1);
  }

  /** "Nuevo socio": the new (or the existing duplicate) organisation's page opens. */
  create(): void {
    this.dialog
      .open(OrganisationDialog, { data: {}, width: '560px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((org?: Organisation) => {
        if (org) this.open(org);
      });
  }

  open(org: Organisation): void {
    void this.router.navigate(['/socios', org.id]);
  }
}
