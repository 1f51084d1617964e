import { formatNumber } from '../../../lib/format';
import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { count, day, decimal, shortDay } from '../metricFormat';
import type { Trends } from '../useMetrics';

const DIRECTION: Record<Trends['trend']['direction'], string> = {
  up: 'trending up',
  down: 'trending down',
  flat: 'flat',
};

/** GET /metrics/productivity-trends: completions per day, the API's 7-day average and trend. */
export const dailyCompletionsSpec: ChartSpec<Trends> = {
  title: 'Completions per day',
  note: 'Bars: tasks completed each day. Line: the mean of that day and the six before it.',
  empty: (data) =>
    data.days.every((d) => d.completed === 0 && d.completed_avg_7d === 0) ? (
      <p>No task was completed in this period. Mark a task done and it counts on that day.</p>
    ) : undefined,
  summary: ({ trend }) =>
    `Completions are ${DIRECTION[trend.direction]}: the fitted change from the first day to ` +
    `the last is ${formatNumber(trend.change, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })} ` +
    `a day, around a mean of ${decimal(trend.mean)} a day.`,
  option: (data, palette) => ({
    ...baseOption(palette),
    tooltip: rowTooltip(palette, 'axis', (index) => {
      const d = data.days[index];
      return d === undefined
        ? { title: '', lines: [] }
        : {
            title: day(d.date),
            lines: [
              ['Completed', count(d.completed)],
              ['7-day average', decimal(d.completed_avg_7d, 4)],
              ['Created', count(d.created)],
            ],
          };
    }),
    xAxis: axis(palette, { type: 'category', data: data.days.map((d) => shortDay(d.date)) }),
    yAxis: axis(palette, { type: 'value', minInterval: 1 }),
    series: [
      {
        type: 'bar',
        name: 'Completed',
        data: data.days.map((d) => d.completed),
        barMaxWidth: 24,
        color: palette.series[2],
      },
      {
        type: 'line',
        name: '7-day average',
        data: data.days.map((d) => d.completed_avg_7d),
        showSymbol: false,
        lineStyle: { width: 3 },
        color: palette.series[1],
      },
    ],
  }),
  table: (data) => (
    <DataTable
      caption="Tasks created and completed per day"
      rows={data.days}
      columns={[
        { header: 'Day', cell: (d) => day(d.date) },
        { header: 'Created', numeric: true, cell: (d) => count(d.created) },
        { header: 'Completed', numeric: true, cell: (d) => count(d.completed) },
        { header: '7-day average', numeric: true, cell: (d) => decimal(d.completed_avg_7d, 4) },
      ]}
    />
  ),
};
