import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { RouterLink } from '@angular/router';
import type { KeyCount, MoneyTotal } from '../../core/api/models';
import { KIND_LABELS, labelOf, STATUS_LABELS } from '../../core/i18n/labels';
import { formatMoney } from '../../shared/money';
import { ErrorState, LoadingState } from '../../shared/states';
import { DashboardStore } from './dashboard.store';
import { KpiCard } from './kpi-card';

interface Breakdown {
  key: string;
  label: string;
  count: number;
}

@Component({
  selector: 'app-dashboard',
  imports: [RouterLink, MatCardModule, KpiCard, LoadingState, ErrorState],
  providers: [DashboardStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './dashboard.html',
  styleUrl: './dashboard.scss',
})
export class Dashboard {
  protected readonly store = inject(DashboardStore);
  private readonly locale = inject(LOCALE_ID);
  private readonly number = new Intl.NumberFormat(this.locale);

  protected readonly cards = computed(() => {
    const s = this.store.summary();
    if (!s) return [];
    const money = (m: MoneyTotal) => formatMoney(m.total, s.currency, this.locale);
    const unconverted = (m: MoneyTotal) =>
      m.unconverted.length
        ? $localize`:@@dashboard.unconverted:Sin convertir: ${m.unconverted
            .map((u) => formatMoney(u.total, u.currency, this.locale))
            .join(' + ')}:amounts:`
        : null;
    return [
      {
        name: 'actions',
        icon: 'public',
        label: $localize`:@@dashboard.kpi.actions:Acciones`,
        value: this.number.format(s.actions.total),
        note: $localize`:@@dashboard.kpi.active:${this.number.format(s.actions.active)}:count: activas`,
      },
      {
        name: 'partners',
        icon: 'handshake',
        label: $localize`:@@dashboard.kpi.partners:Socios`,
        value: this.number.format(s.partners),
        note: null,
      },
      {
        name: 'committed',
        icon: 'request_quote',
        label: $localize`:@@dashboard.kpi.committed:Comprometido`,
        value: money(s.money.committed),
        note: unconverted(s.money.committed),
      },
      {
        name: 'executed',
        icon: 'payments',
        label: $localize`:@@dashboard.kpi.executed:Ejercido`,
        value: money(s.money.executed),
        note: unconverted(s.money.executed),
      },
      {
        name: 'ceilings',
        icon: 'vertical_align_top',
        label: $localize`:@@dashboard.kpi.ceilings:Techos de asistencia (hasta)`,
        value: money(s.money.ceilings),
        note:
          unconverted(s.money.ceilings) ??
          $localize`:@@dashboard.kpi.ceilingsNote:Tope de asistencia técnica; no es dinero recibido.`,
      },
      {
        name: 'in-kind',
        icon: 'volunteer_activism',
        label: $localize`:@@dashboard.kpi.inKind:En especie`,
        value: money(s.money.inKind),
        note: unconverted(s.money.inKind),
      },
      {
        name: 'overdue',
        icon: 'schedule',
        label: $localize`:@@dashboard.kpi.overdue:Hitos atrasados`,
        value: this.number.format(s.overdueMilestones),
        note: null,
      },
    ];
  });

  protected readonly byKind = computed(() =>
    this.breakdown(this.store.summary()?.actions.byKind, (k) => labelOf(KIND_LABELS, k)),
  );
  protected readonly byStatus = computed(() =>
    this.breakdown(this.store.summary()?.actions.byStatus, (k) =>
      labelOf(STATUS_LABELS, k === 'null' ? null : k),
    ),
  );

  constructor() {
    this.store.load();
  }

  private breakdown(rows: KeyCount[] | undefined, label: (key: string) => string): Breakdown[] {
    return [...(rows ?? [])]
      .sort((a, b) => b.count - a.count)
      .map((r) => ({ key: r.key ?? 'null', label: label(r.key), count: r.count }));
  }
}
