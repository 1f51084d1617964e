import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, minuteAxis, rowsHeight, rowTooltip } from '../charts/options';
import type { ChartOption, Palette } from '../charts/types';
import { DataTable } from '../DataTable';
import { count, factor, minutes, NONE } from '../metricFormat';
import type { Insights } from '../useMetrics';

// GET /metrics/insights: the estimate-correction model (how actual time compares with the
// estimate, per category: the median and the middle half of actual ÷ estimate) and the forecast
// of the open work it gives. The API refuses to model fewer than `min_sample` tasks; its
// "not enough data" message is shown as is rather than a number made up from two tasks.

type Model = Insights['overall'];
type Forecast = Insights['forecast'];

interface ModelRow {
  label: string;
  model: Model;
}

interface ForecastRow {
  label: string;
  forecast: Forecast;
  source: string;
}

const ALL = 'All categories';

const modelRows = (data: Insights): ModelRow[] => [
  { label: ALL, model: data.overall },
  ...data.categories.map((c) => ({ label: c.category, model: c.model })),
];

const SOURCE = { category: 'Its category', overall: 'All categories' } as const;

const forecastRows = (data: Insights): ForecastRow[] => [
  ...data.categories.map((c) => ({
    label: c.category,
    forecast: c.forecast,
    source: c.forecast.ratio_source === null ? 'None yet' : SOURCE[c.forecast.ratio_source],
  })),
  { label: 'All open work', forecast: data.forecast, source: '' },
];

