import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { ChartSpec, Loadable } from '../ChartPanel';
import { axis, baseOption, minuteAxis, rowTooltip } from '../charts/options';
import { DataTable } from '../DataTable';
import { day, minutes, shortDay } from '../metricFormat';
import { trailingMean } from '../movingAverage';
import { leadInPeriod } from '../period';
import { useMetrics, type Trends } from '../useMetrics';

export interface TrackedDay {
  date: string;
  /** The API's tracked minutes of the day. */
  tracked: number;
  /** The trailing 7-day mean of tracked minutes (the API gives none: computed from its days). */
  average: number;
}

// One empty lead-in, so the memoised days keep their identity from render to render.
const NO_DAYS: Trends['days'] = [];

/**
 * The period's days with a 7-day moving average of tracked time. The average needs the six
 * days before the period too, asked for once the period's first day is known (the API
 * resolves `days=N` itself); a small query, and the chart draws once when both are in.
 */
export function useDailyTracked(trends: UseQueryResult<Trends>): Loadable<TrackedDay[]> {
  const from = trends.data?.period.from;
  const leadIn = useMetrics(
    '/metrics/productivity-trends',
    from === undefined ? undefined : leadInPeriod(from),
  );
  // A period given as instants has no whole days before it: the window then starts short.
  const needsLeadIn = from !== undefined && leadInPeriod(from) !== undefined;
  const before = needsLeadIn ? leadIn.data?.days : NO_DAYS;
  const data = useMemo(() => {
    if (trends.data === undefined || before === undefined) return undefined;
    const days = trends.data.days;
    const average = trailingMean(
      days.map((d) => d.tracked_minutes),
      before.map((d) => d.tracked_minutes),
    );
    return days.map((d, index) => ({
      date: d.date,
      tracked: d.tracked_minutes,
      average: average[index] ?? 0,
    }));
  }, [trends.data, before]);
  return {
    data,
    error: trends.error ?? leadIn.error,
    isPending: trends.isPending || (needsLeadIn && leadIn.isPending),
    refetch: () => {
      void trends.refetch();
      if (needsLeadIn) void leadIn.refetch();
    },
  };
}

const largest = (days: readonly TrackedDay[]): TrackedDay | undefined =>
  days.reduce<TrackedDay | undefined>(
    (best, d) => (best === undefined || d.tracked > best.tracked ? d : best),
    undefined,
  );

/** GET /metrics/productivity-trends: tracked minutes per local day, with the 7-day average. */
export const dailyTrackedSpec: ChartSpec<TrackedDay[]> = {
  title: 'Tracked time per day',
  note: 'Bars: the time tracked each day. Line: the mean of that day and the six before it.',
  empty: (days) =>
    days.every((d) => d.tracked === 0) ? (
      <p>
        No time was tracked in this period. Start the timer on a task, or log time on the{' '}
        <Link to="/week">Week</Link> page.
      </p>
    ) : undefined,
  summary: (days) => {
    const busiest = largest(days);
    const last = days[days.length - 1];
    if (busiest === undefined || last === undefined) return '';
    return (
      `Your busiest day was ${day(busiest.date)} with ${minutes(busiest.tracked)}; on ` +
      `${day(last.date)} the 7-day average was ${minutes(last.average)} a day.`
    );
  },
  option: (days, palette) => ({
    ...baseOption(palette),
    tooltip: rowTooltip(palette, 'axis', (index) => {
      const d = days[index];
      return d === undefined
        ? { title: '', lines: [] }
        : {
            title: day(d.date),
            lines: [
              ['Tracked', minutes(d.tracked)],
              ['7-day average', minutes(d.average)],
            ],
          };
    }),
    xAxis: axis(palette, { type: 'category', data: days.map((d) => shortDay(d.date)) }),
    yAxis: minuteAxis(palette, Math.max(0, ...days.map((d) => Math.abs(d.tracked)))),
    series: [
      { type: 'bar', name: 'Tracked', data: days.map((d) => d.tracked), barMaxWidth: 24 },
      {
        type: 'line',
        name: '7-day average',
        data: days.map((d) => d.average),
        showSymbol: false,
        lineStyle: { width: 3 },
        color: palette.series[1],
      },
    ],
  }),
  table: (days) => (
    <DataTable
      caption="Tracked time and its 7-day average, per day"
      rows={days}
      columns={[
        { header: 'Day', cell: (d) => day(d.date) },
        { header: 'Tracked', numeric: true, cell: (d) => minutes(d.tracked) },
        { header: '7-day average', numeric: true, cell: (d) => minutes(d.average) },
      ]}
    />
  ),
};
