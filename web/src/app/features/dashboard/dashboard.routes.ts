import { Route } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';

export const dashboardRoutes: Route[] = [
  {
    path: '',
    title: $localize`:@@title.dashboard:Tablero · Coopera`,
    // ECharts is loaded on first chart render, from this route's lazy chunk only.
    providers: [provideEchartsCore({ echarts: () => import('./echarts-setup') })],
    loadComponent: () => import('./dashboard').then((m) => m.Dashboard),
  },
];
