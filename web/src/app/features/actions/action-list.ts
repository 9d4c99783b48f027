import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, Sort } from '@angular/material/sort';
import { providePaginatorIntl, SortHeaderIntl } from '../../core/i18n/material-intl';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { catchError, debounceTime, distinctUntilChanged, map, of } from 'rxjs';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ActionSummary,
  CURRENCIES,
  type Currency,
  MODALITIES,
} from '../../core/api/models';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MoneyPipe } from '../../shared/money';
import { FIGURE_LABELS } from '../dashboard/chart-data';
import { OrganisationsApi } from '../../core/api/organisations.api';
import { AuthStore } from '../../core/auth/auth.store';
import { KIND_LABELS, labelOf, MODALITY_LABELS, STATUS_LABELS } from '../../core/i18n/labels';
import { PreciseDatePipe, TimestampPipe } from '../../shared/dates';
import { EmptyState, ErrorState } from '../../shared/states';
import { ProgressMeter } from '../../shared/progress-meter';
import { StatusChip } from '../../shared/status-chip';
import { ListExports } from '../exports/list-exports';
import { FilterBar } from '../../shared/filter-bar/filter-bar';
import {
  ActionFilters,
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  PAGE_SIZES,
} from './action-filters';
import { ActionsStore } from './actions.store';
import { ACTION_COLUMNS, ActionColumn, loadColumns, saveColumns } from './columns';

type ListKey = 'kind' | 'status' | 'modality' | 'theme' | 'sdg' | 'partner';

interface FilterChip {
  key: ListKey;
  value: string | number;
  label: string;
}

const SDGS = Array.from({ length: 17 }, (_, i) => i + 1);

@Component({
  selector: 'app-action-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatButtonToggleModule,
    MoneyPipe,
    MatSortModule,
    SortHeaderIntl,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatChipsModule,
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

  protected readonly kinds = ACTION_KINDS;
  protected readonly statuses = ACTION_STATUSES;
  protected readonly modalities = MODALITIES;
  protected readonly sdgs = SDGS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly modalityLabels = MODALITY_LABELS;
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
  protected readonly currencies = CURRENCIES;
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
  protected readonly organisations = toSignal(
    inject(OrganisationsApi)
      .list({ pageSize: 100 })
      .pipe(
        map((page) => page.items),
        catchError(() => of([])),
      ),
    { initialValue: [] },
  );
  private readonly partnerNames = computed(
    () => new Map(this.organisations().map((o) => [o.id, o.acronym ?? o.name] as const)),
  );

  protected readonly chips = computed<FilterChip[]>(() => {
    const f = this.filters();
    const names = this.partnerNames();
    return [
      ...f.kind.map((v) => ({ key: 'kind' as const, value: v, label: labelOf(KIND_LABELS, v) })),
      ...f.status.map((v) => ({
        key: 'status' as const,
        value: v,
        label: labelOf(STATUS_LABELS, v),
      })),
      ...f.modality.map((v) => ({
        key: 'modality' as const,
        value: v,
        label: labelOf(MODALITY_LABELS, v),
      })),
      ...f.theme.map((v) => ({ key: 'theme' as const, value: v, label: v })),
      ...f.sdg.map((v) => ({
        key: 'sdg' as const,
        value: v,
        label: $localize`:@@actions.sdgChip:ODS ${v}:number:`,
      })),
      ...f.partner.map((v) => ({ key: 'partner' as const, value: v, label: names.get(v) ?? v })),
    ];
  });

  protected readonly search = new FormControl(this.filters().q, { nonNullable: true });
  protected readonly themeInput = new FormControl('', { nonNullable: true });

  constructor() {
    effect(() => this.store.load(this.filters(), this.currency()));
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.apply({ q, page: 1 }));
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

  setCurrency(value: unknown): void {
    if (!(CURRENCIES as readonly unknown[]).includes(value)) return;
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...filtersToParams(this.filters()), currency: value === 'MXN' ? null : value },
    });
  }

  setList(key: ListKey, values: (string | number)[]): void {
    this.apply({ [key]: values, page: 1 } as Partial<ActionFilters>);
  }

  removeChip(chip: FilterChip): void {
    const current = this.filters()[chip.key] as (string | number)[];
    this.setList(
      chip.key,
      current.filter((v) => v !== chip.value),
    );
  }

  addTheme(): void {
    const theme = this.themeInput.value.trim();
    if (theme && !this.filters().theme.includes(theme))
      this.setList('theme', [...this.filters().theme, theme]);
    this.themeInput.setValue('');
  }

  clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
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
