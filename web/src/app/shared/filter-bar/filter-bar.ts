import { BreakpointObserver } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  MODALITIES,
  ORGANISATION_TYPES,
  type Organisation,
} from '../../core/api/models';
import { OrganisationsApi } from '../../core/api/organisations.api';
import { themeLabel } from '../themes/themes.model';
import { ThemesStore } from '../themes/themes.store';
import {
  KIND_LABELS,
  labelOf,
  MODALITY_LABELS,
  ORGANISATION_TYPE_LABELS,
  STATUS_LABELS,
} from '../../core/i18n/labels';
import type { ActionFilters } from './action-filters';
import { CLEARED, type FilterChip, filterChips, withoutChip } from './filter-chips';
import { SDGS } from '../sdgs';
import { type FilterField, FilterSelect, type SelectKey } from './filter-select';

/** A typed year (1900–2200), or null for an open end. */
export function parseYear(value: string): number | null {
  const n = /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return n >= 1900 && n <= 2200 ? n : null;
}

/** Phone width (Material's handset breakpoint): the filters fold behind one «Filtros» button. */
export const PHONE = '(max-width: 599.98px)';

/** A select of a vocabulary, its codes in the vocabulary's order. */
const codeField = (
  key: SelectKey,
  label: string,
  codes: readonly string[],
  labels: Record<string, string>,
): FilterField => ({
  key,
  label,
  testId: `filter-${key.replace('partnerType', 'partner-type')}`,
  options: codes.map((code) => ({ value: code, label: labels[code] })),
});

const orgName = (o: Pick<Organisation, 'name' | 'acronym'>) =>
  o.acronym ? `${o.acronym} · ${o.name}` : o.name;
/** A chip's name for a partner: its acronym, else its name cut to fit a phone's width. */
const chipName = (o: Pick<Organisation, 'name' | 'acronym'>) =>
  o.acronym ?? (o.name.length > 32 ? `${o.name.slice(0, 31)}…` : o.name);

/**
 * The one filter bar of the action list and the dashboard: search, kind, status, modality,
 * partner (autocomplete by name, accents ignored), partner type, year range, theme,
 * municipality and SDG, with the active filters as removable chips. It emits a patch; the host
 * writes it to the URL, so a reload or a shared link shows the same selection. At phone width
 * the fields fold behind one «Filtros» button; the chips stay in sight. Extra controls of a
 * host (the list's "only overdue") are projected at the end.
 */
