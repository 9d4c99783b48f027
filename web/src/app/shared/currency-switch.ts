import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Currency, CURRENCIES } from '../core/api/models';
import { ChoiceToggle } from './choice-toggle';

/** MXN · USD · EUR: the currency the page's figures are converted to. */
@Component({
  selector: 'app-currency-switch',
  imports: [ChoiceToggle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-choice-toggle
      [choices]="currencies"
      [value]="value()"
      (changed)="changed.emit($event)"
      [label]="label()"
      testId="currency-switch"
      optionTestId="currency-"
    />
  `,
})
export class CurrencySwitch {
  readonly value = input.required<Currency>();
  readonly label = input($localize`:@@dashboard.currency:Moneda de reporte`);
  readonly changed = output<Currency>();
  protected readonly currencies = CURRENCIES;
}
