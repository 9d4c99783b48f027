import { Route } from '@angular/router';

export const adminRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'usuarios' },
  {
    path: 'usuarios',
    title: $localize`:@@title.users:Usuarios · Coopera`,
    loadComponent: () => import('./user-list').then((m) => m.UserList),
  },
];
