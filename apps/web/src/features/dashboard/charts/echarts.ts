// ECharts, registered once with only what the dashboard draws: bars, lines and a scatter on a
// cartesian grid, with tooltips and reference lines, on the SVG renderer (sharp at any zoom and
// in print; 3.6 kB gzipped more than the canvas one). Legends are HTML (ChartPanel), which wrap
// on a narrow screen where ECharts' would overlap the plot. Imported only by EChart.tsx, itself a lazy chunk,
// so no other page ever loads it.
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  ScatterChart,
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { init };
