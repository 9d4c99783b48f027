import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { DashboardMilestones, MilestoneItem } from '../../core/api/models';
import { formatPreciseDate } from '../../shared/dates';
import { EmptyState } from '../../shared/states';

/** Upcoming (next N days) and overdue open milestones, each linking to its action. */
@Component({
  selector: 'app-milestone-lists',
  imports: [RouterLink, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="lists">
      <section aria-labelledby="ms-overdue" data-testid="milestones-overdue">
        <h3 id="ms-overdue" i18n="@@dashboard.milestones.overdue">
          Atrasados ({{ data().overdueCount }})
        </h3>
        @if (data().overdue.length) {
          <ul>
            @for (m of data().overdue; track m.id) {
              <li>
                <span class="date late">{{ date(m) }}</span>
                <span class="what">
                  {{ m.title }} ·
                  <a [routerLink]="['/acciones', m.actionId]">{{ m.actionCode }}</a>
                  <span class="action">{{ m.actionTitle }}</span>
                </span>
                <span class="days" i18n="@@dashboard.milestones.daysLate"
                  >hace {{ -m.daysFromToday }} d</span
                >
              </li>
            }
          </ul>
        } @else {
          <app-empty-state icon="event_available" [message]="noOverdue" />
        }
      </section>
      <section aria-labelledby="ms-upcoming" data-testid="milestones-upcoming">
        <h3 id="ms-upcoming" i18n="@@dashboard.milestones.upcoming">
          Próximos {{ data().window }} días ({{ data().upcomingCount }})
        </h3>
        @if (data().upcoming.length) {
          <ul>
            @for (m of data().upcoming; track m.id) {
              <li>
                <span class="date">{{ date(m) }}</span>
                <span class="what">
                  {{ m.title }} ·
                  <a [routerLink]="['/acciones', m.actionId]">{{ m.actionCode }}</a>
                  <span class="action">{{ m.actionTitle }}</span>
                </span>
                <span class="days" i18n="@@dashboard.milestones.daysLeft"
                  >en {{ m.daysFromToday }} d</span
                >
              </li>
            }
          </ul>
        } @else {
          <app-empty-state icon="event" [message]="noUpcoming" />
        }
      </section>
    </div>
  `,
  styles: `
    .lists {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(300px, 1fr));
      gap: 16px;
    }
    h3 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: grid;
      grid-template-columns: 96px 1fr auto;
      gap: 8px;
      padding: 6px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .date.late {
      color: var(--mat-sys-error);
    }
    .action {
      display: block;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .days {
      white-space: nowrap;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class MilestoneLists {
  private readonly locale = inject(LOCALE_ID);
  readonly data = input.required<DashboardMilestones>();
  protected readonly noOverdue = $localize`:@@dashboard.milestones.noOverdue:No hay hitos atrasados.`;
  protected readonly noUpcoming = $localize`:@@dashboard.milestones.noUpcoming:No hay hitos próximos.`;

  protected date(m: MilestoneItem): string {
    return formatPreciseDate(m.plannedDate, 'day', this.locale);
  }
}
