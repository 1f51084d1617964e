// The option type of the charts the dashboard registers (charts/echarts.ts). Type-only imports:
// the option builders use this without pulling ECharts into the page's chunk.
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** The theme's colours, resolved (rgb) for the current light or dark scheme. */
export interface Palette {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  /** Categorical series colours, in order. */
  series: readonly [string, string, string, string];
}
