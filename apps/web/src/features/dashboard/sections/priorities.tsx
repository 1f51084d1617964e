import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { count, hours, minutes } from '../metricFormat';
import type { Priorities } from '../useMetrics';

type Row = Priorities['priorities'][number];

const LABEL: Record<Row['priority'], string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

/** "2 urgent (1 overdue), 5 high, 8 medium and 1 low": most pressing first. */
function byPriority(rows: readonly Row[], phrase: (row: Row) => string): string {
  const parts = [...rows].reverse().map(phrase);
  const last = parts.pop() ?? '';
  return parts.length === 0 ? last : `${parts.join(', ')} and ${last}`;
}

/** GET /metrics/priorities: open and overdue now, done in the period, per priority. */
export const prioritiesSpec: ChartSpec<Priorities> = {
  title: 'Priorities',
  note: 'Open and overdue: now. Done: completed in the period.',
  empty: (data) =>
    data.priorities.every(
      (row) => row.open === 0 && row.done === 0 && row.overdue === 0 && row.tracked_minutes === 0,
    ) ? (
      <p>No open task and nothing done in this period. Tasks appear here by priority.</p>
    ) : undefined,
  summary: (data) =>
    `Open now: ${byPriority(
      data.priorities,
      (row) =>
        `${count(row.open)} ${row.priority}` +
        (row.overdue > 0 ? ` (${count(row.overdue)} overdue)` : ''),
    )}; done in the period: ${byPriority(
      data.priorities,
      (row) => `${count(row.done)} ${row.priority}`,
    )}.`,
  option: (data, palette) => {
    const rows = data.priorities;
    return {
      ...baseOption(palette),
      tooltip: rowTooltip(palette, 'axis', (index) => {
        const row = rows[index];
        return row === undefined
          ? { title: '', lines: [] }
          : {
              title: LABEL[row.priority],
              lines: [
                ['Open', count(row.open)],
                ['Overdue', count(row.overdue)],
                ['Done in the period', count(row.done)],
                ['Median cycle time', hours(row.median_cycle_time_hours)],
                ['Tracked', minutes(row.tracked_minutes)],
              ],
            };
      }),
      xAxis: axis(palette, { type: 'category', data: rows.map((row) => LABEL[row.priority]) }),
      yAxis: axis(palette, { type: 'value', minInterval: 1 }),
      series: [
        { type: 'bar', name: 'Open', data: rows.map((row) => row.open), barMaxWidth: 32 },
        {
          type: 'bar',
          name: 'Overdue',
          data: rows.map((row) => row.overdue),
          barMaxWidth: 32,
          color: palette.series[3],
        },
        {
          type: 'bar',
          name: 'Done in the period',
          data: rows.map((row) => row.done),
          barMaxWidth: 32,
          color: palette.series[2],
        },
      ],
    };
  },
  table: (data) => (
    <DataTable
      caption="Tasks by priority"
      rows={data.priorities}
      columns={[
        { header: 'Priority', cell: (row) => LABEL[row.priority] },
        { header: 'Open', numeric: true, cell: (row) => count(row.open) },
        { header: 'Overdue', numeric: true, cell: (row) => count(row.overdue) },
        { header: 'Done in the period', numeric: true, cell: (row) => count(row.done) },
        {
          header: 'Median cycle time',
          numeric: true,
          cell: (row) => hours(row.median_cycle_time_hours),
        },
        { header: 'Tracked', numeric: true, cell: (row) => minutes(row.tracked_minutes) },
      ]}
    />
  ),
};
