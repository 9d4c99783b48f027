import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  LOCALE_ID,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { toApiError } from '../../core/api/api-error';
import type { UnconvertedRecord, UnconvertedSum } from '../../core/api/models';
import { formatMoney, sumAmounts } from '../../shared/money';
import { type Figure, FIGURE_LABELS } from './chart-data';
import { DashboardApi, type DashboardQuery } from './dashboard.api';

export const REASON_LABELS: Record<string, string> = {
  currency_not_stated: $localize`:@@money.reason.currency:sin moneda`,
  no_value_date: $localize`:@@money.reason.date:sin fecha`,
  no_rate: $localize`:@@money.reason.rate:sin tipo de cambio`,
};

/** One line of the breakdown: an original currency and a reason, summed. */
interface Line {
  key: string;
  amount: string;
  reason: string;
  records: number;
}

/**
 * "Ver desglose": what a figure or chart leaves out, in the original currencies, and why (no
 * currency, no date, no rate); the records themselves on demand. Nothing is counted as zero.
 */
@Component({
  selector: 'app-left-out',
  imports: [MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (records() > 0) {
      <details [attr.data-testid]="'left-out-' + name()" (toggle)="opened($event)">
        <summary i18n="@@money.leftOut.summary">
          Sin convertir: {{ records() }} registros · ver desglose
        </summary>
        <ul class="lines">
          @for (line of lines(); track line.key) {
            <li>
              <strong>{{ line.amount }}</strong> · {{ line.reason }}
              <span class="muted" i18n="@@money.leftOut.records">({{ line.records }} reg.)</span>
            </li>
          }
        </ul>
        <p class="muted" i18n="@@money.leftOut.why">
          No están en la cifra en {{ currency() }}: se muestran en su moneda original.
        </p>
        @if (items(); as list) {
          <ul class="records" data-testid="left-out-records">
            @for (r of list; track r.fundingId) {
              <li>
                <a [routerLink]="['/acciones', r.actionId]">{{ r.actionCode }}</a>
                · {{ money(r.amount, r.currency) }} · {{ reason(r.reason) }}
                @if (!figure()) {
                  · {{ figureLabel(r.figure) }}
                }
              </li>
            }
          </ul>
          @if (total() > list.length) {
            <p class="muted" i18n="@@money.leftOut.more">
              Se muestran {{ list.length }} de {{ total() }}.
            </p>
          }
        } @else if (error()) {
          <p class="warning" role="alert">{{ error() }}</p>
        }
      </details>
    }
  `,
  styles: `
    details {
      margin-top: 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    summary {
      cursor: pointer;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
    }
    ul {
      margin: 4px 0;
      padding-left: 18px;
    }
    li {
      overflow-wrap: anywhere;
    }
    .muted {
      margin: 4px 0;
    }
    .warning {
      color: var(--mat-sys-error);
    }
  `,
})
export class LeftOut {
  private readonly api = inject(DashboardApi);
  private readonly locale = inject(LOCALE_ID);

  /** A name for the test id (the figure or the chart). */
  readonly name = input.required<string>();
  /** What is left out, per original currency and reason (from the summary). */
  readonly sums = input<readonly UnconvertedSum[]>([]);
  /** The reporting currency. */
  readonly currency = input.required<string>();
  /** The dashboard's query (filters + currency), to list the records. */
  readonly query = input.required<DashboardQuery>();
  /** One key figure, or null for every figure (a chart of several). */
  readonly figure = input<Figure | null>(null);

  /** The records loaded, for the query they were loaded for (stale ones are not shown). */
  private readonly loaded = signal<{
    key: string;
    items: UnconvertedRecord[];
    total: number;
  } | null>(null);
  private readonly key = computed(() => JSON.stringify([this.query(), this.figure()]));
  protected readonly items = computed(() => {
    const loaded = this.loaded();
    return loaded && loaded.key === this.key() ? loaded.items : null;
  });
  protected readonly total = computed(() => this.loaded()?.total ?? 0);
  protected readonly error = signal<string | null>(null);

  protected readonly records = computed(() => this.sums().reduce((n, s) => n + s.records, 0));
  protected readonly lines = computed((): Line[] => {
    const byKey = new Map<
      string,
      { currency: string | null; reason: string; amounts: string[]; records: number }
    >();
    for (const s of this.sums()) {
      const key = `${s.currency ?? ''}|${s.reason}`;
      const line = byKey.get(key) ?? {
        currency: s.currency ?? null,
        reason: s.reason,
        amounts: [],
        records: 0,
      };
      line.amounts.push(s.amount);
      line.records += s.records;
      byKey.set(key, line);
    }
    return [...byKey.entries()].map(([key, l]) => ({
      key,
      amount: this.money(sumAmounts(l.amounts), l.currency),
      reason: this.reason(l.reason),
      records: l.records,
    }));
  });

  protected money(amount: string, currency: string | null | undefined): string {
    return formatMoney(amount, currency, this.locale);
  }

  protected reason(reason: string): string {
    return REASON_LABELS[reason] ?? reason;
  }

  protected figureLabel(figure: string): string {
    return FIGURE_LABELS[figure as Figure] ?? figure;
  }

  /** Loads the first records when the panel opens (once per query). */
  protected opened(event: Event): void {
    if (!(event.target as HTMLDetailsElement).open || this.items()) return;
    const figure = this.figure();
    const key = this.key();
    const query: DashboardQuery = { ...this.query(), pageSize: '25' };
    if (figure) query['figure'] = figure;
    this.error.set(null);
    this.api.unconverted(query).subscribe({
      next: (page) => this.loaded.set({ key, items: page.items, total: page.total }),
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }
}