@Component({
  selector: 'app-filter-bar',
  imports: [
    ReactiveFormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    FilterSelect,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './filter-bar.html',
  styleUrl: './filter-bar.scss',
})
export class FilterBar {
  readonly filters = input.required<ActionFilters>();
  readonly changed = output<Partial<ActionFilters>>();

  private readonly organisations = inject(OrganisationsApi);
  private readonly themeStore = inject(ThemesStore);
  /** The managed theme list (GET /api/v1/themes), keyed by code, labels in the app's language. */
  protected readonly themeField = computed(
    (): FilterField => ({
      key: 'theme',
      label: $localize`:@@actions.filter.theme:Tema`,
      testId: 'filter-theme',
      options: this.themeStore
        .themes()
        .map((t) => ({ value: t.code, label: themeLabel(t, this.themeStore.lang) }))
        .sort((x, y) => x.label.localeCompare(y.label)),
    }),
  );
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** Phone only: whether the folded fields are shown. */
  protected readonly open = signal(false);
  protected readonly showFields = computed(() => !this.phone() || this.open());

  protected readonly typeField = codeField(
    'partnerType',
    $localize`:@@filterBar.partnerType:Tipo de socio`,
    ORGANISATION_TYPES,
    ORGANISATION_TYPE_LABELS,
  );
  /** Kind, status and modality: a vocabulary each, one after the other in the bar. */
  protected readonly codeFields: readonly FilterField[] = [
    codeField('kind', $localize`:@@actions.filter.kind:Tipo`, ACTION_KINDS, KIND_LABELS),
    codeField(
      'status',
      $localize`:@@actions.filter.status:Estatus`,
      ACTION_STATUSES,
      STATUS_LABELS,
    ),
    codeField(
      'modality',
      $localize`:@@actions.filter.modality:Modalidad`,
      MODALITIES,
      MODALITY_LABELS,
    ),
  ];
  /** The 17 goals with their names, so nobody has to remember what «ODS 11» is. */
  protected readonly sdgField: FilterField = {
    key: 'sdg',
    label: $localize`:@@actions.filter.sdg:ODS`,
    testId: 'filter-sdg',
    options: SDGS.map((s) => ({ value: s.n, label: `${s.n} · ${s.name}` })),
  };
  protected readonly year = parseYear;
  protected readonly orgName = orgName;

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly partnerInput = new FormControl<string | Organisation>('', {
    nonNullable: true,
  });
  /** Organisations matching what is typed in the partner field (accent-insensitive, by the API). */
  protected readonly suggestions = toSignal(
    this.partnerInput.valueChanges.pipe(
      map((v) => (typeof v === 'string' ? v.trim() : '')),
      debounceTime(250),
      distinctUntilChanged(),
      switchMap((q) =>
        q.length < 2
          ? of([])
          : this.organisations.list({ q, pageSize: 20 }).pipe(
              map((page) => page.items),
              catchError(() => of([])),
            ),
      ),
    ),
    { initialValue: [] as Organisation[] },
  );
  /** Names of the partners chosen (from the autocomplete, or looked up for ids in the URL). */
  private readonly names = signal<ReadonlyMap<string, string>>(new Map());

  protected readonly chips = computed(() =>
    filterChips(this.filters(), {
      kind: (v) => labelOf(KIND_LABELS, v),
      status: (v) => labelOf(STATUS_LABELS, v),
      modality: (v) => labelOf(MODALITY_LABELS, v),
      theme: (v) => this.themeStore.label(v),
      sdg: (n) => {
        const name = SDGS.find((s) => s.n === n)?.name ?? '';
        return $localize`:@@filterBar.sdgChipNamed:ODS ${n}:n: · ${name}:name:`;
      },
      partner: (id) => this.names().get(id) ?? '…',
      partnerType: (v) => labelOf(ORGANISATION_TYPE_LABELS, v),
    }),
  );
  /** How many filters the folded panel holds (the «Filtros» button's badge). */
  protected readonly activeCount = computed(() => this.chips().length);

  constructor() {
    void this.themeStore.ensureLoaded();
    // The URL is the truth: the search box follows it (back button, chip removed, link opened).
    effect(() => {
      const q = this.filters().q;
      untracked(() => {
        if (this.search.value !== q) this.search.setValue(q, { emitEvent: false });
      });
    });
    this.search.valueChanges
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        if (q !== this.filters().q) this.changed.emit({ q });
      });
    // Partner ids that came with the URL: their names, once each.
    effect(() => {
      const unknown = this.filters().partner.filter((id) => !untracked(this.names).has(id));
      for (const id of unknown) {
        this.organisations
          .get(id)
          .pipe(catchError(() => of(null)))
          .subscribe((org) => this.remember(id, org ? chipName(org) : id.slice(0, 8)));
      }
    });
  }

  protected displayOrg = (value: string | Organisation | null): string =>
    value && typeof value === 'object' ? orgName(value) : (value ?? '');

  protected pickPartner(org: Organisation): void {
    this.remember(org.id, chipName(org));
    const current = this.filters().partner;
    if (!current.includes(org.id)) this.changed.emit({ partner: [...current, org.id] });
    this.partnerInput.setValue('');
  }

  protected addMunicipality(field: HTMLInputElement): void {
    const name = field.value.trim();
    const current = this.filters().municipality;
    if (name && !current.includes(name)) this.changed.emit({ municipality: [...current, name] });
    field.value = '';
  }

  protected remove(chip: FilterChip): void {
    this.changed.emit(withoutChip(this.filters(), chip));
  }

  protected clear(): void {
    this.search.setValue('', { emitEvent: false });
    this.changed.emit(CLEARED);
  }

  private remember(id: string, name: string): void {
    this.names.update((names) => new Map([...names, [id, name]]));
  }
}
