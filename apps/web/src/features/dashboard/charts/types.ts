// The option type of the charts the dashboard registers (charts/echarts.ts). Type-only imports:
// the option builders use this without pulling ECharts into the page's chunk.
import type { BarSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** The theme's colours, resolved (rgb) for the current light or dark scheme. */
export interface Palette {
  /** The page's font family: ECharts measures text with it, so labels are laid out to fit. */
  font: string;
  text: string;
  muted: string;
  grid: string;
  surface: string;
  /** A range drawn behind markers (the middle half, a forecast band). */
  band: string;
  /** Categorical series colours, in order. */
  series: readonly [string, string, string, string];
}
