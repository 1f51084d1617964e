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

export interface TeamProjectRow {
  project_id: number;
  name: string;
  color: string;
  budget_minutes: number | null;
  tracked_seconds: number;
  /** All time: the sum of the project's tasks' actual_minutes (the ledger's per-task total). */
  all_time_minutes: number;
}

export interface TeamRow {
  members: TeamMemberRow[];
  projects: TeamProjectRow[];
  unassigned_seconds: number;
}

/**
 * The team view in one statement, so the period's entries are read once:
 * - per member of the workspace (or only `onlyUserId`): tracked seconds in the period (their
 *   entries in the workspace), tasks completed in the period that are theirs (assigned to
 *   them, or created by them and unassigned) and the mean estimate accuracy of those with an
 *   estimate and tracked time (the per-category accuracy of /metrics/time-efficiency), by id;
 * - every project of the workspace (archived ones too), by name, with the time tracked on its
 *   tasks in the period and all time;
 * - the time on tasks without a project.
 * Project and unassigned figures count everyone's entries: they are totals without names.
 */
export async function team(
  db: DbOrTx,
  p: PeriodParams,
  workspaceId: number,
  onlyUserId: number | null,
): Promise<TeamRow> {
  const q = periodSql(p);
  const ws = sql`${workspaceId}::int`;
  const { estimatedMinutes: e, actualMinutes: a } = tasks;
  const measurable = sql`${e} > 0 and ${a} > 0`;
  const only = onlyUserId === null ? sql`` : sql`and m.user_id = ${onlyUserId}::int`;
  const rows = await queryRows<TeamRow>(
    db,
    sql`
    with tracked as (
      select w.user_id, ${tasks.projectId} as project_id, sum(w.seconds)::float8 as seconds
      from (${trackedEntries(q)}) w
      join ${tasks} on ${tasks.workspaceId} = ${ws} and ${tasks.id} = w.task_id
      group by 1, 2
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
    ),
    all_time as (
      select ${tasks.projectId} as project_id, sum(${tasks.actualMinutes})::int as minutes
      from ${tasks}
      where ${tasks.workspaceId} = ${ws} and ${tasks.projectId} is not null
      group by 1
    ),
    member_rows as (
      select m.user_id, ${users.fullName} as full_name, ${users.email} as email,
        coalesce((select sum(k.seconds) from tracked k where k.user_id = m.user_id), 0)::float8
          as tracked_seconds,
        coalesce(d.n, 0)::int as tasks_completed,
        d.accuracy::float8 as accuracy
      from ${workspaceMembers} m
      join ${users} on ${users.id} = m.user_id
      left join done d on d.user_id = m.user_id
      where m.workspace_id = ${ws} ${only}
    ),
    project_rows as (
      select ${projects.id} as project_id, ${projects.name} as name, ${projects.color} as color,
        ${projects.budgetMinutes} as budget_minutes,
        coalesce((select sum(k.seconds) from tracked k where k.project_id = ${projects.id}), 0)
          ::float8 as tracked_seconds,
        coalesce(a.minutes, 0)::int as all_time_minutes
      from ${projects}
      left join all_time a on a.project_id = ${projects.id}
      where ${projects.workspaceId} = ${ws}
    )
    select
      (select coalesce(json_agg(r order by r.user_id), '[]'::json) from member_rows r)
        as members,
      (select coalesce(json_agg(r order by lower(r.name), r.project_id), '[]'::json)
        from project_rows r) as projects,
      (select coalesce(sum(seconds), 0) from tracked where project_id is null)::float8
        as unassigned_seconds`,
  );
  const row = rows[0];
  if (!row) throw new Error('team query returned no row');
  return row;
}
