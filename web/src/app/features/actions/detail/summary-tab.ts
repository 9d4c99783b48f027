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
import { ThemesStore } from '../../../shared/themes/themes.store';
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
  private readonly themes = inject(ThemesStore);
  readonly action = input.required<ActionDetail>();

  constructor() {
    void this.themes.ensureLoaded();
  }

  /** The action's themes with the managed list's labels. */
  protected themeLabels(codes: readonly string[]): string {
    return codes.length ? codes.map((c) => this.themes.label(c)).join(', ') : '—';
  }

  protected readonly labels = ACTION_LABELS;
  protected readonly summary = computed(() => {
    const a = this.action();
    return this.locale.startsWith('en') && a.summaryEn ? a.summaryEn : a.summaryEs;
  });

  protected list(values: readonly (string | number)[]): string {
    return values.length ? values.join(', ') : '—';
  }
}
