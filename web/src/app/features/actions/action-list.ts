import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { BreakpointObserver } from '@angular/cdk/layout';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSortModule, Sort } from '@angular/material/sort';
import { providePaginatorIntl, SortHeaderIntl } from '../../core/i18n/material-intl';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { ActionSummary, CURRENCIES, type Currency } from '../../core/api/models';
import { CurrencySwitch } from '../../shared/currency-switch';
import { MoneyPipe } from '../../shared/money';
import { FIGURE_LABELS } from '../dashboard/chart-data';
import { AuthStore } from '../../core/auth/auth.store';
import { KIND_LABELS, labelOf, MODALITY_LABELS } from '../../core/i18n/labels';
import { PreciseDatePipe, TimestampPipe } from '../../shared/dates';
import { EmptyState, ErrorState } from '../../shared/states';
import { ProgressMeter } from '../../shared/progress-meter';
import { StatusChip } from '../../shared/status-chip';
import { ListExports } from '../exports/list-exports';
import { FilterBar, PHONE } from '../../shared/filter-bar/filter-bar';
import {
  ActionFilters,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  PAGE_SIZES,
} from '../../shared/filter-bar/action-filters';
import { ActionsStore } from './actions.store';
import { ACTION_COLUMNS, ActionColumn, loadColumns, saveColumns } from './columns';

@Component({
  selector: 'app-action-list',
  imports: [
    RouterLink,
    MatTableModule,
    CurrencySwitch,
    MoneyPipe,
    MatSortModule,
    SortHeaderIntl,
    MatPaginatorModule,
    MatCheckboxModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatProgressBarModule,
    StatusChip,
    ProgressMeter,
    PreciseDatePipe,
    TimestampPipe,
    EmptyState,
    ErrorState,
    ListExports,
    FilterBar,
  ],
  providers: [ActionsStore, providePaginatorIntl()],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './action-list.html',
  styleUrl: './action-list.scss',
})
export class ActionList {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthStore);
  private readonly locale = inject(LOCALE_ID);
  protected readonly store = inject(ActionsStore);

  protected readonly pageSizes = PAGE_SIZES;
  /** Phone width: the list becomes cards (code, title, status, progress). */
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly allColumns = ACTION_COLUMNS;
  protected readonly columnLabels: Record<ActionColumn, string> = {
    code: $localize`:@@actions.col.code:Clave`,
    title: $localize`:@@actions.col.title:Título`,
    status: $localize`:@@actions.col.status:Estatus`,
    progress: $localize`:@@actions.col.progress:Avance`,
    kind: $localize`:@@actions.col.kind:Tipo`,
    modality: $localize`:@@actions.col.modality:Modalidad`,
    partners: $localize`:@@actions.col.partners:Socios`,
    period: $localize`:@@actions.col.period:Inicio`,
    updatedAt: $localize`:@@actions.col.updatedAt:Actualizada`,
    overdue: $localize`:@@actions.col.overdue:Hitos atrasados`,
    committed: FIGURE_LABELS.committed,
    executed: FIGURE_LABELS.executed,
    ceilings: FIGURE_LABELS.ceilings,
  };

  protected readonly canEdit = computed(() => this.auth.can('portfolio.edit'));
  protected readonly filters = toSignal(this.route.queryParams.pipe(map(filtersFromParams)), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasActiveFilters(this.filters()));
  private readonly params = toSignal(this.route.queryParams, { requireSync: true });
  /** The money columns' currency, kept in the URL (`?currency=USD`; MXN by default). */
  protected readonly currency = computed((): Currency => {
    const value = String(this.params()['currency'] ?? '').toUpperCase();
    return (CURRENCIES as readonly string[]).includes(value) ? (value as Currency) : 'MXN';
  });
  private currencyParam(): Record<string, string> {
    return this.currency() === 'MXN' ? {} : { currency: this.currency() };
  }
  protected readonly sortActive = computed(() => this.filters().sort.replace(/^-/, ''));
  protected readonly sortDirection = computed(() =>
    this.filters().sort.startsWith('-') ? 'desc' : 'asc',
  );

  protected readonly columns = signal<ActionColumn[]>(loadColumns(this.storage()));
  constructor() {
    effect(() => this.store.load(this.filters(), this.currency()));
  }

  protected title(action: ActionSummary): string {
    return this.locale.startsWith('en') && action.titleEn ? action.titleEn : action.titleEs;
  }

  protected kindLabel(kind: string): string {
    return labelOf(KIND_LABELS, kind);
  }

  protected modalityLabel(modality: string): string {
    return labelOf(MODALITY_LABELS, modality);
  }

  protected partnerList(action: ActionSummary): string {
    return action.partners.map((p) => p.acronym ?? p.name).join(', ');
  }

  apply(patch: Partial<ActionFilters>): void {
    const next = { ...this.filters(), ...patch };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...filtersToParams(next), ...this.currencyParam() },
    });
  }

  /** A change from the shared filter bar: back to the first page. */
  applyPatch(patch: Partial<ActionFilters>): void {
    this.apply({ ...patch, page: 1 });
  }

  setCurrency(value: Currency): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...filtersToParams(this.filters()), currency: value === 'MXN' ? null : value },
    });
  }

  clearFilters(): void {
    const { pageSize, sort } = this.filters();
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        ...filtersToParams({ ...filtersFromParams({}), pageSize, sort }),
        ...this.currencyParam(),
      },
    });
  }

  onSort(sort: Sort): void {
    const field = sort.direction ? sort.active : 'updatedAt';
    const desc = sort.direction ? sort.direction === 'desc' : true;
    this.apply({ sort: `${desc ? '-' : ''}${field}`, page: 1 });
  }

  onPage(event: PageEvent): void {
    this.apply({ page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  toggleColumn(column: ActionColumn, shown: boolean): void {
    const next = ACTION_COLUMNS.filter((c) => (c === column ? shown : this.columns().includes(c)));
    if (!next.length) return;
    this.columns.set(next);
    saveColumns(this.storage(), next);
  }

  open(action: ActionSummary): void {
    void this.router.navigate([action.id], { relativeTo: this.route });
  }

  private storage(): Storage | null {
    try {
      return typeof localStorage === 'undefined' ? null : localStorage;
    } catch {
      return null;
    }
  }
}
