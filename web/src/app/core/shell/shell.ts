import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
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
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly locale = inject(LOCALE_ID);
  private readonly sidenav = viewChild(MatSidenav);

  protected readonly user = this.auth.user;
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
