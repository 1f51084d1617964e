import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, minuteAxis, rowsHeight, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { count, factor, minutes, percent } from '../metricFormat';
import type { TimeEfficiency } from '../useMetrics';

// Both charts read GET /metrics/time-efficiency: the done tasks of the period with an estimate
// and tracked time, summed per category. Estimate and actual come from the same tasks, so the
// comparison is fair (unlike a category's estimates of new tasks against all its tracked time).

type Row = TimeEfficiency['categories'][number];

const nothingToCompare = (data: TimeEfficiency) =>
  data.overall.tasks === 0 ? (
    <p>
      No task finished in this period had both an estimate and tracked time. Give tasks an estimate
      (such as ~45m when you add one), track time on them, then mark them done.
    </p>
  ) : undefined;

const ALL = 'All categories';

/** Per category: what the estimates said against the time tracked. */
export const categoryEstimatesSpec: ChartSpec<TimeEfficiency> = {
  title: 'Estimated vs. actual by category',
  note: 'Done tasks of the period with an estimate and tracked time.',
  empty: nothingToCompare,
  summary: ({ overall }) =>
    `Across ${count(overall.tasks)} done tasks you estimated ${minutes(overall.estimated_minutes)} ` +
    `and tracked ${minutes(overall.actual_minutes)}: accuracy ${percent(overall.accuracy)}, ` +
    `${count(overall.under)} under, ${count(overall.on)} on and ${count(overall.over)} over estimate.`,
  height: (data) => rowsHeight(data.categories.length, 48),
  option: (data, palette) => {
    // Horizontal bars list the first row at the bottom; reversed, they read top-down as the table.
    const rows = [...data.categories].reverse();
    const most = Math.max(0, ...rows.flatMap((r) => [r.estimated_minutes, r.actual_minutes]));
    return {
      ...baseOption(palette),
      tooltip: rowTooltip(palette, 'axis', (index) => {
        const row = rows[index];
        return row === undefined
          ? { title: '', lines: [] }
          : {
              title: row.category,
              lines: [
                ['Estimated', minutes(row.estimated_minutes)],
                ['Actual', minutes(row.actual_minutes)],
                ['Accuracy', percent(row.accuracy)],
                ['Tasks', count(row.tasks)],
              ],
            };
      }),
      xAxis: minuteAxis(palette, most),
      yAxis: axis(palette, { type: 'category', data: rows.map((r) => r.category) }),
      series: [
        { type: 'bar', name: 'Estimated', data: rows.map((r) => r.estimated_minutes) },
        {
          type: 'bar',
          name: 'Actual',
          data: rows.map((r) => r.actual_minutes),
          color: palette.series[1],
        },
      ],
    };
  },
  table: (data) => (
    <DataTable
      caption="Estimated and actual time of the done tasks, per category"
      rows={[...data.categories, { ...data.overall, category: ALL }]}
      columns={[
        { header: 'Category', cell: (row) => row.category },
        { header: 'Tasks', numeric: true, cell: (row) => count(row.tasks) },
        { header: 'Estimated', numeric: true, cell: (row) => minutes(row.estimated_minutes) },
        { header: 'Actual', numeric: true, cell: (row) => minutes(row.actual_minutes) },
        { header: 'Accuracy', numeric: true, cell: (row) => percent(row.accuracy) },
        {
          header: 'Median actual ÷ estimate',
          numeric: true,
          cell: (row) => factor(row.median_ratio),
        },
        { header: 'Under', numeric: true, cell: (row) => count(row.under) },
        { header: 'On', numeric: true, cell: (row) => count(row.on) },
        { header: 'Over', numeric: true, cell: (row) => count(row.over) },
      ]}
    />
  ),
};

type Side = 'above' | 'below' | 'on';

const side = (row: Row): Side =>
  row.actual_minutes > row.estimated_minutes
    ? 'above'
    : row.actual_minutes < row.estimated_minutes
      ? 'below'
      : 'on';

const SIDE_TEXT: Record<Side, string> = {
  above: 'Above: took longer',
  below: 'Below: took less',
  on: 'On the line',
};

const names = (rows: readonly Row[]): string => rows.map((row) => row.category).join(', ');

/**
 * Estimate (x) against actual (y), one point per category, with the y = x line. The API
 * aggregates per category and gives no per-task pairs, so a category is the finest point.
 */
export const estimateScatterSpec: ChartSpec<TimeEfficiency> = {
  title: 'Estimate against actual',
  note: 'One point per category: above the line took longer than estimated, below took less.',
  empty: nothingToCompare,
  summary: (data) => {
    const above = data.categories.filter((row) => side(row) === 'above');
    const below = data.categories.filter((row) => side(row) === 'below');
    const parts = [
      above.length > 0 && `${count(above.length)} took longer than estimated (${names(above)})`,
      below.length > 0 && `${count(below.length)} took less (${names(below)})`,
    ].filter((part): part is string => part !== false);
    const rest = parts.length > 0 ? parts.join(' and ') : 'all were exactly on estimate';
    return `Of ${count(data.categories.length)} categories, ${rest}.`;
  },
  option: (data, palette) => {
    const rows = data.categories;
    const most = Math.max(1, ...rows.flatMap((r) => [r.estimated_minutes, r.actual_minutes]));
    const biggest = Math.max(1, ...rows.map((r) => r.tasks));
    return {
      ...baseOption(palette),
      grid: { left: 8, right: 24, top: 40, bottom: 24 },
      tooltip: rowTooltip(palette, 'item', (index) => {
        const row = rows[index];
        return row === undefined
          ? { title: '', lines: [] }
          : {
              title: row.category,
              lines: [
                ['Estimated', minutes(row.estimated_minutes)],
                ['Actual', minutes(row.actual_minutes)],
                ['Tasks', count(row.tasks)],
              ],
            };
      }),
      xAxis: minuteAxis(palette, most, { name: 'Estimated', nameLocation: 'middle', nameGap: 28 }),
      yAxis: minuteAxis(palette, most, { name: 'Actual' }),
      series: [
        {
          type: 'scatter',
          name: 'Categories',
          // The area of a point grows with its number of tasks.
          symbolSize: (_value: unknown, params: { dataIndex: number }) =>
            10 + 20 * Math.sqrt((rows[params.dataIndex]?.tasks ?? 0) / biggest),
          data: rows.map((r) => ({
            value: [r.estimated_minutes, r.actual_minutes],
            // Names of points near the right edge go on their left, so none is cut off.
            label: { position: r.estimated_minutes > most * 0.6 ? 'left' : 'right' },
          })),
          label: {
            show: true,
            color: palette.text,
            formatter: ({ dataIndex }: { dataIndex: number }) => rows[dataIndex]?.category ?? '',
          },
        },
        {
          type: 'line',
          name: 'On estimate (y = x)',
          data: [
            [0, 0],
            [most, most],
          ],
          showSymbol: false,
          silent: true,
          lineStyle: { type: 'dashed', color: palette.muted },
          color: palette.muted,
        },
      ],
    };
  },
  table: (data) => (
    <DataTable
      caption="Estimate against actual, per category"
      rows={data.categories}
      columns={[
        { header: 'Category', cell: (row) => row.category },
        { header: 'Estimated (x)', numeric: true, cell: (row) => minutes(row.estimated_minutes) },
        { header: 'Actual (y)', numeric: true, cell: (row) => minutes(row.actual_minutes) },
        { header: 'Tasks', numeric: true, cell: (row) => count(row.tasks) },
        { header: 'Against the line', cell: (row) => SIDE_TEXT[side(row)] },
      ]}
    />
  ),
};
