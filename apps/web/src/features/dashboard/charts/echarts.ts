// ECharts, registered once with only what the dashboard draws: bars, lines and a scatter on a
// cartesian grid, with tooltips, a legend and reference lines, on the SVG renderer (smaller than
// the canvas one here, and sharp at any zoom). Imported only by EChart.tsx, itself a lazy chunk,
// so no other page ever loads it.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { init };
