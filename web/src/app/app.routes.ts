import { Route } from '@angular/router';
import {
  authGuard,
  capabilityGuard,
  CHANGE_PASSWORD_PATH,
  passwordChangeGuard,
  SIGN_IN_PATH,
  signedOutGuard,
} from './core/auth/auth.guard';
import { LOG_MILESTONE_LAUNCHER } from './core/shell/log-milestone';

export const appRoutes: Route[] = [
  {
    path: SIGN_IN_PATH,
    title: $localize`:@@title.signIn:Iniciar sesión · Coopera`,
    canActivate: [signedOutGuard],
    loadComponent: () => import('./core/auth/sign-in').then((m) => m.SignIn),
  },
  {
    // An admin-set (temporary) password is changed here before anything else.
    path: CHANGE_PASSWORD_PATH,
    title: $localize`:@@title.changePassword:Cambiar contraseña · Coopera`,
    canActivate: [passwordChangeGuard],
    loadComponent: () => import('./core/auth/change-password').then((m) => m.ChangePassword),
  },
  {
    // A share link's public page: no sign-in, no shell (features/exports/shared-action.ts).
    path: 'compartido/:token',
    title: $localize`:@@title.shared:Acción compartida · Coopera`,
    loadComponent: () => import('./features/exports/shared-action').then((m) => m.SharedAction),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./core/shell/shell').then((m) => m.Shell),
    // Features plug into the shell here, so the shell (core/) never imports one.
    providers: [
      {
        provide: LOG_MILESTONE_LAUNCHER,
        useValue: () =>
          import('./features/evidence/log-milestone-launcher').then((m) => m.openLogMilestone),
      },
    ],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'tablero' },
      {
        path: 'tablero',
        loadChildren: () =>
          import('./features/dashboard/dashboard.routes').then((m) => m.dashboardRoutes),
      },
      {
        path: 'acciones',
        loadChildren: () =>
          import('./features/actions/actions.routes').then((m) => m.actionsRoutes),
      },
      {
        path: 'socios',
        loadChildren: () =>
          import('./features/partners/partners.routes').then((m) => m.partnersRoutes),
      },
      {
        path: 'junta',
        canActivate: [capabilityGuard('board.view')],
        loadChildren: () => import('./features/board/board.routes').then((m) => m.boardRoutes),
      },
      {
        path: 'acuerdos',
        canActivate: [capabilityGuard('board.view')],
        loadChildren: () => import('./features/board/board.routes').then((m) => m.agreementRoutes),
      },
      {
        path: 'importar',
        canActivate: [capabilityGuard('portfolio.edit')],
        loadChildren: () =>
          import('./features/imports/imports.routes').then((m) => m.importsRoutes),
      },
      {
        path: 'admin',
        canActivate: [capabilityGuard('users.manage')],
        loadChildren: () => import('./features/admin/admin.routes').then((m) => m.adminRoutes),
      },
    ],
  },
  { path: '**', redirectTo: 'tablero' },
];
