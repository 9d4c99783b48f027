import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';

/**
 * One choice among a few, as Material button toggles: the currency of the figures, the figure a
 * chart shows. Emits only values from `choices`.
 */
@Component({
  selector: 'app-choice-toggle',
  imports: [MatButtonToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [value]="value()"
      (change)="pick($event.value)"
      hideSingleSelectionIndicator
      [attr.aria-label]="label()"
      [attr.data-testid]="testId()"
    >
      @for (c of choices(); track c) {
        <mat-button-toggle
          [value]="c"
          [attr.data-testid]="optionTestId() ? optionTestId() + c : null"
          >{{ labels()?.[c] ?? c }}</mat-button-toggle
        >
      }
    </mat-button-toggle-group>
  `,
  // On a phone four choices do not fit one row: they wrap (never wider than the screen).
  styles: `
    :host {
      display: inline-block;
      max-width: 100%;
    }
    mat-button-toggle-group {
      flex-wrap: wrap;
      max-width: 100%;
    }
  `,
})
export class ChoiceToggle<T extends string> {
  readonly value = input.required<T>();
  readonly choices = input.required<readonly T[]>();
  /** What each choice says (the choice itself when absent, as for currency codes). */
  readonly labels = input<Record<T, string>>();
  /** The group's accessible name. */
  readonly label = input.required<string>();
  readonly testId = input<string>();
  /** Each toggle's test id: this prefix and the choice. */
  readonly optionTestId = input<string>();
  readonly changed = output<T>();

  protected pick(value: unknown): void {
    if ((this.choices() as readonly unknown[]).includes(value)) this.changed.emit(value as T);
  }
}
