import { Route } from '@angular/router';

export const importsRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.imports:Importar · Coopera`,
    loadComponent: () => import('./import-page').then((m) => m.ImportPage),
  },
];
