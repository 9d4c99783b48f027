import { Route } from '@angular/router';
import { capabilityGuard } from '../../core/auth/auth.guard';

export const adminRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'usuarios' },
  {
    path: 'usuarios',
    title: $localize`:@@title.users:Usuarios · Coopera`,
    loadComponent: () => import('./user-list').then((m) => m.UserList),
  },
  {
    path: 'tipos-de-cambio',
    title: $localize`:@@title.rates:Tipos de cambio · Coopera`,
    canActivate: [capabilityGuard('rates.manage')],
    loadComponent: () => import('./rate-list').then((m) => m.RateList),
  },
  {
    path: 'temas',
    title: $localize`:@@title.themes:Temas · Coopera`,
    canActivate: [capabilityGuard('themes.manage')],
    loadComponent: () => import('./theme-list').then((m) => m.ThemeList),
  },
  {
    path: 'avance',
    title: $localize`:@@title.progressSettings:Criterios de avance · Coopera`,
    canActivate: [capabilityGuard('settings.manage')],
    loadComponent: () => import('./progress-settings').then((m) => m.ProgressSettings),
  },
];
