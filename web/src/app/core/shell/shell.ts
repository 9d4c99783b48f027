import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  Injector,
  LOCALE_ID,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { SIGN_IN_PATH } from '../auth/auth.guard';
import { AuthStore } from '../auth/auth.store';
import { ChangePasswordDialog } from '../auth/change-password-dialog';
import { Capability } from '../auth/permissions';
import { ROLE_LABELS } from '../i18n/labels';
import { apiLanguage, otherLanguageUrl } from '../i18n/locale';
import { NotificationsBell } from '../notifications/notifications-bell';
import {
  isLogMilestoneShortcut,
  LOG_MILESTONE_LAUNCHER,
  LOG_MILESTONE_SHORTCUT,
} from './log-milestone';

interface NavEntry {
  path: string;
  icon: string;
  label: string;
  capability: Capability;
  testId: string;
}

@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatMenuModule,
    MatTooltipModule,
    MatDividerModule,
    NotificationsBell,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  host: { '(document:keydown)': 'onKeydown($event)' },
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly locale = inject(LOCALE_ID);
  private readonly sidenav = viewChild(MatSidenav);

  private readonly loadLogMilestone = inject(LOG_MILESTONE_LAUNCHER, { optional: true });
  private readonly injector = inject(Injector);

  protected readonly user = this.auth.user;
  /** Staff and admins log milestones from anywhere (toolbar button or Alt+Shift+H). */
  protected readonly canLogMilestone = computed(() => {
    this.auth.role();
    return this.loadLogMilestone !== null && this.auth.can('portfolio.edit');
  });
  protected readonly logMilestoneShortcut = LOG_MILESTONE_SHORTCUT;
  protected readonly logMilestoneTooltip = $localize`:@@shell.logMilestoneTooltip:Registrar hito (Alt+Mayús+H)`;
  private logMilestoneOpen = false;

  constructor() {
    // Staff log milestones all day: fetch the dialog's code once the shell is up, so the first
    // Alt+Shift+H opens it at once.
    effect(() => {
      if (this.canLogMilestone()) setTimeout(() => void this.loadLogMilestone?.(), 1000);
    });
  }
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  private readonly entries: NavEntry[] = [
    {
      path: '/tablero',
      icon: 'dashboard',
      label: $localize`:@@nav.dashboard:Tablero`,
      capability: 'dashboard.view',
      testId: 'nav-dashboard',
    },
    {
      path: '/acciones',
      icon: 'public',
      label: $localize`:@@nav.actions:Acciones`,
      capability: 'portfolio.view',
      testId: 'nav-actions',
    },
    {
      path: '/socios',
      icon: 'handshake',
      label: $localize`:@@nav.partners:Socios`,
      capability: 'partners.view',
      testId: 'nav-partners',
    },
    {
      path: '/junta',
      icon: 'gavel',
      label: $localize`:@@nav.board:Junta Directiva`,
      capability: 'board.view',
      testId: 'nav-board',
    },
    {
      path: '/acuerdos',
      icon: 'task_alt',
      label: $localize`:@@nav.agreements:Acuerdos`,
      capability: 'board.view',
      testId: 'nav-agreements',
    },
    {
      path: '/importar',
      icon: 'upload_file',
      label: $localize`:@@nav.imports:Importar`,
      capability: 'portfolio.edit',
      testId: 'nav-imports',
    },
    {
      path: '/admin/usuarios',
      icon: 'admin_panel_settings',
      label: $localize`:@@nav.admin:Administración`,
      capability: 'users.manage',
      testId: 'nav-admin',
    },
    {
      path: '/admin/tipos-de-cambio',
      icon: 'currency_exchange',
      label: $localize`:@@nav.rates:Tipos de cambio`,
      capability: 'rates.manage',
      testId: 'nav-rates',
    },
    {
      path: '/admin/temas',
      icon: 'label',
      label: $localize`:@@nav.themes:Temas`,
      capability: 'themes.manage',
      testId: 'nav-themes',
    },
    {
      path: '/admin/avance',
      icon: 'stacked_line_chart',
      label: $localize`:@@nav.progressSettings:Criterios de avance`,
      capability: 'settings.manage',
      testId: 'nav-progress-settings',
    },
  ];
  protected readonly nav = computed(() => {
    this.auth.role();
    return this.entries.filter((entry) => this.auth.can(entry.capability));
  });

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event): event is NavigationEnd => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  protected readonly otherLanguage = computed(() => ({
    href: otherLanguageUrl(this.locale, this.url()),
    label: apiLanguage(this.locale) === 'en' ? 'Español' : 'English',
    code: apiLanguage(this.locale) === 'en' ? 'ES' : 'EN',
    lang: apiLanguage(this.locale) === 'en' ? 'es' : 'en',
  }));

  protected onKeydown(event: KeyboardEvent): void {
    if (!isLogMilestoneShortcut(event) || !this.canLogMilestone()) return;
    // Never on top of another dialog (an unsaved form there would be hidden behind it).
    if (this.dialog.openDialogs.length) return;
    event.preventDefault();
    void this.logMilestone();
  }

  /** Opens "Registrar hito", with the action of the page preselected when on an action page. */
  async logMilestone(): Promise<void> {
    if (this.logMilestoneOpen || !this.loadLogMilestone || !this.canLogMilestone()) return;
    this.logMilestoneOpen = true;
    try {
      const open = await this.loadLogMilestone();
      await open(this.injector, this.url() ?? '');
    } finally {
      this.logMilestoneOpen = false;
    }
  }

  closeOnHandset(): void {
    if (this.isHandset()) void this.sidenav()?.close();
  }

  changePassword(): void {
    this.dialog
      .open(ChangePasswordDialog, { width: '420px' })
      .afterClosed()
      .subscribe((changed) => {
        if (changed)
          this.snackBar.open($localize`:@@password.changed:Contraseña cambiada.`, undefined, {
            duration: 4000,
          });
      });
  }

  async signOut(): Promise<void> {
    await this.auth.signOut().catch(() => undefined);
    await this.router.navigate([`/${SIGN_IN_PATH}`]);
  }
}
