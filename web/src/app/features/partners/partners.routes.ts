import { Route } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';

export const partnersRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.partners:Socios · Coopera`,
    loadComponent: () => import('./partner-list').then((m) => m.PartnerList),
  },
  {
    path: ':id',
    title: $localize`:@@title.partner:Socio · Coopera`,
    // The by-year chart of both figures: ECharts loaded lazily, as on the dashboard.
    providers: [provideEchartsCore({ echarts: () => import('../dashboard/echarts-setup') })],
    loadComponent: () => import('./partner-detail').then((m) => m.PartnerDetail),
  },
];