/** "Not enough data: 3 of the 5 tasks needed." from the API's message. */
const sentence = (message: string | null): string =>
  message === null ? '' : `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;

const notEnough = (data: Insights) => (
  <p>
    {sentence(data.overall.message)} The model learns from done tasks with an estimate and tracked
    time; finish more of them, or choose a longer period.
  </p>
);

/**
 * A range bar per row from `low` to `high` with markers: an invisible bar up to `low` carries a
 * visible one of `high − low` (stacked). The tooltips and the table show the API's values; the
 * difference is only the drawn length.
 */
function rangeOption(
  palette: Palette,
  labels: readonly string[],
  low: readonly number[],
  high: readonly number[],
  markers: readonly { name: string; values: readonly number[]; symbol: string }[],
  /** A vertical reference line (1× = on estimate). */
  reference?: { at: number; label: string },
): ChartOption {
  return {
    ...baseOption(palette),
    yAxis: axis(palette, { type: 'category', data: labels }),
    series: [
      {
        type: 'bar',
        // Unnamed: no legend entry, and no tooltip line of its own.
        stack: 'range',
        silent: true,
        data: [...low],
        itemStyle: { color: 'transparent' },
        barWidth: 14,
      },
      {
        type: 'bar',
        name: 'Range',
        stack: 'range',
        data: high.map((value, index) => value - (low[index] ?? 0)),
        color: palette.band,
        barWidth: 14,
        ...(reference === undefined
          ? {}
          : {
              markLine: {
                silent: true,
                symbol: 'none',
                lineStyle: { color: palette.muted, type: 'dashed' as const },
                label: { color: palette.muted, formatter: reference.label },
                data: [{ xAxis: reference.at }],
              },
            }),
      },
      ...markers.map((marker, index) => ({
        type: 'scatter' as const,
        name: marker.name,
        data: [...marker.values],
        symbol: marker.symbol,
        symbolSize: 14,
        color: palette.series[index + 1],
      })),
    ],
  };
}

export const estimateBiasSpec: ChartSpec<Insights> = {
  title: 'Estimate bias by category',
  note: 'Actual time as a multiple of the estimate: the median, and the range of the middle half of tasks (1× is exactly on estimate).',
  empty: (data) => (data.overall.enough_data ? undefined : notEnough(data)),
  summary: (data) => {
    const { overall } = data;
    const lacking = data.categories.filter((c) => !c.model.enough_data).map((c) => c.category);
    return (
      `Overall, tasks take ${factor(overall.median_ratio)} their estimate (middle half ` +
      `${factor(overall.q1_ratio)} to ${factor(overall.q3_ratio)}, from ` +
      `${count(overall.sample_size)} tasks)` +
      (lacking.length > 0 ? `; not enough data yet for ${lacking.join(', ')}.` : '.')
    );
  },
  height: (data) => rowsHeight(modelRows(data).filter((row) => row.model.enough_data).length),
  option: (data, palette) => {
    // Reversed so "All categories" is on top, as in the table.
    const rows = modelRows(data)
      .filter((row) => row.model.enough_data)
      .reverse();
    const ratio = (value: number | null) => value ?? 0;
    const option = rangeOption(
      palette,
      rows.map((row) => row.label),
      rows.map((row) => ratio(row.model.q1_ratio)),
      rows.map((row) => ratio(row.model.q3_ratio)),
      [
        {
          name: 'Median',
          values: rows.map((row) => ratio(row.model.median_ratio)),
          symbol: 'circle',
        },
      ],
      { at: 1, label: 'on estimate' },
    );
    return {
      ...option,
      tooltip: rowTooltip(palette, 'axis', (index) => {
        const row = rows[index];
        return row === undefined
          ? { title: '', lines: [] }
          : {
              title: row.label,
              lines: [
                ['Median', factor(row.model.median_ratio)],
                ['Middle half', `${factor(row.model.q1_ratio)} to ${factor(row.model.q3_ratio)}`],
                ['Tasks', count(row.model.sample_size)],
              ],
            };
      }),
      xAxis: axis(palette, {
        type: 'value',
        min: 0,
        // Quarter steps read as ratios do (0.75×, 1.25×); wider ones for a wide spread.
        interval: ratioStep(Math.max(...rows.map((row) => ratio(row.model.q3_ratio)))),
        axisLabel: { color: palette.muted, formatter: (value: number) => `${value}×` },
      }),
    };
  },
  table: (data) => (
    <DataTable
      caption="Actual time as a multiple of the estimate, by category"
      rows={modelRows(data)}
      columns={[
        { header: 'Category', cell: (row) => row.label },
        { header: 'Tasks', numeric: true, cell: (row) => count(row.model.sample_size) },
        { header: 'First quartile', numeric: true, cell: (row) => factor(row.model.q1_ratio) },
        { header: 'Median', numeric: true, cell: (row) => factor(row.model.median_ratio) },
        { header: 'Third quartile', numeric: true, cell: (row) => factor(row.model.q3_ratio) },
        { header: 'Note', cell: (row) => sentence(row.model.message) },
      ]}
    />
  ),
};

/** A step for a ratio axis up to `largest`: about six ticks on round values. */
const ratioStep = (largest: number): number => (largest <= 1.5 ? 0.25 : largest <= 3 ? 0.5 : 1);

const orNone = (value: number | null): string => (value === null ? NONE : minutes(value));

export const forecastSpec: ChartSpec<Insights> = {
  title: 'Open work forecast',
  note: 'What is left of the open estimated tasks, corrected by the model; the range assumes every task behaves like its category’s first or third quartile.',
  empty: (data) => {
    if (data.forecast.open_estimated_tasks === 0) {
      return <p>No open task has an estimate, so there is nothing to forecast yet.</p>;
    }
    // No forecast at all means no model had enough data (the overall one covers every task).
    return data.forecast.remaining_minutes === null ? notEnough(data) : undefined;
  },
  summary: ({ forecast }) =>
    `About ${orNone(forecast.remaining_minutes)} of work is left on ` +
    `${count(forecast.forecast_tasks)} of ${count(forecast.open_estimated_tasks)} open estimated ` +
    `tasks (between ${orNone(forecast.low_minutes)} and ${orNone(forecast.high_minutes)}); the ` +
    `raw estimates say ${minutes(forecast.naive_remaining_minutes)}.`,
  height: (data) =>
    rowsHeight(forecastRows(data).filter((row) => row.forecast.remaining_minutes !== null).length),
  option: (data, palette) => {
    const rows = forecastRows(data)
      .filter((row) => row.forecast.remaining_minutes !== null)
      .reverse();
    const value = (v: number | null) => v ?? 0;
    const option = rangeOption(
      palette,
      rows.map((row) => row.label),
      rows.map((row) => value(row.forecast.low_minutes)),
      rows.map((row) => value(row.forecast.high_minutes)),
      [
        {
          name: 'Forecast',
          values: rows.map((row) => value(row.forecast.remaining_minutes)),
          symbol: 'circle',
        },
        {
          name: 'Raw estimates',
          values: rows.map((row) => row.forecast.naive_remaining_minutes),
          symbol: 'diamond',
        },
      ],
    );
    const most = Math.max(
      0,
      ...rows.flatMap((row) => [
        value(row.forecast.high_minutes),
        row.forecast.naive_remaining_minutes,
      ]),
    );
    return {
      ...option,
      tooltip: rowTooltip(palette, 'axis', (index) => {
        const row = rows[index];
        return row === undefined
          ? { title: '', lines: [] }
          : {
              title: row.label,
              lines: [
                ['Forecast', orNone(row.forecast.remaining_minutes)],
                [
                  'Range',
                  `${orNone(row.forecast.low_minutes)} to ${orNone(row.forecast.high_minutes)}`,
                ],
                ['Raw estimates', minutes(row.forecast.naive_remaining_minutes)],
                [
                  'Tasks forecast',
                  `${count(row.forecast.forecast_tasks)} of ${count(row.forecast.open_estimated_tasks)}`,
                ],
              ],
            };
      }),
      xAxis: minuteAxis(palette, most),
    };
  },
  table: (data) => (
    <DataTable
      caption="Forecast of the open work, by category"
      rows={forecastRows(data)}
      columns={[
        { header: 'Category', cell: (row) => row.label },
        {
          header: 'Open estimated tasks',
          numeric: true,
          cell: (row) => count(row.forecast.open_estimated_tasks),
        },
        {
          header: 'Forecast tasks',
          numeric: true,
          cell: (row) => count(row.forecast.forecast_tasks),
        },
        { header: 'Model', cell: (row) => row.source },
        {
          header: 'Forecast',
          numeric: true,
          cell: (row) => orNone(row.forecast.remaining_minutes),
        },
        { header: 'Low', numeric: true, cell: (row) => orNone(row.forecast.low_minutes) },
        { header: 'High', numeric: true, cell: (row) => orNone(row.forecast.high_minutes) },
        {
          header: 'Raw estimates',
          numeric: true,
          cell: (row) => minutes(row.forecast.naive_remaining_minutes),
        },
      ]}
    />
  ),
};
