import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
} from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { apiLanguage } from '../core/i18n/locale';

/** What the meter draws: the API's progress figure (list, action, report). */
export interface ProgressLike {
  percent: number;
  labelEs: string;
  labelEn: string;
  colour: string;
}

/** The label of a progress figure in the page's language. */
export function progressLabel(p: Pick<ProgressLike, 'labelEs' | 'labelEn'>, locale: string) {
  return apiLanguage(locale) === 'en' ? p.labelEn || p.labelEs : p.labelEs;
}

/**
 * Progress as "30 % · Proceso medio" with the level's colour as a swatch (the text keeps the
 * theme's colour, so a light level colour never costs contrast); `bar` adds a determinate bar.
 */
@Component({
  selector: 'app-progress-meter',
  imports: [MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span class="meter" data-testid="progress-meter">
      <span class="swatch" aria-hidden="true" [style.background]="progress().colour"></span>
      <span class="text"
        ><strong data-testid="progress-percent">{{ progress().percent }} %</strong> ·
        <span data-testid="progress-label">{{ label() }}</span></span
      >
    </span>
    @if (bar()) {
      <mat-progress-bar
        mode="determinate"
        [value]="progress().percent"
        [style.--mat-progress-bar-active-indicator-color]="progress().colour"
        [attr.aria-label]="ariaLabel()"
      />
    }
  `,
  styles: `
    :host {
      display: inline-block;
      min-width: 0;
    }
    .meter {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      white-space: nowrap;
    }
    .swatch {
      display: inline-block;
      width: 12px;
      height: 12px;
      border-radius: 50%;
      border: 1px solid var(--mat-sys-outline);
      flex: none;
    }
    mat-progress-bar {
      margin-top: 6px;
      --mat-progress-bar-track-height: 8px;
      --mat-progress-bar-active-indicator-height: 8px;
    }
  `,
  host: { '[style.display]': "bar() ? 'block' : 'inline-block'" },
})
export class ProgressMeter {
  private readonly locale = inject(LOCALE_ID);
  readonly progress = input.required<ProgressLike>();
  readonly bar = input(false);
  protected readonly label = computed(() => progressLabel(this.progress(), this.locale));
  protected readonly ariaLabel = computed(
    () =>
      $localize`:@@progress.aria:Avance: ${this.progress().percent}:percent: %, ${this.label()}:label:`,
  );
}
