import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { ApiError, toApiError } from '../../core/api/api-error';
import type { Agreement } from '../../core/api/models';
import { AGREEMENT_STATUS_LABELS } from '../../core/i18n/progress-labels';
import { PreciseDatePipe } from '../../shared/dates';
import { todayIso } from '../../shared/forms';
import { EmptyState, ErrorState } from '../../shared/states';
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
    MatProgressBarModule,
    PreciseDatePipe,
    AgreementStatusChip,
    EmptyState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <header class="page-header">
        <h1 id="agreements-title" i18n="@@agreements.title">Acuerdos de la Junta Directiva</h1>
      </header>
      <mat-button-toggle-group
        [value]="filter()"
        (change)="setFilter($event.value)"
        aria-label="Filtrar acuerdos"
        i18n-aria-label="@@agreements.filter"
        class="filters"
        data-testid="agreement-filter"
      >
        @for (f of filters; track f) {
          <mat-button-toggle [value]="f"
            >{{ filterLabels[f] }} ({{ counts()[f] }})</mat-button-toggle
          >
        }
      </mat-button-toggle-group>
      @if (loading()) {
        <mat-progress-bar
          mode="indeterminate"
          aria-label="Cargando acuerdos"
          i18n-aria-label="@@agreements.loading"
        />
      }
      @if (error(); as err) {
        <app-error-state [message]="err.message" (retry)="load()" />
      } @else if (!loading() && !shown().length) {
        <app-empty-state
          icon="task_alt"
          message="Ningún acuerdo con este filtro."
          i18n-message="@@agreements.empty"
        />
      } @else {
        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="agreements-title">
          <table
            mat-table
            [dataSource]="shown()"
            class="dense-table cards-on-phone"
            data-testid="agreements-table"
          >
            <ng-container matColumnDef="code">
              <th mat-header-cell *matHeaderCellDef i18n="@@agreement.code">Clave</th>
              <td
                mat-cell
                *matCellDef="let a"
                data-label="Clave"
                i18n-data-label="@@agreement.code"
              >
                <a [routerLink]="['/junta', a.sessionId]" class="code">{{ a.code }}</a>
              </td>
            </ng-container>
            <ng-container matColumnDef="text">
              <th mat-header-cell *matHeaderCellDef i18n="@@agreement.text">Acuerdo</th>
              <td
                mat-cell
                *matCellDef="let a"
                class="card-wide"
                data-label="Acuerdo"
                i18n-data-label="@@agreement.text"
              >
                <p class="text">{{ a.text }}</p>
                @if (a.latestNote; as n) {
                  <p class="muted note">
                    <span i18n="@@agreements.latest">Último seguimiento</span>
                    ({{ n.notedOn | preciseDate }}): {{ n.text }}
                  </p>
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="responsible">
              <th mat-header-cell *matHeaderCellDef i18n="@@agreement.responsible">Responsable</th>
              <td mat-cell *matCellDef="let a" class="phone-hidden">{{ a.responsible ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="due">
              <th mat-header-cell *matHeaderCellDef i18n="@@agreement.dueDate">Fecha compromiso</th>
              <td
                mat-cell
                *matCellDef="let a"
                data-label="Fecha compromiso"
                i18n-data-label="@@agreement.dueDate"
              >
                {{ a.dueDate ? (a.dueDate | preciseDate) : '—' }}
              </td>
            </ng-container>
            <ng-container matColumnDef="status">
              <th mat-header-cell *matHeaderCellDef i18n="@@agreement.status">Estado</th>
              <td
                mat-cell
                *matCellDef="let a"
                data-label="Estado"
                i18n-data-label="@@agreement.status"
              >
                <app-agreement-status [status]="a.status" [overdue]="overdue(a)" />
              </td>
            </ng-container>
            <ng-container matColumnDef="session">
              <th mat-header-cell *matHeaderCellDef i18n="@@agreements.session">Sesión</th>
              <td
                mat-cell
                *matCellDef="let a"
                class="card-wide"
                data-label="Sesión"
                i18n-data-label="@@agreements.session"
              >
                <a [routerLink]="['/junta', a.sessionId]">{{ a.sessionTitle }}</a>
                <div class="muted">{{ a.sessionHeldOn | preciseDate }}</div>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr
              mat-row
              *matRowDef="let a; columns: columns"
              [attr.data-testid]="'row-' + a.code"
            ></tr>
          </table>
        </div>
      }
    </div>
  `,
  styles: `
    .filters {
      flex-wrap: wrap;
      margin-bottom: 16px;
    }
    .table-wrap {
      overflow-x: auto;
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
