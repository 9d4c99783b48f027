/**
 * The only place that loads Apache ECharts. Imported lazily by `provideEchartsCore` in the
 * dashboard routes, so it lands in the dashboard's own chunk, never in the initial bundle.
 * Tree-shaken: only the charts and components the dashboard draws are registered.
 */
import { BarChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components';
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  ToolboxComponent,
  CanvasRenderer,
]);

export { init } from 'echarts/core';
