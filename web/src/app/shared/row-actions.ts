import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

/**
 * The edit and delete icon buttons at the end of a row (a part, an agenda item, a rate…). The host
 * names them (`editLabel`: «Editar …», an attribute so readers and axe see it); without a
 * `deleteLabel` there is no delete button. Tooltips show only when given.
 */
@Component({
  selector: 'app-row-actions',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      (click)="edit.emit()"
      [matTooltip]="editTooltip()"
      [attr.aria-label]="editLabel()"
      [attr.data-testid]="editTestId()"
    >
      <mat-icon aria-hidden="true">edit</mat-icon>
    </button>
    @if (deleteLabel(); as label) {
      <button
        mat-icon-button
        type="button"
        (click)="remove.emit()"
        [disabled]="deleteDisabled()"
        [matTooltip]="deleteTooltip()"
        [attr.aria-label]="label"
        [attr.data-testid]="deleteTestId()"
      >
        <mat-icon aria-hidden="true">delete</mat-icon>
      </button>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
    }
  `,
})
export class RowActions {
  readonly editLabel = input.required<string>();
  readonly deleteLabel = input<string | null>(null);
  readonly editTooltip = input('');
  readonly deleteTooltip = input('');
  readonly editTestId = input<string | null>(null);
  readonly deleteTestId = input<string | null>(null);
  readonly deleteDisabled = input(false);
  readonly edit = output<void>();
  readonly remove = output<void>();
}
