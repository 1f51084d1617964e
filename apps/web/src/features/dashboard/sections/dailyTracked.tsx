import { Link } from 'react-router';
import type { ChartSpec } from '../ChartPanel';
import { axis, baseOption, minuteAxis, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { day, minutes, shortDay } from '../metricFormat';
import type { Trends } from '../useMetrics';

type TrackedDay = Trends['days'][number];

const largest = (days: readonly TrackedDay[]): TrackedDay | undefined =>
  days.reduce<TrackedDay | undefined>(
    (best, d) => (best === undefined || d.tracked_minutes > best.tracked_minutes ? d : best),
    undefined,
  );

/**
 * GET /metrics/productivity-trends: tracked minutes per local day, with the API's 7-day average
 * (its window reaches the six days before the period, so the first days are full windows).
 */
export const dailyTrackedSpec: ChartSpec<Trends> = {
  title: 'Tracked time per day',
  note: 'Bars: the time tracked each day. Line: the mean of that day and the six before it.',
  empty: ({ days }) =>
    days.every((d) => d.tracked_minutes === 0) ? (
      <p>
        No time was tracked in this period. Start the timer on a task, or log time on the{' '}
        <Link to="/week">Week</Link> page.
      </p>
    ) : undefined,
  summary: ({ days }) => {
    const busiest = largest(days);
    const last = days[days.length - 1];
    if (busiest === undefined || last === undefined) return '';
    return (
      `Your busiest day was ${day(busiest.date)} with ${minutes(busiest.tracked_minutes)}; on ` +
      `${day(last.date)} the 7-day average was ${minutes(last.tracked_minutes_avg_7d)} a day.`
    );
  },
  option: ({ days }, palette) => ({
    ...baseOption(palette),
    tooltip: rowTooltip(palette, 'axis', (index) => {
      const d = days[index];
      return d === undefined
        ? { title: '', lines: [] }
        : {
            title: day(d.date),
            lines: [
              ['Tracked', minutes(d.tracked_minutes)],
              ['7-day average', minutes(d.tracked_minutes_avg_7d)],
            ],
          };
    }),
    xAxis: axis(palette, { type: 'category', data: days.map((d) => shortDay(d.date)) }),
    yAxis: minuteAxis(palette, Math.max(0, ...days.map((d) => Math.abs(d.tracked_minutes)))),
    series: [
      { type: 'bar', name: 'Tracked', data: days.map((d) => d.tracked_minutes), barMaxWidth: 24 },
      {
        type: 'line',
        name: '7-day average',
        data: days.map((d) => d.tracked_minutes_avg_7d),
        showSymbol: false,
        lineStyle: { width: 3 },
        color: palette.series[1],
      },
    ],
  }),
  table: ({ days }) => (
    <DataTable
      caption="Tracked time and its 7-day average, per day"
      rows={days}
      columns={[
        { header: 'Day', cell: (d) => day(d.date) },
        { header: 'Tracked', numeric: true, cell: (d) => minutes(d.tracked_minutes) },
        { header: '7-day average', numeric: true, cell: (d) => minutes(d.tracked_minutes_avg_7d) },
      ]}
    />
  ),
};
