import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, minuteAxis, rowsHeight, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { count, factor, minutes, percent } from '../metricFormat';
import type { TimeEfficiency } from '../useMetrics';

// Both charts read GET /metrics/time-efficiency: the done tasks of the period with an estimate
// and tracked time, summed per category, and the tasks themselves for the scatter. Estimate and actual come from the same tasks, so the
// comparison is fair (unlike a category's estimates of new tasks against all its tracked time).

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

type Point = TimeEfficiency['tasks'][number];

const side = (point: Point): Side =>
  point.actual_minutes > point.estimated_minutes
    ? 'above'
    : point.actual_minutes < point.estimated_minutes
      ? 'below'
      : 'on';

const SIDE_TEXT: Record<Side, string> = {
  above: 'Above: took longer',
  below: 'Below: took less',
  on: 'On the line',
};

/** The table lists this many points; the chart draws all the API sends (at most 500). */
export const SCATTER_TABLE_ROWS = 50;

/** "5 tasks", or "the 500 completed last (500 of 1,234)" when the API capped its list. */
function shown(data: TimeEfficiency): string {
  const n = data.tasks.length;
  return n < data.tasks_total
    ? `the ${count(n)} tasks completed last (${count(n)} of ${count(data.tasks_total)} shown)`
    : `${count(n)} tasks`;
}

/**
 * Estimate (x) against actual (y), one point per done task of the period, with the y = x line.
 * The API lists the newest tasks first and at most 500, with their total beside them.
 */
export const estimateScatterSpec: ChartSpec<TimeEfficiency> = {
  title: 'Estimate against actual',
  note: 'One point per done task: above the line took longer than estimated, below took less.',
  empty: nothingToCompare,
  summary: (data) => {
    const tally = (which: Side) => data.tasks.filter((point) => side(point) === which).length;
    const [above, below, on] = [tally('above'), tally('below'), tally('on')];
    const parts = [
      above > 0 && `${count(above)} took longer than estimated`,
      below > 0 && `${count(below)} took less`,
      on > 0 && `${count(on)} ${on === 1 ? 'was' : 'were'} exactly on estimate`,
    ].filter((part): part is string => part !== false);
    const last = parts.pop() ?? '';
    const list = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
    return `Of ${shown(data)}, ${list}.`;
  },
  option: (data, palette) => {
    const points = data.tasks;
    const most = Math.max(1, ...points.flatMap((p) => [p.estimated_minutes, p.actual_minutes]));
    return {
      ...baseOption(palette),
      grid: { left: 8, right: 24, top: 40, bottom: 24 },
      tooltip: rowTooltip(palette, 'item', (index) => {
        const point = points[index];
        return point === undefined
          ? { title: '', lines: [] }
          : {
              title: point.title,
              lines: [
                ['Category', point.category],
                ['Estimated', minutes(point.estimated_minutes)],
                ['Actual', minutes(point.actual_minutes)],
              ],
            };
      }),
      xAxis: minuteAxis(palette, most, { name: 'Estimated', nameLocation: 'middle', nameGap: 28 }),
      yAxis: minuteAxis(palette, most, { name: 'Actual' }),
      series: [
        {
          type: 'scatter',
          name: 'Tasks',
          symbolSize: 10,
          // Translucent, so points of tasks with the same figures show as a darker spot.
          itemStyle: { opacity: 0.7 },
          data: points.map((p) => [p.estimated_minutes, p.actual_minutes]),
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
  table: (data) => {
    const rows = data.tasks.slice(0, SCATTER_TABLE_ROWS);
    return (
      <>
        <DataTable
          caption="Estimate against actual, per task, newest first"
          rows={rows}
          columns={[
            { header: 'Task', cell: (p) => p.title },
            { header: 'Category', cell: (p) => p.category },
            { header: 'Estimated (x)', numeric: true, cell: (p) => minutes(p.estimated_minutes) },
            { header: 'Actual (y)', numeric: true, cell: (p) => minutes(p.actual_minutes) },
            { header: 'Against the line', cell: (p) => SIDE_TEXT[side(p)] },
          ]}
        />
        {rows.length < data.tasks_total && (
          <p className="panel__note">
            The {count(rows.length)} tasks completed last of {count(data.tasks_total)}; the category
            table above counts them all.
          </p>
        )}
      </>
    );
  },
};
