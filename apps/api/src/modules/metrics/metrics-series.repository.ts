import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.js';
import { tasks } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import {
  inPeriod,
  leadInSql,
  localDay,
  periodSql,
  trackedPerDay,
  type PeriodParams,
} from './metrics.sql.js';
import type { WeekStart } from './metrics.period.js';

export interface WeekRow {
  week_start: string;
  from: string;
  to: string;
  days: number;
  created: number;
  completed: number;
  tracked_seconds: number;
  active_days: number;
  accuracy_tasks: number;
  accuracy_sum: number;
}

/**
 * Per local week of the period (weeks at either end are clipped to the period): created,
 * completed, tracked seconds, days with positive tracked time, and the sum and count of the
 * estimation accuracy of the tasks completed that week (the score is computed from these).
 */
export async function weekly(
  db: DbOrTx,
  p: PeriodParams & { weekStart: WeekStart },
): Promise<WeekRow[]> {
  const q = periodSql(p);
  // ISO day number the week starts on: Monday = 1, Sunday = 7.
  const startIsoDow = p.weekStart === 'sunday' ? 7 : 1;
  const { estimatedMinutes: estimate, actualMinutes: actual } = tasks;
  const measurable = sql`${estimate} > 0 and ${actual} > 0`;
  return queryRows<WeekRow>(
    db,
    sql`
    with days as (
      select ${q.from} + i as day from generate_series(0, ${q.to} - ${q.from}) as i
    ),
    tracked as (${trackedPerDay(q)}),
    created as (
      select ${localDay(tasks.createdAt, q)} as day, count(*)::int as n
      from ${tasks} where ${q.tasksIn} and ${inPeriod(tasks.createdAt, q)}
      group by 1
    ),
    completed as (
      select ${localDay(tasks.completedAt, q)} as day,
        count(*)::int as n,
        count(*) filter (where ${measurable})::int as accuracy_tasks,
        coalesce(sum(greatest(0, 1 - abs(${actual} - ${estimate})::float8 / ${estimate}))
          filter (where ${measurable}), 0)::float8 as accuracy_sum
      from ${tasks} where ${q.tasksIn} and ${inPeriod(tasks.completedAt, q)}
      group by 1
    )
    select
      to_char(d.day - ((extract(isodow from d.day)::int - ${startIsoDow}::int + 7) % 7),
        'YYYY-MM-DD') as week_start,
      to_char(min(d.day), 'YYYY-MM-DD') as "from",
      to_char(max(d.day), 'YYYY-MM-DD') as "to",
      count(*)::int as days,
      coalesce(sum(c.n), 0)::int as created,
      coalesce(sum(k.n), 0)::int as completed,
      coalesce(sum(t.seconds), 0)::float8 as tracked_seconds,
      count(*) filter (where t.seconds > 0)::int as active_days,
      coalesce(sum(k.accuracy_tasks), 0)::int as accuracy_tasks,
      coalesce(sum(k.accuracy_sum), 0)::float8 as accuracy_sum
    from days d
    left join tracked t on t.day = d.day
    left join created c on c.day = d.day
    left join completed k on k.day = d.day
    group by 1
    order by 1`,
  );
}

export interface TrendDayRow {
  date: string;
  created: number;
  completed: number;
  tracked_seconds: number;
  completed_avg_7d: number;
  tracked_seconds_avg_7d: number;
  slope: number | null;
  mean: number;
}

/** A trailing window: the day and the 6 before it. */
const WINDOW_LEAD_IN_DAYS = 6;

/**
 * Every local day of the period with its counts, the trailing 7-day means of completions and
 * of tracked seconds (the windows reach 6 days before the period so its first days have a full
 * window) and, repeated on each row, the least-squares slope and mean of daily completions over
 * the period.
 */
export async function trends(db: DbOrTx, p: PeriodParams): Promise<TrendDayRow[]> {
  const q = periodSql(p);
  const windowStart = sql`((${q.from} - 6)::timestamp at time zone ${q.tz})`;
  // The trailing window reaches back over whole days, but a period that starts at an instant
  // counts none of its first day's completions before that instant.
  const notBeforeStart = q.startsInsideDay
    ? sql`and (${tasks.completedAt} >= ${q.start} or ${tasks.completedAt} < ${q.firstDayStart})`
    : sql``;
  return queryRows<TrendDayRow>(
    db,
    sql`
    with days as (
      select ${q.from} - 6 + i as day from generate_series(0, ${q.to} - ${q.from} + 6) as i
    ),
    -- The period's days, then the lead-in's whole days before them (which end at the first
    -- day's midnight, so a period starting inside its first day counts nothing twice).
    tracked as (
      select * from (${trackedPerDay(q)}) period_days
      union all
      select * from (${trackedPerDay(leadInSql(q, WINDOW_LEAD_IN_DAYS))}) lead_in_days
    ),
    created as (
      select ${localDay(tasks.createdAt, q)} as day, count(*)::int as n
      from ${tasks} where ${q.tasksIn} and ${inPeriod(tasks.createdAt, q)}
      group by 1
    ),
    completed as (
      select ${localDay(tasks.completedAt, q)} as day, count(*)::int as n
      from ${tasks}
      where ${q.tasksIn}
        and ${tasks.completedAt} >= ${windowStart} and ${tasks.completedAt} < ${q.end}
        ${notBeforeStart}
      group by 1
    ),
    series as (
      select d.day,
        coalesce(c.n, 0) as created,
        coalesce(k.n, 0) as completed,
        coalesce(t.seconds, 0)::float8 as tracked_seconds,
        (avg(coalesce(k.n, 0)) over w)::float8 as completed_avg_7d,
        (avg(coalesce(t.seconds, 0)) over w)::float8 as tracked_seconds_avg_7d
      from days d
      left join tracked t on t.day = d.day
      left join created c on c.day = d.day
      left join completed k on k.day = d.day
      window w as (order by d.day rows between 6 preceding and current row)
    )
    select
      to_char(day, 'YYYY-MM-DD') as date,
      created,
      completed,
      tracked_seconds,
      completed_avg_7d,
      tracked_seconds_avg_7d,
      (regr_slope(completed, day - ${q.from}) over ())::float8 as slope,
      (avg(completed) over ())::float8 as mean
    from series
    where day >= ${q.from}
    order by day`,
  );
}
