import { Route } from '@angular/router';

/** The agreements across sessions live at /acuerdos (see app.routes.ts). */
export const agreementRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.agreements:Acuerdos de la Junta · Coopera`,
    loadComponent: () => import('./agreement-list').then((m) => m.AgreementList),
  },
];

export const boardRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.board:Junta Directiva · Coopera`,
    loadComponent: () => import('./session-list').then((m) => m.SessionList),
  },
  {
    path: ':id',
    title: $localize`:@@title.boardSession:Sesión de la Junta · Coopera`,
    loadComponent: () => import('./session-page').then((m) => m.SessionPage),
  },
  {
    path: ':id/informe',
    title: $localize`:@@title.boardReport:Informe de seguimiento · Coopera`,
    loadComponent: () => import('./board-report').then((m) => m.BoardReportPage),
  },
];
