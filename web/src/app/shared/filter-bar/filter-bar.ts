import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ORGANISATION_TYPES } from '../../core/api/models';
import { ORGANISATION_TYPE_LABELS } from '../../core/i18n/labels';
import type { ActionFilters } from '../../features/actions/action-filters';

/** A typed year (1900–2200), or null for an open end. */
export function parseYear(value: string): number | null {
  const n = /^\d{4}$/.test(value.trim()) ? Number(value) : NaN;
  return n >= 1900 && n <= 2200 ? n : null;
}

/**
 * Partner type, municipality and year range: the filters the action list and the dashboard
 * share beyond kind/status/modality. Emits a patch; the host writes it to the URL.
 */
@Component({
  selector: 'app-filter-bar',
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: contents; } .year { width: 7rem; }',
  template: `
    <mat-form-field>
      <mat-label i18n="@@filterBar.partnerType">Tipo de socio</mat-label>
      <mat-select
        multiple
        [value]="filters().partnerType"
        (selectionChange)="changed.emit({ partnerType: $event.value })"
        data-testid="filter-partner-type"
      >
        @for (type of types; track type) {
          <mat-option [value]="type">{{ typeLabels[type] }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field>
      <mat-label i18n="@@filterBar.municipality">Municipio</mat-label>
      <input
        matInput
        #municipality
        (keydown.enter)="addMunicipality(municipality)"
        data-testid="filter-municipality"
      />
    </mat-form-field>
    <mat-form-field class="year">
      <mat-label i18n="@@filterBar.yearFrom">Desde (año)</mat-label>
      <input
        matInput
        inputmode="numeric"
        [value]="filters().yearFrom ?? ''"
        (change)="changed.emit({ yearFrom: year(yearFrom.value) })"
        #yearFrom
        data-testid="filter-year-from"
      />
    </mat-form-field>
    <mat-form-field class="year">
      <mat-label i18n="@@filterBar.yearTo">Hasta (año)</mat-label>
      <input
        matInput
        inputmode="numeric"
        [value]="filters().yearTo ?? ''"
        (change)="changed.emit({ yearTo: year(yearTo.value) })"
        #yearTo
        data-testid="filter-year-to"
      />
    </mat-form-field>
  `,
})
export class FilterBar {
  readonly filters = input.required<ActionFilters>();
  readonly changed = output<Partial<ActionFilters>>();

  protected readonly types = ORGANISATION_TYPES;
  protected readonly typeLabels = ORGANISATION_TYPE_LABELS;
  protected readonly year = parseYear;

  protected addMunicipality(field: HTMLInputElement): void {
    const name = field.value.trim();
    const current = this.filters().municipality;
    if (name && !current.includes(name)) this.changed.emit({ municipality: [...current, name] });
    field.value = '';
  }
}
