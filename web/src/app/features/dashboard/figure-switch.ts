import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ChoiceToggle } from '../../shared/choice-toggle';
import { Figure, FIGURE_LABELS, FIGURES } from './chart-data';

/** Committed · executed · ceilings · in kind: the figure a chart shows. */
@Component({
  selector: 'app-figure-switch',
  imports: [ChoiceToggle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-choice-toggle
      [choices]="figures"
      [labels]="labels"
      [value]="value()"
      (changed)="changed.emit($event)"
      [label]="label"
      [testId]="testId()"
    />
  `,
})
export class FigureSwitch {
  readonly value = input.required<Figure>();
  readonly testId = input.required<string>();
  readonly changed = output<Figure>();
  protected readonly figures = FIGURES;
  protected readonly labels = FIGURE_LABELS;
  protected readonly label = $localize`:@@dashboard.chart.figure:Cifra`;
}
