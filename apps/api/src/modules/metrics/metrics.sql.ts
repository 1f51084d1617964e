import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { enumValue } from '../../db/query.js';
import { tasks, timeEntries, timeRollups } from '../../db/schema/index.js';
import type { Db, Tx } from '../../db/types.js';
import {
  entriesInScope,
  entryUsers,
  inWorkspaces,
  tasksInScope,
  type Scope,
} from './metrics.scope.js';

/**
 * SQL building blocks shared by the metrics repositories. Every parameter is cast explicitly so
 * PostgreSQL and PGlite infer the same types, and inlined where it is used (rather than read from
 * a parameter CTE) so the planner sees real values when it picks indexes. Tables, columns and
 * enum values are the schema's objects (a rename is a compile error); only the names the
 * statements give their own CTEs and output columns are written out.
 */
export interface PeriodParams {
  /** Whose tasks and entries (metrics.scope.ts). */
  scope: Scope;
  tz: string;
  /** The first and last local day of the period, inclusive: YYYY-MM-DD. */
  from: string;
  to: string;
  now: Date;
  /**
   * Given when `from`/`to` was a date-time: the period then starts at `start` (inside its first
   * day) or ends at `end` (excluded, inside its last day). Left out, the period starts at local
   * midnight of `from` and ends at the one after `to`, which PostgreSQL resolves by the rule of
   * shared/period.ts (startOfLocalDay).
   */
  start?: Date;
  end?: Date;
}

export interface PeriodSql {
  /** The scope's tasks, as a predicate on `tasks`. */
  tasksIn: SQL;
  /** Tasks in the scope's workspaces (what an entry in scope may be on). */
  tasksWs: SQL;
  /** The scope's entries, as a predicate on `time_entries`. */
  entriesIn: SQL;
  /** The users whose running and long entries may count (per-user partial indexes). */
  entryUsers: SQL;
  /** The scope's entries, as a predicate on `time_rollups`. */
  rollupsIn: SQL;
  tz: SQL;
  from: SQL;
  to: SQL;
  now: SQL;
  /** The instant the period starts: local midnight of `from` in tz, or a later instant. */
  start: SQL;
  /** The instant the period ends (exclusive): local midnight after `to`, or an earlier one. */
  end: SQL;
  /** Local midnight of `from`: where the first day starts, which may be before `start`. */
  firstDayStart: SQL;
  /** True when the period starts at a given instant rather than at a local midnight. */
  startsInsideDay: boolean;
}

export function periodSql(p: PeriodParams): PeriodSql {
  const tz = sql`${p.tz}::text`;
  const instant = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  // A local day is 23 or 25 hours across a DST change, so day boundaries are always computed
  // as (local date)::timestamp AT TIME ZONE tz, never as a start plus 24 hours. PostgreSQL folds
  // these into constants when it plans, exactly like an instant given instead.
  const firstDayStart = sql`(${p.from}::date::timestamp at time zone ${tz})`;
  return {
    tasksIn: tasksInScope(p.scope),
    tasksWs: inWorkspaces(tasks.workspaceId, p.scope),
    entriesIn: entriesInScope(p.scope),
    entryUsers: entryUsers(p.scope),
    rollupsIn: entriesInScope(p.scope, {
      workspaceId: timeRollups.workspaceId,
      userId: timeRollups.userId,
      taskId: timeRollups.taskId,
    }),
    tz,
    from: sql`${p.from}::date`,
    to: sql`${p.to}::date`,
    now: instant(p.now),
    start: p.start ? instant(p.start) : firstDayStart,
    end: p.end ? instant(p.end) : sql`((${p.to}::date + 1)::timestamp at time zone ${tz})`,
    firstDayStart,
    startsInsideDay: p.start !== undefined,
  };
}

/**
 * The `days` whole local days just before the period's first day, as a period of their own
 * (from local midnight of `from − days` to that of `from`): the lead-in of a trailing window.
 * It ends at the first day's midnight even when the period starts later inside that day, so
 * the lead-in and the period never count the same instant twice.
 */
export function leadInSql(q: PeriodSql, days: number): PeriodSql {
  const n = sql`${days}::int`;
  const start = sql`((${q.from} - ${n})::timestamp at time zone ${q.tz})`;
  return {
    ...q,
    from: sql`(${q.from} - ${n})`,
    to: sql`(${q.from} - 1)`,
    start,
    end: q.firstDayStart,
    firstDayStart: start,
    startsInsideDay: false,
  };
}

/** The label of tasks without a category, in the figures and their order. */
export const UNCATEGORIZED = sql.raw(`'uncategorized'`);

/** The local calendar date of a timestamptz expression. */
export function localDay(column: SQLWrapper, q: PeriodSql): SQL {
  return sql`(${column} at time zone ${q.tz})::date`;
}

/** `column` falls inside the period's half-open instant range. */
export function inPeriod(column: SQLWrapper, q: PeriodSql): SQL {
  return sql`(${column} >= ${q.start} and ${column} < ${q.end})`;
}

