import { Route } from '@angular/router';

export const partnersRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.partners:Socios · Coopera`,
    loadComponent: () => import('./partner-list').then((m) => m.PartnerList),
  },
  {
    path: ':id',
    title: $localize`:@@title.partner:Socio · Coopera`,
    loadComponent: () => import('./partner-detail').then((m) => m.PartnerDetail),
  },
];
