import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { ActionFilters } from './action-filters';

/** A choice of a multiple select: the coded value and how it reads. */
export interface FilterOption {
  value: string | number;
  label: string;
}

/** The filters a select of several values sets. */
export type SelectKey = 'kind' | 'status' | 'modality' | 'partnerType' | 'theme' | 'sdg';

/** One such field: which filter, its label, its choices and its data-testid (e2e selectors). */
export interface FilterField {
  key: SelectKey;
  label: string;
  testId: string;
  options: readonly FilterOption[];
}

/** One several-values field of the filter bar: shows `filters[field.key]`, emits the change. */
@Component({
  selector: 'app-filter-select',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ field().label }}</mat-label>
      <mat-select
        multiple
        [value]="value()"
        (selectionChange)="pick($event.value)"
        [attr.data-testid]="field().testId"
      >
        @for (option of field().options; track option.value) {
          <mat-option [value]="option.value">{{ option.label }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
  `,
})
export class FilterSelect {
  readonly field = input.required<FilterField>();
  readonly filters = input.required<ActionFilters>();
  /** The filter with the values now chosen. */
  readonly changed = output<Partial<ActionFilters>>();

  protected readonly value = computed(() => this.filters()[this.field().key]);

  protected pick(value: unknown): void {
    const values: unknown[] = Array.isArray(value) ? value : [];
    const key = this.field().key;
    this.changed.emit(key === 'sdg' ? { sdg: values.map(Number) } : { [key]: values.map(String) });
  }
}