/*
 * Tracked time. Timer and manual entries count the part of their interval [started_at,
 * ended_at or now) inside the period; an adjustment is an instant that counts its signed
 * seconds where it falls. Seconds are exact (fractional) overlap lengths.
 */

/**
 * Entries longer than this are found through their own small partial index (see
 * docs/metrics.md); shorter ones that overlap the period's start began at most this long before
 * it. In hours, not days: timestamptz minus '1 day' follows the session's DST.
 */
const LONG_ENTRY = sql`interval '24 hours'`;

const ADJUSTMENT = enumValue(timeEntries.source, 'adjustment');
const te = timeEntries;

/**
 * The scope's interval entries (timers and manual) that overlap the period, with `stop` = the
 * end or, for a running timer, now. Three disjoint arms, each one narrow index range, joined by
 * UNION ALL (an OR of them made PostgreSQL combine bitmaps and read every row from the heap):
 * - started from 24 hours before the period to its end; those that started before the period
 *   must end inside it or still run. time_entries (user_id, started_at) covers the columns read,
 *   so this arm, nearly all the rows, is an index-only scan;
 * - still running, started earlier than that (the partial unique index of running timers);
 * - longer than 24 hours, started earlier than that and ending after the period's start (the
 *   partial index of long entries, whose predicate the arm repeats word for word so the planner
 *   can prove it; the arm is needed for correctness either way).
 */
function overlappingEntries(q: PeriodSql): SQL {
  const windowStart = sql`${q.start} - ${LONG_ENTRY}`;
  return sql`
    select ${te.taskId}, ${te.userId}, ${te.startedAt}, coalesce(${te.endedAt}, ${q.now}) as stop
    from ${te}
    where ${q.entriesIn} and ${te.source} <> ${ADJUSTMENT}
      and ${te.startedAt} >= ${windowStart} and ${te.startedAt} < ${q.end}
      and (${te.startedAt} >= ${q.start} or ${te.endedAt} > ${q.start} or ${te.endedAt} is null)
    union all
    select ${te.taskId}, ${te.userId}, ${te.startedAt}, ${q.now} as stop
    from ${te}
    where ${q.entryUsers} and ${q.entriesIn}
      and ${te.endedAt} is null and ${te.startedAt} < ${windowStart}
    union all
    select ${te.taskId}, ${te.userId}, ${te.startedAt}, ${te.endedAt} as stop
    from ${te}
    where ${q.entryUsers} and ${q.entriesIn} and ${te.source} <> ${ADJUSTMENT}
      and ${te.endedAt} - ${te.startedAt} > ${LONG_ENTRY}
      and ${te.startedAt} < ${windowStart} and ${te.endedAt} > ${q.start}`;
}

/** The raw rows (task_id, user_id, seconds) of `q`'s period: intervals clipped, adjustments. */
function rawTracked(q: PeriodSql): SQL {
  // greatest(0, …) rather than a WHERE: a running timer that starts after now (clock skew)
  // counts nothing, and the planner keeps a realistic row estimate (and a hash aggregate).
  return sql`
    select x.task_id, x.user_id,
      greatest(0, date_part('epoch', least(x.stop, ${q.end}) - greatest(x.started_at, ${q.start})))
        as seconds
    from (${overlappingEntries(q)}) x
    union all
    select ${te.taskId}, ${te.userId}, ${te.adjustmentSeconds}::float8
    from ${te}
    where ${q.entriesIn} and ${te.source} = ${ADJUSTMENT} and ${inPeriod(te.startedAt, q)}`;
}

const utc = sql.raw(`'UTC'`);
const r = timeRollups;

/**
 * Rows (task_id, user_id, seconds) whose sum per task is the time tracked in the period: each
 * interval entry clipped to the period, each adjustment inside it. Clipping to the period's
 * bounds gives the same total as splitting by local day and summing the period's days, so
 * per-task figures need no split.
 *
 * The whole UTC days inside the period come from time_rollups (finished entries and
 * adjustments, per UTC day, kept by triggers in every write's transaction); time_entries is
 * read only for the two partial UTC days at the period's edges, [start, a) and [b, end), and
 * for running timers over [a, b), which the rollups leave out. a is the first UTC midnight at
 * or after the start and b the last at or before the end, clamped (a ≤ end, b ≥ a) so the
 * three parts never overlap. Local midnights fall anywhere in a UTC day (+05:30, +05:45, a DST
 * change), so this is exact for every IANA zone and for periods that start or end at any
 * instant: nothing assumes an offset.
 */
export function trackedEntries(q: PeriodSql): SQL {
  const ceilStart = sql`(date_trunc('day', (${q.start} at time zone ${utc})
    + interval '1 day' - interval '1 microsecond') at time zone ${utc})`;
  const a = sql`least(${ceilStart}, ${q.end})`;
  const b = sql`greatest(date_trunc('day', ${q.end} at time zone ${utc}) at time zone ${utc}, ${a})`;
  const day = (t: SQL) => sql`(${t} at time zone ${utc})::date`;
  return sql`
    ${rawTracked({ ...q, end: a })}
    union all
    ${rawTracked({ ...q, start: b })}
    union all
    select ${te.taskId}, ${te.userId},
      greatest(0, date_part('epoch', least(${q.now}, ${b}) - greatest(${te.startedAt}, ${a})))
    from ${te}
    where ${q.entryUsers} and ${q.entriesIn} and ${te.endedAt} is null and ${te.startedAt} < ${b}
    union all
    select ${r.taskId}, ${r.userId}, ${r.micros}::float8 / 1000000
    from ${r}
    where ${q.rollupsIn} and ${r.day} >= ${day(a)} and ${r.day} < ${day(b)}`;
}

