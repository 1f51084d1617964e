import type { DevTrackrClient } from '@devtrackr/client';
import type { CliContext } from '../context.js';
import type { Column } from '../output.js';
import { UsageError } from '../errors.js';
import { barChart } from '../lib/bars.js';
import { thisWeek } from '../lib/calendar.js';
import { formatMinutes } from '../lib/elapsed.js';
import { formatDay } from '../lib/format.js';
import type { ReportOptions } from './report.js';

const DEFAULT_DAYS = 7;
const DEFAULT_COLUMNS = 80;

type Period = { days: number } | { from: string; to: string };

/** The period options → the metrics endpoints' period parameters (one form only, or exit 2). */
async function periodOf(client: DevTrackrClient, options: ReportOptions): Promise<Period> {
  const forms = [
    options.days !== undefined,
    options.week === true,
    options.from !== undefined || options.to !== undefined,
  ];
  if (forms.filter(Boolean).length > 1) {
    throw new UsageError('give one of --days N, --week, or --from DATE --to DATE');
  }
  if (options.from !== undefined || options.to !== undefined) {
    if (options.from === undefined || options.to === undefined) {
      throw new UsageError('--from and --to go together');
    }
    // The API reads a date as a whole local day in the profile's zone, and checks the period.
    return { from: options.from, to: options.to };
  }
  if (options.week === true) {
    // The current week as the API counts it: the profile's week start, up to today.
    const week = (await thisWeek(client)).weeks.at(-1);
    if (week === undefined) throw new Error('/metrics/weekly answered no week');
    return { from: week.from, to: week.to };
  }
  if (options.days === undefined) return { days: DEFAULT_DAYS };
  if (!/^\d{1,3}$/.test(options.days.trim())) {
    throw new UsageError(`--days ${options.days}: give a number of days, 1 to 366`);
  }
  return { days: Number(options.days.trim()) };
}

/** Figures read best right-aligned. */
const right = (header: string): Column => ({ header, align: 'right' });

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

const percent = (value: number | null): string => (value === null ? '–' : `${Math.round(value)} %`);

export async function report(ctx: CliContext, options: ReportOptions): Promise<void> {
  const client = await ctx.client();
  const query = await periodOf(client, options);
  const params = { params: { query } };
  const [summary, weekly, efficiency, trends] = await Promise.all([
    client.GET('/metrics/summary', params).then((r) => r.data),
    client.GET('/metrics/weekly', params).then((r) => r.data),
    client.GET('/metrics/time-efficiency', params).then((r) => r.data),
    client.GET('/metrics/productivity-trends', params).then((r) => r.data),
  ]);
  if (ctx.json) {
    ctx.out.json({ summary, weekly, time_efficiency: efficiency, productivity_trends: trends });
    return;
  }
  const { c } = ctx.out;
  const { period } = summary;
  ctx.out.line(c.bold(`${period.from} to ${period.to}`) + c.dim(` (${period.tz})`));
  ctx.out.line(
    `Tracked ${formatMinutes(summary.tracked_minutes)} on ${plural(summary.worked_tasks, 'task')} · ` +
      `${summary.completed_in_period} done, ${summary.created_in_period} created · ` +
      `${summary.overdue} overdue · ${summary.tasks.by_status.todo + summary.tasks.by_status.doing} open`,
  );

  ctx.out.line('');
  ctx.out.line(c.bold('Weekly score'));
  ctx.out.table(
    ['WEEK', right('SCORE'), right('DONE'), right('TRACKED'), right('ACTIVE DAYS')],
    weekly.weeks.map((week) => [
      `${week.from} – ${week.to}`,
      String(week.productivity_score),
      String(week.completed),
      formatMinutes(week.tracked_minutes),
      `${week.active_days}/${week.days}`,
    ]),
  );

  ctx.out.line('');
  ctx.out.line(
    c.bold('Estimate accuracy') + c.dim(' (done tasks with an estimate and tracked time)'),
  );
  const rows = [
    ...efficiency.categories.map((cat) => ({ name: cat.category, ...cat })),
    { name: 'all', ...efficiency.overall },
  ];
  ctx.out.table(
    [
      'CATEGORY',
      right('TASKS'),
      right('ESTIMATED'),
      right('ACTUAL'),
      right('ACCURACY'),
      right('UNDER/ON/OVER'),
    ],
    rows.map((row) => [
      row.name,
      String(row.tasks),
      formatMinutes(row.estimated_minutes),
      formatMinutes(row.actual_minutes),
      percent(row.accuracy),
      `${row.under}/${row.on}/${row.over}`,
    ]),
  );

  ctx.out.line('');
  ctx.out.line(c.bold('Tracked per day'));
  // A TTY stream has columns; CliIo does not declare it, since only this chart needs it.
  const { columns } = ctx.io.stdout as { columns?: number };
  const width = columns ?? DEFAULT_COLUMNS;
  const chart = barChart(
    trends.days.map((day) => ({
      label: formatDay(day.date),
      value: day.tracked_minutes,
      text: formatMinutes(day.tracked_minutes),
    })),
    width,
  );
  for (const line of chart) ctx.out.line(line);
}
