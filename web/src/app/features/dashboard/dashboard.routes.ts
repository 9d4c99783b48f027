import { Route } from '@angular/router';

export const dashboardRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.dashboard:Tablero · Coopera`,
    loadComponent: () => import('./dashboard').then((m) => m.Dashboard),
  },
];