/**
 * Tracked seconds per task in the period (net of adjustments), as rows (task_id, seconds).
 * Figures grouped by a task's column (category, priority) join tasks to this rather than to
 * the raw rows: a few thousand tasks looked up by key instead of a hash of all the scope's
 * tasks (100,000 for the heavy user) built to meet a few thousand rows.
 */
export function trackedPerTask(q: PeriodSql): SQL {
  return sql`select task_id, sum(seconds) as seconds from (${trackedEntries(q)}) s group by task_id`;
}

/**
 * Tracked seconds per local day of the period, as rows (day, seconds). Each interval entry is
 * intersected with every local day it touches; an adjustment counts on the local day of its
 * instant.
 *
 * The local midnights are computed once per query (`bounds` b[1..n+1]: from `from` to `to` + 1,
 * so a 23- or 25-hour DST day has its true length; held inside [start, end], so a period that
 * starts or ends at a given instant has a short first or last day) and each instant is placed
 * among them by width_bucket, a binary search, far cheaper than converting every timestamp to
 * local time.
 * An entry's share of each day is linear in its start and stop, so entries are first summed per
 * (first day k, last day l): count c, Σ start and Σ stop, as seconds after the period's start.
 * Then day k gets Σ stop − Σ start when k = l; otherwise k gets c·b[k+1] − Σ start, l gets
 * Σ stop − c·b[l], and each day in between c·(b[j+1] − b[j]). Only those few groups are
 * expanded, never the entries.
 */
export function trackedPerDay(q: PeriodSql): SQL {
  const days = sql`(${q.to} - ${q.from} + 1)`;
  const offset = (t: SQL) => sql`date_part('epoch', ${t} - ${q.start})`;
  return sql`
    with bounds as (
      select array_agg(
          greatest(${q.start}, least(${q.end}, (${q.from} + i)::timestamp at time zone ${q.tz}))
          order by i
        ) as b
      from generate_series(0, ${days}) as i
    ),
    groups as (
      select width_bucket(x.started_at, bounds.b) as k, width_bucket(x.stop, bounds.b) as l,
        count(*)::float8 as c, sum(${offset(sql`x.started_at`)}) as s, sum(${offset(sql`x.stop`)}) as e
      from (${overlappingEntries(q)}) x
      cross join bounds
      where x.stop > x.started_at
      group by 1, 2
    ),
    slices as (
      select k, e - s as seconds from groups where k = l and k between 1 and ${days}
      union all
      select g.k, g.c * ${offset(sql`bounds.b[g.k + 1]`)} - g.s
      from groups g cross join bounds where g.k < g.l and g.k >= 1
      union all
      select g.l, g.e - g.c * ${offset(sql`bounds.b[g.l]`)}
      from groups g cross join bounds where g.k < g.l and g.l <= ${days}
      union all
      select j, g.c * date_part('epoch', bounds.b[j + 1] - bounds.b[j])
      from groups g
      cross join bounds
      cross join lateral generate_series(greatest(g.k + 1, 1), least(g.l - 1, ${days})) as j
      where g.k < g.l
      union all
      select width_bucket(${te.startedAt}, bounds.b), ${te.adjustmentSeconds}::float8
      from ${te}
      cross join bounds
      where ${q.entriesIn} and ${te.source} = ${ADJUSTMENT}
        and ${inPeriod(te.startedAt, q)}
    )
    select ${q.from} + (k - 1) as day, sum(seconds) as seconds from slices group by k`;
}

/**
 * Runs the statements of one use case in one read-only transaction (one snapshot) with two
 * settings of its own. JIT off: the analytics plans cost enough to trigger JIT compilation,
 * which takes far longer (a second or more) than running them. A larger work_mem: per-task
 * aggregates over a heavy user's period (~100k rows) then stay in memory instead of spilling to
 * temp files. No parallel workers: the heavy plans cost enough for a Gather, but starting the
 * workers took longer than the 10-20 ms of work they split (issue 15: the heavy user's summary
 * went from 195 to 103 ms with them off, the team view from 160 to 55 ms, on a busy 2-core
 * machine), and under load they compete with the requests the pool is already running.
 */
export async function readOnly<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  // READ ONLY: the analytics never write, and PostgreSQL now holds them to it (a write is
  // 25006 read_only_sql_transaction). node-postgres sends it with BEGIN, PGlite as the
  // transaction's first statement (SET TRANSACTION).
  return db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
          set_config('max_parallel_workers_per_gather', '0', true)`,
      );
      return work(tx);
    },
    { accessMode: 'read only' },
  );
}
