import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';

/** A choice of a multiple select: the coded value and how it reads. */
export interface FilterOption {
  value: string | number;
  label: string;
}

/** One several-values field of the filter bar (partner type, theme, SDG, kind, status…). */
@Component({
  selector: 'app-filter-select',
  imports: [MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <mat-select
        multiple
        [value]="value()"
        (selectionChange)="picked.emit(asList($event.value))"
        [attr.data-testid]="testId()"
      >
        @for (option of options(); track option.value) {
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
  readonly label = input.required<string>();
  readonly value = input.required<readonly (string | number)[]>();
  readonly options = input.required<readonly FilterOption[]>();
  /** The select's data-testid (e2e selectors). */
  readonly testId = input.required<string>();
  /** The values now chosen. */
  readonly picked = output<(string | number)[]>();

  protected asList(value: unknown): (string | number)[] {
    return Array.isArray(value) ? (value as (string | number)[]) : [];
  }
}
