import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { KeyCount, MoneyFigure } from '../../core/api/models';
import { KIND_LABELS, labelOf, STATUS_LABELS } from '../../core/i18n/labels';
import { MoneyPipe } from '../../shared/money';
import { ErrorState, LoadingState } from '../../shared/states';
import { DashboardStore } from './dashboard.store';
import { KpiCard } from './kpi-card';

interface Breakdown {
  key: string;
  label: string;
  count: number;
}

/** One key figure: either a count (`value`) or a money figure (`amount` + `currency`). */
interface Card {
  name: string;
  icon: string;
  label: string;
  value: string | null;
  amount?: string | null;
  currency?: string | null;
  note: string | null;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

@Component({
  selector: 'app-dashboard',
  imports: [RouterLink, MatCardModule, KpiCard, LoadingState, ErrorState, MoneyPipe],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
})
export class Dashboard {
  protected readonly store = inject(DashboardStore);
  private readonly locale = inject(LOCALE_ID);
  private readonly number = new Intl.NumberFormat(this.locale);

  protected readonly cards = computed((): Card[] => {
    const s = this.store.summary();
    if (!s) return [];
    const money = s.money;
    const moneyCard = (
      name: string,
      icon: string,
      label: string,
      figure: MoneyFigure | undefined,
      fallbackNote: string | null = null,
    ): Card => ({
      name,
      icon,
      label,
      value: null,
      amount: figure?.total ?? null,
      currency: figure?.currency ?? s.currency ?? null,
      note: this.unconverted(figure) ?? fallbackNote,
    });
    return [
      {
        name: 'actions',
        icon: 'public',
        label: $localize`:@@dashboard.kpi.actions:Acciones`,
        value: this.count(s.actions),
        note: isCount(s.activeActions)
          ? $localize`:@@dashboard.kpi.active:${this.count(s.activeActions)}:count: activas`
          : null,
      },
      {
        name: 'partners',
        icon: 'handshake',
        label: $localize`:@@dashboard.kpi.partners:Socios`,
        value: this.count(s.partners),
        note: null,
      },
      moneyCard(
        'committed',
        'request_quote',
        $localize`:@@dashboard.kpi.committed:Comprometido`,
        money?.committed,
      ),
      moneyCard(
        'executed',
        'payments',
        $localize`:@@dashboard.kpi.executed:Ejercido`,
        money?.executed,
      ),
      moneyCard(
        'ceilings',
        'vertical_align_top',
        $localize`:@@dashboard.kpi.ceilings:Techos de asistencia (hasta)`,
        money?.ceilings,
        $localize`:@@dashboard.kpi.ceilingsNote:Tope de asistencia técnica; no es dinero recibido.`,
      ),
      moneyCard(
        'in-kind',
        'volunteer_activism',
        $localize`:@@dashboard.kpi.inKind:En especie`,
        money?.inKind,
      ),
      {
        name: 'overdue',
        icon: 'schedule',
        label: $localize`:@@dashboard.kpi.overdue:Hitos atrasados`,
        value: this.count(s.overdueMilestones),
        note: null,
      },
    ];
  });

  protected readonly byKind = computed(() =>
    this.breakdown(this.store.summary()?.actionsByKind, (k) => labelOf(KIND_LABELS, k)),
  );
  protected readonly byStatus = computed(() =>
    this.breakdown(this.store.summary()?.actionsByStatus, (k) => labelOf(STATUS_LABELS, k)),
  );

  constructor() {
    this.store.load();
  }

  /** A count as text; a missing or non-numeric count shows as "—", never "NaN". */
  private count(value: unknown): string {
    return isCount(value) ? this.number.format(value) : '—';
  }

  /** "Registros sin convertir: 3" when some records could not be converted to the currency. */
  private unconverted(figure: MoneyFigure | undefined): string | null {
    const n = figure?.unconvertedCount;
    return isCount(n) && n > 0
      ? $localize`:@@dashboard.unconvertedCount:Registros sin convertir: ${this.number.format(n)}:count:`
      : null;
  }

  private breakdown(
    rows: KeyCount[] | undefined,
    label: (key: string | null) => string,
  ): Breakdown[] {
    return [...(rows ?? [])]
      .filter((r) => isCount(r.count))
      .sort((a, b) => b.count - a.count)
      .map((r) => ({ key: r.key ?? 'null', label: label(r.key ?? null), count: r.count }));
  }
}
