import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, minuteAxis, rowsHeight, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { count, decimal, minutes, NONE, ratioPercent } from '../metricFormat';
import type { Categories } from '../useMetrics';

type Row = Categories['categories'][number];

const efficiencyText = (row: Row): string =>
  row.efficiency === null
    ? NONE
    : `${decimal(row.efficiency, 4)} (${count(row.efficiency_tasks)} tasks)`;

/** GET /metrics/categories: where the period's tracked time went, and each category's tasks. */
export const categoryTimeSpec: ChartSpec<Categories> = {
  title: 'Time by category',
  note: 'Time tracked in the period on each category’s tasks, whenever they were created.',
  empty: (data) =>
    data.categories.length === 0 ? (
      <p>
        No task was created and no time was tracked in this period. Tasks with a category (such as
        #backend when you add one) are grouped here.
      </p>
    ) : undefined,
  summary: (data) => {
    const top = data.categories.reduce<Row | undefined>(
      (best, row) =>
        best === undefined || row.tracked_minutes > best.tracked_minutes ? row : best,
      undefined,
    );
    if (top === undefined) return '';
    return (
      `Most of your tracked time went to ${top.category} (${minutes(top.tracked_minutes)}), ` +
      `of ${count(data.categories.length)} categories active in the period.`
    );
  },
  height: (data) => rowsHeight(data.categories.length),
  option: (data, palette) => {
    // Reversed so the bars read top-down in the API's order (by name, uncategorized last).
    const rows = [...data.categories].reverse();
    return {
      ...baseOption(palette),
      tooltip: rowTooltip(palette, 'axis', (index) => {
        const row = rows[index];
        return row === undefined
          ? { title: '', lines: [] }
          : {
              title: row.category,
              lines: [
                ['Tracked', minutes(row.tracked_minutes)],
                ['Created', count(row.total)],
                ['Done', count(row.done)],
              ],
            };
      }),
      xAxis: minuteAxis(palette, Math.max(0, ...rows.map((r) => r.tracked_minutes))),
      yAxis: axis(palette, { type: 'category', data: rows.map((r) => r.category) }),
      series: [
        {
          type: 'bar',
          name: 'Tracked',
          data: rows.map((r) => r.tracked_minutes),
          barMaxWidth: 28,
        },
      ],
    };
  },
  table: (data) => (
    <DataTable
      caption="Tasks and time by category"
      rows={data.categories}
      columns={[
        { header: 'Category', cell: (row) => row.category },
        { header: 'Created', numeric: true, cell: (row) => count(row.total) },
        { header: 'Done', numeric: true, cell: (row) => count(row.done) },
        {
          header: 'Completion rate',
          numeric: true,
          cell: (row) => ratioPercent(row.completion_rate),
        },
        { header: 'Estimated', numeric: true, cell: (row) => minutes(row.estimated_minutes) },
        { header: 'Tracked', numeric: true, cell: (row) => minutes(row.tracked_minutes) },
        { header: 'Efficiency', numeric: true, cell: efficiencyText },
      ]}
    />
  ),
};
