// What every dashboard chart shares: text and grid colours from the palette, a compact grid,
// tooltips built as DOM nodes, and axis labels in the app's formats. Plain objects and
// functions only: the option builders run in the page's chunk, ECharts stays in the chart's.
import type { ChartOption, Palette } from './types';

type Axis = Record<string, unknown>;

/** The parts of an option every chart starts from. */
export function baseOption(palette: Palette): ChartOption {
  return {
    color: [...palette.series],
    backgroundColor: 'transparent',
    // A real family, not 'inherit': ECharts measures labels with it to fit them in the grid.
    textStyle: { color: palette.text, fontFamily: palette.font },
    // Room at the top for value labels (a week's score) and a reference line's name.
    grid: { left: 8, right: 16, top: 24, bottom: 8 },
  };
}

/** One entry of a chart's legend, drawn in HTML by ChartPanel. */
export interface LegendItem {
  name: string;
  color: string;
  shape: 'bar' | 'line' | 'circle' | 'diamond';
}

/**
 * The legend of an option: every named series with its colour (its own, else the palette's
 * by position, as ECharts picks it). Unnamed series (the invisible base of a range) are left
 * out.
 */
export function legendOf(option: ChartOption): LegendItem[] {
  const palette: unknown[] = Array.isArray(option.color) ? option.color : [];
  const series = Array.isArray(option.series) ? option.series : [option.series];
  return series.flatMap((item, index): LegendItem[] => {
    if (item === undefined || typeof item.name !== 'string' || item.name === '') return [];
    const own: unknown = 'color' in item ? item.color : undefined;
    const color = typeof own === 'string' ? own : palette[index % Math.max(1, palette.length)];
    if (typeof color !== 'string') return [];
    const symbol: unknown = 'symbol' in item ? item.symbol : undefined;
    let shape: LegendItem['shape'] = 'bar';
    if (item.type === 'line') shape = 'line';
    else if (item.type === 'scatter') shape = symbol === 'diamond' ? 'diamond' : 'circle';
    return [{ name: item.name, color, shape }];
  });
}

/** An axis in the palette's colours; `extra` adds type, data, formatters. */
export function axis(palette: Palette, extra: Axis = {}): Axis {
  return {
    axisLine: { lineStyle: { color: palette.grid } },
    axisTick: { lineStyle: { color: palette.grid } },
    axisLabel: { color: palette.muted, hideOverlap: true },
    splitLine: { lineStyle: { color: palette.grid, opacity: 0.6 } },
    nameTextStyle: { color: palette.muted },
    ...extra,
  };
}

/** One tooltip line: a label and its formatted value. */
export type TooltipLine = readonly [label: string, value: string];

/**
 * A tooltip as DOM nodes with text content: names come from the user's data (categories), so
 * nothing is parsed as HTML, and no inline style attribute is written (a strict CSP allows
 * none).
 */
export function tooltipContent(title: string, lines: readonly TooltipLine[]): HTMLElement {
  const root = document.createElement('div');
  root.className = 'chart-tooltip';
  const heading = document.createElement('strong');
  heading.textContent = title;
  root.append(heading);
  for (const [label, value] of lines) {
    const line = document.createElement('div');
    line.textContent = `${label}: ${value}`;
    root.append(line);
  }
  return root;
}

/**
 * Tooltip options that show the row under the pointer: `describe(index)` gives the title and
 * lines of the data row at that index, from the API's values (never from drawn geometry, such as
 * the height of a stacked band).
 */
export function rowTooltip(
  palette: Palette,
  trigger: 'axis' | 'item',
  describe: (index: number) => { title: string; lines: readonly TooltipLine[] },
): ChartOption['tooltip'] {
  return {
    trigger,
    confine: true,
    backgroundColor: palette.surface,
    borderColor: palette.grid,
    textStyle: { color: palette.text, fontFamily: palette.font },
    formatter: (params) => {
      const first = Array.isArray(params) ? params[0] : params;
      const { title, lines } = describe(first?.dataIndex ?? 0);
      return tooltipContent(title, lines);
    },
  };
}

/** Chart height for one horizontal bar per row, within bounds so a panel stays readable. */
export function rowsHeight(rows: number, perRow = 36, min = 240, max = 720): number {
  return Math.min(max, Math.max(min, 80 + rows * perRow));
}

// Steps a minutes axis may use: whole minutes below an hour, whole hours above, so every label
// reads plainly ("30 min", "2 h").
const MINUTE_STEPS = [5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 5760, 11520];

const minuteLabel = (value: number): string =>
  Math.abs(value) < 60 || value % 60 !== 0 ? `${value} min` : `${value / 60} h`;

/** A value axis in minutes whose ticks fall on readable steps for values up to `largest`. */
export function minuteAxis(palette: Palette, largest: number, extra: Axis = {}): Axis {
  const step = MINUTE_STEPS.find((candidate) => Math.abs(largest) / candidate <= 5);
  return axis(palette, {
    type: 'value',
    // The ends on whole steps too, so no end label falls between two ticks and overlaps one.
    ...(step === undefined
      ? {}
      : {
          interval: step,
          min: ({ min }: { min: number }) => Math.min(0, Math.floor(min / step) * step),
          max: ({ max }: { max: number }) => Math.max(step, Math.ceil(max / step) * step),
        }),
    minInterval: 1,
    axisLabel: { color: palette.muted, hideOverlap: true, formatter: minuteLabel },
    ...extra,
  });
}
