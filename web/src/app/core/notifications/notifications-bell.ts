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
import type { AppNotification } from '../api/models';
import { apiLanguage } from '../i18n/locale';
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
  templateUrl: './notifications-bell.html',
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
