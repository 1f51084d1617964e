import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/types.js';
import {
  inPeriod,
  periodSql,
  queryRows,
  trackedEntries,
  trackedPerTask,
  type PeriodParams,
} from './metrics.sql.js';

export async function findUserTimezone(db: DbOrTx, userId: number): Promise<string | undefined> {
  const rows = await queryRows<{ timezone: string }>(
    db,
    sql`select timezone from users where id = ${userId}::int`,
  );
  return rows[0]?.timezone;
}

export interface SummaryRow {
  total: number;
  todo: number;
  doing: number;
  done: number;
  low: number;
  medium: number;
  high: number;
  urgent: number;
  created: number;
  completed: number;
  overdue: number;
  median_cycle_seconds: number | null;
  tracked_seconds: number;
  worked_tasks: number;
  worked_estimated_minutes: number;
}

/**
 * One pass over the user's tasks, each joined to its tracked seconds in the period. Tracked time
 * is that of the user's entries on the user's tasks (the time module allows no other kind).
 */
export async function summary(db: DbOrTx, p: PeriodParams): Promise<SummaryRow> {
  const q = periodSql(p);
  const completedInPeriod = inPeriod(sql`t.completed_at`, q);
  const rows = await queryRows<SummaryRow>(
    db,
    sql`
    with per_task as (${trackedPerTask(q)})
    select
      count(*)::int as total,
      count(*) filter (where t.status = 'todo')::int as todo,
      count(*) filter (where t.status = 'doing')::int as doing,
      count(*) filter (where t.status = 'done')::int as done,
      count(*) filter (where t.priority = 'low')::int as low,
      count(*) filter (where t.priority = 'medium')::int as medium,
      count(*) filter (where t.priority = 'high')::int as high,
      count(*) filter (where t.priority = 'urgent')::int as urgent,
      count(*) filter (where ${inPeriod(sql`t.created_at`, q)})::int as created,
      count(*) filter (where ${completedInPeriod})::int as completed,
      count(*) filter (where t.status <> 'done' and t.due_at < ${q.now})::int as overdue,
      (percentile_cont(0.5) within group (order by date_part('epoch', t.completed_at - t.created_at))
        filter (where ${completedInPeriod})) as median_cycle_seconds,
      coalesce(sum(w.seconds), 0)::float8 as tracked_seconds,
      count(*) filter (where w.seconds > 0)::int as worked_tasks,
      coalesce(sum(t.estimated_minutes) filter (where w.seconds > 0), 0)::int
        as worked_estimated_minutes
    from tasks t
    left join per_task w on w.task_id = t.id
    where t.owner_id = ${q.uid}`,
  );
  const row = rows[0];
  if (!row) throw new Error('summary query returned no row');
  return row;
}

export interface CategoryRow {
  category: string;
  total: number;
  done: number;
  estimated_minutes: number;
  tracked_seconds: number;
  efficiency_tasks: number;
  efficiency_estimated: number;
  efficiency_actual: number;
}

/**
 * Per category: the cohort of tasks created in the period (total, done, estimates, efficiency
 * over its done tasks with both figures) beside the time tracked in the period on any of the
 * category's tasks.
 */
export async function categories(db: DbOrTx, p: PeriodParams): Promise<CategoryRow[]> {
  const q = periodSql(p);
  const measurable = sql`status = 'done' and estimated_minutes > 0 and actual_minutes > 0`;
  return queryRows<CategoryRow>(
    db,
    sql`
    with cohort as (
      select
        coalesce(category, 'uncategorized') as category,
        count(*)::int as total,
        count(*) filter (where status = 'done')::int as done,
        coalesce(sum(estimated_minutes), 0)::int as estimated_minutes,
        count(*) filter (where ${measurable})::int as efficiency_tasks,
        coalesce(sum(estimated_minutes) filter (where ${measurable}), 0)::int as efficiency_estimated,
        coalesce(sum(actual_minutes) filter (where ${measurable}), 0)::int as efficiency_actual
      from tasks
      where owner_id = ${q.uid} and ${inPeriod(sql`created_at`, q)}
      group by 1
    ),
    tracked as (
      select coalesce(t.category, 'uncategorized') as category, sum(w.seconds)::float8 as seconds
      from (${trackedEntries(q)}) w
      join tasks t on t.id = w.task_id and t.owner_id = ${q.uid}
      group by 1
    )
    select
      coalesce(c.category, k.category) as category,
      coalesce(c.total, 0) as total,
      coalesce(c.done, 0) as done,
      coalesce(c.estimated_minutes, 0) as estimated_minutes,
      coalesce(k.seconds, 0)::float8 as tracked_seconds,
      coalesce(c.efficiency_tasks, 0) as efficiency_tasks,
      coalesce(c.efficiency_estimated, 0) as efficiency_estimated,
      coalesce(c.efficiency_actual, 0) as efficiency_actual
    from cohort c
    full join tracked k on k.category = c.category
    order by coalesce(c.category, k.category) = 'uncategorized', 1`,
  );
}

export interface PriorityRow {
  priority: 'low' | 'medium' | 'high' | 'urgent';
  open: number;
  done: number;
  overdue: number;
  median_cycle_seconds: number | null;
  tracked_seconds: number;
}

/** Every priority, in enum order, even those without tasks. */
export async function priorities(db: DbOrTx, p: PeriodParams): Promise<PriorityRow[]> {
  const q = periodSql(p);
  return queryRows<PriorityRow>(
    db,
    sql`
    with counts as (
      select t.priority,
        count(*) filter (where t.status <> 'done')::int as open,
        count(*) filter (where t.status <> 'done' and t.due_at < ${q.now})::int as overdue,
        coalesce(sum(w.seconds), 0)::float8 as tracked_seconds
      from tasks t
      left join (${trackedPerTask(q)}) w on w.task_id = t.id
      where t.owner_id = ${q.uid}
      group by t.priority
    ),
    completed as (
      select priority, count(*)::int as done,
        (percentile_cont(0.5) within group (order by date_part('epoch', completed_at - created_at)))
          ::float8 as median_cycle_seconds
      from tasks
      where owner_id = ${q.uid} and ${inPeriod(sql`completed_at`, q)}
      group by priority
    )
    select
      p.priority::text as priority,
      coalesce(c.open, 0) as open,
      coalesce(d.done, 0) as done,
      coalesce(c.overdue, 0) as overdue,
      d.median_cycle_seconds,
      coalesce(c.tracked_seconds, 0)::float8 as tracked_seconds
    from unnest(enum_range(null::task_priority)) with ordinality as p(priority, ord)
    left join counts c on c.priority = p.priority
    left join completed d on d.priority = p.priority
    order by p.ord`,
  );
}
