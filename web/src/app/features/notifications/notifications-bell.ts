import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  LOCALE_ID,
  OnInit,
  ViewEncapsulation,
} from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { AppNotification } from '../../core/api/models';
import { apiLanguage } from '../../core/i18n/locale';
import { formatPreciseDate } from '../../shared/dates';
import { NotificationsStore } from './notifications.store';

/**
 * The toolbar bell: unread count as a badge and a panel with the overdue and upcoming milestones
 * the user follows, each linking to its action (opening one marks it read) and with a button that
 * dismisses it (it comes back when it becomes overdue or is rescheduled). Both are menu items, so
 * the arrow keys reach them; dismissing keeps the panel open and moves focus to the next entry.
 */
@Component({
  selector: 'app-notifications-bell',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    MatBadgeModule,
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    MatTooltipModule,
  ],
  providers: [NotificationsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  template: `
    <button
      mat-icon-button
      type="button"
      class="notifications-bell"
      [matMenuTriggerFor]="panel"
      (menuOpened)="store.load()"
      [attr.aria-label]="label()"
      [matTooltip]="label()"
      data-testid="notifications-bell"
    >
      <mat-icon
        aria-hidden="true"
        [matBadge]="badge()"
        [matBadgeHidden]="store.unreadCount() === 0"
        matBadgeColor="warn"
        >notifications</mat-icon
      >
    </button>
    <mat-menu #panel="matMenu" class="notifications-panel" xPosition="before">
      <div class="ntf-head" aria-hidden="true" i18n="@@notifications.title">Notificaciones</div>
      @if (store.error() && store.empty()) {
        <button
          mat-menu-item
          type="button"
          (click)="store.load()"
          data-testid="notifications-retry"
        >
          <mat-icon aria-hidden="true">refresh</mat-icon>
          <span i18n="@@notifications.error">No se pudieron cargar. Reintentar</span>
        </button>
      } @else if (store.error()) {
        <button
          mat-menu-item
          type="button"
          class="ntf-error"
          (click)="$event.stopPropagation(); store.load()"
          data-testid="notifications-action-error"
        >
          <mat-icon aria-hidden="true">error_outline</mat-icon>
          <span i18n="@@notifications.actionError"
            >No se pudo guardar el cambio. Actualizar la lista</span
          >
        </button>
      } @else if (store.empty()) {
        <button mat-menu-item type="button" disabled data-testid="notifications-empty">
          <mat-icon aria-hidden="true">event_available</mat-icon>
          <span i18n="@@notifications.empty">No tienes hitos atrasados ni próximos.</span>
        </button>
      }
      @if (store.overdue().length) {
        <div role="group" aria-labelledby="ntf-overdue" data-testid="notifications-overdue">
          <div id="ntf-overdue" class="ntf-group" i18n="@@notifications.overdue">
            Atrasados ({{ store.overdueCount() }})
          </div>
          @for (n of store.overdue(); track n.id) {
            <ng-container *ngTemplateOutlet="entry; context: { $implicit: n }" />
          }
        </div>
      }
      @if (store.upcoming().length) {
        <div role="group" aria-labelledby="ntf-upcoming" data-testid="notifications-upcoming">
          <div id="ntf-upcoming" class="ntf-group" i18n="@@notifications.upcoming">
            Próximos {{ store.windowDays() }} días ({{ store.upcomingCount() }})
          </div>
          @for (n of store.upcoming(); track n.id) {
            <ng-container *ngTemplateOutlet="entry; context: { $implicit: n }" />
          }
        </div>
      }
      <!-- One entry: a link to its action (opening marks it read) and its dismiss button. -->
      <ng-template #entry let-n>
        <div class="ntf-row">
          <a
            mat-menu-item
            class="ntf-item"
            [class.unread]="!n.read"
            [routerLink]="['/acciones', n.actionId]"
            (click)="store.markRead(n)"
            [attr.data-notification-id]="n.id"
            data-testid="notification"
          >
            <span class="ntf-text">
              <span class="ntf-title">
                @if (!n.read) {
                  <span class="ntf-dot" aria-hidden="true"></span>
                  <span class="visually-hidden" i18n="@@notifications.unread">Sin leer:</span>
                }
                {{ n.milestoneTitle }}
              </span>
              <span class="ntf-action">{{ n.actionCode }} · {{ actionTitle(n) }}</span>
              <span class="ntf-due" [class.late]="n.kind === 'overdue'"
                >{{ date(n) }} ·
                @if (n.kind === 'overdue') {
                  <span i18n="@@notifications.daysLate">{n.daysLate, plural,
                    =1 {1 día de atraso}
                    other {{{ n.daysLate }} días de atraso}
                  }</span>
                } @else {
                  <span i18n="@@notifications.daysLeft">{n.daysLeft, plural,
                    =0 {vence hoy}
                    =1 {en 1 día}
                    other {en {{ n.daysLeft }} días}
                  }</span>
                }
              </span>
            </span>
          </a>
          <button
            mat-menu-item
            type="button"
            class="ntf-dismiss"
            [attr.aria-label]="dismissLabel(n)"
            [matTooltip]="dismissLabel(n)"
            (click)="dismiss($event, n)"
            data-testid="notification-dismiss"
          >
            <mat-icon aria-hidden="true">close</mat-icon>
          </button>
        </div>
      </ng-template>
      @if (!store.empty()) {
        <mat-divider />
        <button
          mat-menu-item
          type="button"
          [disabled]="store.unreadCount() === 0"
          (click)="store.markAllRead()"
          data-testid="notifications-read-all"
        >
          <mat-icon aria-hidden="true">done_all</mat-icon>
          <span i18n="@@notifications.readAll">Marcar todas como leídas</span>
        </button>
      }
    </mat-menu>
  `,
  styles: `
    .mat-mdc-menu-panel.notifications-panel {
      max-width: min(440px, 95vw);
      width: 440px;
    }
    .notifications-panel .ntf-head {
      padding: 8px 16px 4px;
      font: var(--mat-sys-title-medium);
    }
    .notifications-panel .ntf-group {
      padding: 8px 16px 4px;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .notifications-panel .ntf-error.mat-mdc-menu-item,
    .notifications-panel .ntf-error .mat-icon {
      color: var(--mat-sys-error);
    }
    .notifications-panel .ntf-row {
      display: flex;
      align-items: stretch;
    }
    .notifications-panel .ntf-row .ntf-item {
      flex: 1 1 auto;
      min-width: 0;
    }
    .notifications-panel .ntf-dismiss.mat-mdc-menu-item {
      flex: 0 0 48px;
      width: 48px;
      min-width: 48px;
      min-height: 48px;
      height: auto;
      padding: 0;
      justify-content: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .notifications-panel .ntf-dismiss .mat-icon {
      margin: 0;
    }
    .notifications-panel .ntf-item.mat-mdc-menu-item {
      height: auto;
      min-height: 64px;
      padding-top: 8px;
      padding-bottom: 8px;
      align-items: flex-start;
    }
    .notifications-panel .ntf-item .mat-mdc-menu-item-text {
      white-space: normal;
    }
    .notifications-panel .ntf-text {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .notifications-panel .ntf-title {
      font: var(--mat-sys-body-medium);
    }
    .notifications-panel .unread .ntf-title {
      font-weight: 600;
    }
    .notifications-panel .ntf-dot {
      display: inline-block;
      width: 8px;
      height: 8px;
      margin-right: 6px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      vertical-align: middle;
    }
    .notifications-panel .ntf-action,
    .notifications-panel .ntf-due {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .notifications-panel .ntf-due.late {
      color: var(--mat-sys-error);
    }
  `,
})
export class NotificationsBell implements OnInit {
  protected readonly store = inject(NotificationsStore);
  private readonly locale = inject(LOCALE_ID);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly badge = computed(() => {
    const n = this.store.unreadCount();
    return n > 99 ? '99+' : String(n);
  });
  protected readonly label = computed(() => {
    const n = this.store.unreadCount();
    return n === 0
      ? $localize`:@@notifications.bell:Notificaciones`
      : $localize`:@@notifications.bellUnread:Notificaciones: ${n}:count: sin leer`;
  });

