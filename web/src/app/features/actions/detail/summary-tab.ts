import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ActionDetail } from '../../../core/api/models';
import { PreciseDatePipe } from '../../../shared/dates';
import { ACTION_LABELS } from './part-labels';

/** «Resumen»: the action's summary and facts. */
@Component({
  selector: 'app-summary-tab',
  imports: [RouterLink, PreciseDatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './summary-tab.html',
  styleUrl: './detail.scss',
})
export class SummaryTab {
  private readonly locale = inject(LOCALE_ID);
  readonly action = input.required<ActionDetail>();

  protected readonly labels = ACTION_LABELS;
  protected readonly summary = computed(() => {
    const a = this.action();
    return this.locale.startsWith('en') && a.summaryEn ? a.summaryEn : a.summaryEs;
  });

  protected list(values: readonly (string | number)[]): string {
    return values.length ? values.join(', ') : '—';
  }
}
