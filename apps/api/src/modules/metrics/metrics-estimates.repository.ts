import { sql, type SQL } from 'drizzle-orm';
import { enumValue, queryRows } from '../../db/query.js';
import { tasks } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import {
  inPeriod,
  periodSql,
  UNCATEGORIZED,
  type PeriodParams,
  type PeriodSql,
} from './metrics.sql.js';

const DONE = enumValue(tasks.status, 'done');

/** Done tasks completed in the period that have both an estimate and tracked time. */
function measuredTasks(q: PeriodSql): SQL {
  return sql`
    select ${tasks.id} as task_id, ${tasks.title} as title, ${tasks.completedAt} as completed_at,
      coalesce(${tasks.category}, ${UNCATEGORIZED}) as category,
      ${tasks.estimatedMinutes} as e, ${tasks.actualMinutes} as a,
      ${tasks.actualMinutes}::float8 / ${tasks.estimatedMinutes} as ratio
    from ${tasks}
    where ${q.tasksIn} and ${tasks.status} = ${DONE}
      and ${tasks.estimatedMinutes} > 0 and ${tasks.actualMinutes} > 0
      and ${inPeriod(tasks.completedAt, q)}`;
}

/** One task of the sample, as the scatter of estimate against actual plots it. */
export interface EfficiencyTask {
  task_id: number;
  title: string;
  category: string;
  estimated_minutes: number;
  actual_minutes: number;
}

export interface EfficiencyRow {
  overall: boolean;
  category: string | null;
  tasks: number;
  estimated_minutes: number;
  actual_minutes: number;
  accuracy: number | null;
  median_ratio: number | null;
  under: number;
  on_estimate: number;
  over: number;
  /** On the overall row: the sample's newest `taskLimit` tasks, newest first; null elsewhere. */
  sample: EfficiencyTask[] | null;
}

/**
 * The overall row first (always present, even over no tasks), then one row per category. The
 * overall row also carries the sample's tasks themselves (the newest `taskLimit` by completion,
 * as one JSON array), so the figures and the points come from one statement and one snapshot.
 */
export async function timeEfficiency(
  db: DbOrTx,
  p: PeriodParams,
  taskLimit: number,
): Promise<EfficiencyRow[]> {
  const q = periodSql(p);
  return queryRows<EfficiencyRow>(
    db,
    sql`
    with s as (${measuredTasks(q)}),
    -- The id breaks ties between tasks completed at the same instant, so the cap is stable.
    newest as (
      select task_id, title, category, e, a, completed_at from s
      order by completed_at desc, task_id desc
      limit ${taskLimit}::int
    ),
    listed as (
      select coalesce(json_agg(json_build_object(
          'task_id', task_id, 'title', title, 'category', category,
          'estimated_minutes', e, 'actual_minutes', a
        ) order by completed_at desc, task_id desc), '[]'::json) as sample
      from newest
    ),
    figures as (
      select
        grouping(category) = 1 as overall,
        category,
        count(*)::int as tasks,
        coalesce(sum(e), 0)::int as estimated_minutes,
        coalesce(sum(a), 0)::int as actual_minutes,
        avg(greatest(0, 1 - abs(a - e)::float8 / e))::float8 as accuracy,
        (percentile_cont(0.5) within group (order by ratio))::float8 as median_ratio,
        -- Integer forms of actual < 0.9 × estimate, |actual − estimate| ≤ 0.1 × estimate, actual > 1.1 × estimate.
        count(*) filter (where (e - a) * 10 > e)::int as under,
        count(*) filter (where abs(a - e) * 10 <= e)::int as on_estimate,
        count(*) filter (where (a - e) * 10 > e)::int as over
      from s
      group by grouping sets ((), (category))
    )
    select f.*, case when f.overall then l.sample end as sample
    from figures f cross join listed l
    order by f.overall desc, f.category = ${UNCATEGORIZED}, f.category`,
  );
}

export interface InsightRow {
  overall: boolean;
  category: string | null;
  sample_size: number;
  q1: number | null;
  median: number | null;
  q3: number | null;
  /** Which model forecasts this row's open tasks; null = none has enough data. */
  ratio_source: 'category' | 'overall' | null;
  open_tasks: number;
  forecast_tasks: number;
  estimated_minutes: number;
  tracked_minutes: number;
  naive_remaining_minutes: number;
  remaining_minutes: number | null;
  low_minutes: number | null;
  high_minutes: number | null;
}