  ngOnInit(): void {
    this.store.load();
  }

  protected dismissLabel(n: AppNotification): string {
    return $localize`:@@notifications.dismiss:Descartar: ${n.milestoneTitle}:title:`;
  }

  /** Dismisses without closing the panel, then focuses the entry that took its place. */
  protected async dismiss(event: Event, n: AppNotification): Promise<void> {
    event.stopPropagation();
    const links = () =>
      Array.from(this.host.nativeElement.ownerDocument.querySelectorAll<HTMLElement>('.ntf-item'));
    const index = links().findIndex((el) => el.dataset['notificationId'] === n.id);
    if (!(await this.store.dismiss(n))) return;
    afterNextRender(
      () => {
        const rest = links();
        const next = rest[Math.min(Math.max(index, 0), rest.length - 1)];
        (
          next ??
          this.host.nativeElement.ownerDocument.querySelector<HTMLElement>(
            '.notifications-panel [mat-menu-item]',
          )
        )?.focus();
      },
      { injector: this.injector },
    );
  }

  protected date(n: AppNotification): string {
    return formatPreciseDate(n.dueDate, 'day', this.locale);
  }

  protected actionTitle(n: AppNotification): string {
    return apiLanguage(this.locale) === 'en' && n.actionTitleEn ? n.actionTitleEn : n.actionTitleEs;
  }
}
