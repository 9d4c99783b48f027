import { BreakpointObserver } from '@angular/cdk/layout';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import type { ECElementEvent, ECharts } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { EmptyState, ErrorState, LoadingState, type LoadState } from '../../shared/states';
import { map } from 'rxjs';
import { toSignal } from '@angular/core/rxjs-interop';
import { type ChartModel, narrowOption } from './chart-data';

/**
 * A dashboard chart: title, actions, loading/empty/error states, the ECharts canvas (with a
 * text summary as its accessible name), a visually hidden data table, and PNG download.
 */
@Component({
  selector: 'app-chart-card',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    NgxEchartsDirective,
    LoadingState,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './chart-card.html',
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    mat-card {
      height: 100%;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 8px;
    }
    h2 {
      flex: 1 1 auto;
      margin: 0;
      font: var(--mat-sys-title-medium);
    }
    .chart {
      height: 340px;
      width: 100%;
    }
  `,
})
export class ChartCard {
  private readonly document = inject(DOCUMENT);

  readonly testId = input.required<string>();
  readonly heading = input.required<string>();
  readonly model = input<ChartModel | null>(null);
  /** Loading, failure and retry of the data behind `model`. */
  readonly source = input.required<LoadState>();
  readonly fileName = input('coopera-grafica');
  readonly emptyMessage = input(
    $localize`:@@dashboard.chart.empty:No hay montos para estos filtros.`,
  );
  readonly barClick = output<ECElementEvent>();

  protected readonly chart = signal<ECharts | null>(null);
  /** A phone: bars horizontal, labels cut so they never overlap (see narrowOption). */
  private readonly narrow = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 599.98px)')
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly option = computed(() => {
    const option = this.model()?.option ?? {};
    return this.narrow() ? narrowOption(option) : option;
  });
  protected readonly canDownload = computed(
    () =>
      this.chart() !== null &&
      !this.source().loading() &&
      !this.source().error() &&
      !this.model()?.empty,
  );

  /** Saves the chart as a PNG (white background, 2× for print). */
  download(): void {
    const chart = this.chart();
    if (!chart || chart.isDisposed()) return;
    const link = this.document.createElement('a');
    link.href = chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    link.download = `${this.fileName()}.png`;
    link.click();
  }
}