/**
 * The estimate-correction model and its forecast in one statement. Models: quartiles of
 * actual ÷ estimate per category and overall, over tasks completed in the period. Each open
 * estimated task uses its category's model when that has `minSample` tasks, else the overall
 * model when that has, else none; remaining = max(0, estimate × ratio − tracked), with the
 * band from Q1 and Q3. The overall row sums the forecasts of every category.
 */
export async function insights(
  db: DbOrTx,
  p: PeriodParams,
  minSample: number,
): Promise<InsightRow[]> {
  const q = periodSql(p);
  const min = sql`${minSample}::int`;
  const quartiles = sql`percentile_cont(array[0.25, 0.5, 0.75]::float8[]) within group (order by ratio)`;
  const { category, estimatedMinutes: estimate, actualMinutes: actual } = tasks;
  return queryRows<InsightRow>(
    db,
    sql`
    with sample as (${measuredTasks(q)}),
    models as (
      select category, count(*)::int as n, ${quartiles} as q from sample group by category
    ),
    overall as (select count(*)::int as n, ${quartiles} as q from sample),
    -- One pass over the open estimated tasks, each with the quartiles of the model it uses.
    forecast as (
      select coalesce(${category}, ${UNCATEGORIZED}) as category,
        count(*)::int as open_tasks,
        count(r.q)::int as forecast_tasks,
        sum(${estimate})::float8 as estimated_minutes,
        sum(${actual})::float8 as tracked_minutes,
        sum(greatest(0, ${estimate} - ${actual}))::float8 as naive_remaining_minutes,
        sum(greatest(0, ${estimate} * r.q[2] - ${actual}))::float8 as remaining_minutes,
        sum(greatest(0, ${estimate} * r.q[1] - ${actual}))::float8 as low_minutes,
        sum(greatest(0, ${estimate} * r.q[3] - ${actual}))::float8 as high_minutes
      from ${tasks}
      left join models m on m.category = coalesce(${category}, ${UNCATEGORIZED}) and m.n >= ${min}
      cross join overall o
      cross join lateral (
        select coalesce(m.q, case when o.n >= ${min} then o.q end) as q
      ) r
      where ${q.tasksIn} and ${tasks.status} <> ${DONE} and ${estimate} > 0
      group by 1
    ),
    per_category as (
      select false as overall, coalesce(m.category, f.category) as category,
        coalesce(m.n, 0) as sample_size, m.q,
        case when m.n >= ${min} then 'category' when o.n >= ${min} then 'overall' end
          as ratio_source,
        coalesce(f.open_tasks, 0) as open_tasks,
        coalesce(f.forecast_tasks, 0) as forecast_tasks,
        coalesce(f.estimated_minutes, 0) as estimated_minutes,
        coalesce(f.tracked_minutes, 0) as tracked_minutes,
        coalesce(f.naive_remaining_minutes, 0) as naive_remaining_minutes,
        f.remaining_minutes, f.low_minutes, f.high_minutes
      from models m
      full join forecast f on f.category = m.category
      cross join overall o
    )
    select overall, category, sample_size, q[1]::float8 as q1, q[2]::float8 as median,
      q[3]::float8 as q3, ratio_source, open_tasks, forecast_tasks, estimated_minutes,
      tracked_minutes, naive_remaining_minutes, remaining_minutes, low_minutes, high_minutes
    from (
      select * from per_category
      union all
      select true, null, o.n, o.q, null,
        coalesce(sum(p.open_tasks), 0)::int, coalesce(sum(p.forecast_tasks), 0)::int,
        coalesce(sum(p.estimated_minutes), 0)::float8, coalesce(sum(p.tracked_minutes), 0)::float8,
        coalesce(sum(p.naive_remaining_minutes), 0)::float8,
        sum(p.remaining_minutes)::float8, sum(p.low_minutes)::float8, sum(p.high_minutes)::float8
      from overall o
      left join per_category p on true
      group by o.n, o.q
    ) rows
    order by overall desc, category = ${UNCATEGORIZED}, category`,
  );
}
