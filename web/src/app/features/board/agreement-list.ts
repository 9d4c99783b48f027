import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { Agreement } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { PreciseDatePipe } from '../../shared/dates';
import { todayIso } from '../../shared/forms';
import { ListState } from '../../shared/list-state';
import { AgreementStatusChip } from './agreement-status';
import { BoardApi } from './board.api';
import {
  AGREEMENT_FILTERS,
  AgreementFilter,
  filterAgreements,
  isOverdue,
  parseFilter,
} from './board.model';

/** Every board agreement across sessions, filtered by status (the filter is in the URL). */
@Component({
  selector: 'app-agreement-list',
  imports: [
    RouterLink,
    MatTableModule,
    MatButtonToggleModule,
    PreciseDatePipe,
    AgreementStatusChip,
    ListState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agreement-list.html',
  styles: `
    .filters {
      flex-wrap: wrap;
      margin-bottom: 16px;
    }
    .code {
      font-family: 'Roboto Mono', monospace;
      white-space: nowrap;
    }
    .text,
    .note {
      margin: 4px 0;
      max-width: 60ch;
      /* On a phone the table scrolls sideways rather than squeezing the text to a few words. */
      min-width: 240px;
    }
  `,
})
export class AgreementList {
  private readonly api = inject(BoardApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  protected readonly columns = ['code', 'text', 'responsible', 'due', 'status', 'session'];
  protected readonly filters = AGREEMENT_FILTERS;
  protected readonly filterLabels: Record<AgreementFilter, string> = {
    pending: $localize`:@@agreements.pending:Pendientes`,
    overdue: $localize`:@@agreements.overdue:Vencidos`,
    ...AGREEMENT_STATUS_LABELS,
    all: $localize`:@@agreements.all:Todos`,
  };
  protected readonly today = todayIso();
  protected readonly agreements = signal<Agreement[]>([]);
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly filter = toSignal(
    this.route.queryParamMap.pipe(map((p) => parseFilter(p.get('estado')))),
    { initialValue: 'pending' as AgreementFilter },
  );
  protected readonly shown = computed(() =>
    filterAgreements(this.agreements(), this.filter(), this.today),
  );
  protected readonly counts = computed(
    () =>
      Object.fromEntries(
        this.filters.map((f) => [f, filterAgreements(this.agreements(), f, this.today).length]),
      ) as Record<AgreementFilter, number>,
  );

  constructor() {
    this.load();
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.agreements().subscribe({
      next: (list) => {
        this.agreements.set(list);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        this.error.set(toApiError(e));
        this.loading.set(false);
      },
    });
  }

  protected overdue(a: Agreement): boolean {
    return isOverdue(a, this.today);
  }

  protected setFilter(value: unknown): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { estado: parseFilter(value) },
      replaceUrl: true,
    });
  }
}
