import { sql } from 'drizzle-orm';
import { enumValue, queryRows } from '../../db/query.js';
import { projects, tasks, users, workspaceMembers } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { inPeriod, periodSql, trackedEntries, type PeriodParams } from './metrics.sql.js';

const DONE = enumValue(tasks.status, 'done');

export interface TeamMemberRow {
  user_id: number;
  full_name: string | null;
  email: string;
  tracked_seconds: number;
  tasks_completed: number;
  /** Mean accuracy (0–1) of the member's measurable tasks completed in the period. */
  accuracy: number | null;
}

/**
 * Per member of the workspace (or only `onlyUserId`): tracked seconds in the period (their
 * entries in the workspace), tasks completed in the period that are theirs (assigned to them,
 * or created by them and unassigned) and the mean estimate accuracy of those with an estimate
 * and tracked time (the per-category accuracy of /metrics/time-efficiency).
 */
export async function teamMembers(
  db: DbOrTx,
  p: PeriodParams,
  workspaceId: number,
  onlyUserId: number | null,
): Promise<TeamMemberRow[]> {
  const q = periodSql(p);
  const ws = sql`${workspaceId}::int`;
  const { estimatedMinutes: e, actualMinutes: a } = tasks;
  const measurable = sql`${e} > 0 and ${a} > 0`;
  const only = onlyUserId === null ? sql`` : sql`and m.user_id = ${onlyUserId}::int`;
  return queryRows<TeamMemberRow>(
    db,
    sql`
    with tracked as (
      select w.user_id, sum(w.seconds)::float8 as seconds
      from (${trackedEntries(q)}) w
      group by w.user_id
    ),
    done as (
      select coalesce(${tasks.assigneeId}, ${tasks.ownerId}) as user_id,
        count(*)::int as n,
        avg(greatest(0, 1 - abs(${a} - ${e})::float8 / ${e})) filter (where ${measurable})
          as accuracy
      from ${tasks}
      where ${tasks.workspaceId} = ${ws} and ${tasks.status} = ${DONE}
        and ${inPeriod(tasks.completedAt, q)}
      group by 1
    )
    select m.user_id, ${users.fullName} as full_name, ${users.email} as email,
      coalesce(t.seconds, 0)::float8 as tracked_seconds,
      coalesce(d.n, 0)::int as tasks_completed,
      d.accuracy::float8 as accuracy
    from ${workspaceMembers} m
    join ${users} on ${users.id} = m.user_id
    left join tracked t on t.user_id = m.user_id
    left join done d on d.user_id = m.user_id
    where m.workspace_id = ${ws} ${only}
    order by m.user_id`,
  );
}

export interface TeamProjectRow {
  /** Null on the one row of the tasks without a project. */
  project_id: number | null;
  name: string | null;
  color: string | null;
  budget_minutes: number | null;
  tracked_seconds: number;
  /** All time: the sum of the project's tasks' actual_minutes (the ledger's per-task total). */
  all_time_minutes: number;
}

/**
 * Every project of the workspace (archived ones too), by name, with the time tracked on its
 * tasks in the period and all time; then one row (project_id null) for the tasks without a
 * project. Everyone's entries count: these are totals without names.
 */
export async function teamProjects(
  db: DbOrTx,
  p: PeriodParams,
  workspaceId: number,
): Promise<TeamProjectRow[]> {
  const q = periodSql(p);
  const ws = sql`${workspaceId}::int`;
  return queryRows<TeamProjectRow>(
    db,
    sql`
    with tracked as (
      select ${tasks.projectId} as project_id, sum(w.seconds)::float8 as seconds
      from (${trackedEntries(q)}) w
      join ${tasks} on ${tasks.workspaceId} = ${ws} and ${tasks.id} = w.task_id
      group by 1
    ),
    all_time as (
      select ${tasks.projectId} as project_id, sum(${tasks.actualMinutes})::int as minutes
      from ${tasks}
      where ${tasks.workspaceId} = ${ws} and ${tasks.projectId} is not null
      group by 1
    )
    select * from (
    select ${projects.id} as project_id, ${projects.name} as name, ${projects.color} as color,
      ${projects.budgetMinutes} as budget_minutes,
      coalesce(k.seconds, 0)::float8 as tracked_seconds,
      coalesce(a.minutes, 0)::int as all_time_minutes
    from ${projects}
    left join tracked k on k.project_id = ${projects.id}
    left join all_time a on a.project_id = ${projects.id}
    where ${projects.workspaceId} = ${ws}
    union all
    select null, null, null, null,
      coalesce((select seconds from tracked where project_id is null), 0)::float8, 0
    ) rows
    order by project_id is null, lower(name), project_id`,
  );
}
