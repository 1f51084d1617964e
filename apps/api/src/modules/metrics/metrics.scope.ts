import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { tasks, timeEntries } from '../../db/schema/index.js';

/**
 * Whose figures a metrics request reads (issue 15). Every statement filters both tasks and
 * entries by `workspace_id IN (…)` (the distribution column, docs/scaling.md), then narrows:
 * - "mine" (no scope parameter): tasks assigned to me, or created by me and assigned to no one,
 *   and entries I tracked, in every workspace I can see. With only a personal workspace this is
 *   exactly the answer from before teams;
 * - a workspace or a project: all of its tasks; its entries, or only mine when I may not see the
 *   others' time (`time.others.read`);
 * - a user: that member's tasks (as for "mine") and entries.
 */
export interface Scope {
  /** Never empty: the caller can always see at least their personal workspace. */
  workspaceIds: readonly number[];
  /** Tasks: coalesce(assignee_id, owner_id) = this. */
  taskUserId: number | null;
  /** Entries: tracked by this user. */
  entryUserId: number | null;
  /** Tasks of this project, and entries on them. */
  projectId: number | null;
}

const ints = (ids: readonly number[]): SQL =>
  sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );

/** `column IN (…)` over the scope's workspaces. */
export function inWorkspaces(column: SQL | typeof tasks.workspaceId, s: Scope): SQL {
  if (s.workspaceIds.length === 0) throw new Error('a metrics scope needs a workspace');
  return sql`${column} in (${ints(s.workspaceIds)})`;
}

/** The scope's tasks, as a predicate on `tasks`. */
export function tasksInScope(s: Scope): SQL {
  const parts = [inWorkspaces(tasks.workspaceId, s)];
  if (s.taskUserId !== null) {
    parts.push(sql`coalesce(${tasks.assigneeId}, ${tasks.ownerId}) = ${s.taskUserId}::int`);
  }
  if (s.projectId !== null) parts.push(sql`${tasks.projectId} = ${s.projectId}::int`);
  return sql.join(parts, sql` and `);
}

const te = timeEntries;

/** The columns an entry-like table (time_entries, time_rollups) is scoped by. */
export interface EntryColumns {
  workspaceId: SQLWrapper;
  userId: SQLWrapper;
  taskId: SQLWrapper;
}

const ENTRY_COLUMNS: EntryColumns = {
  workspaceId: te.workspaceId,
  userId: te.userId,
  taskId: te.taskId,
};

/**
 * The scope's entries, as a predicate on `time_entries` (or on the same columns of another
 * table). A project's entries are those on its tasks: a semi-join on (workspace_id, id), so it
 * stays inside the workspace.
 */
export function entriesInScope(s: Scope, c: EntryColumns = ENTRY_COLUMNS): SQL {
  const parts = [inWorkspaces(sql`${c.workspaceId}`, s)];
  if (s.entryUserId !== null) parts.push(sql`${c.userId} = ${s.entryUserId}::int`);
  if (s.projectId !== null) {
    parts.push(sql`(${c.workspaceId}, ${c.taskId}) in (
      select ${tasks.workspaceId}, ${tasks.id} from ${tasks}
      where ${inWorkspaces(tasks.workspaceId, s)} and ${tasks.projectId} = ${s.projectId}::int)`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * The users whose running timers and longer-than-a-day entries may count: the scope's user, or
 * every member of its workspaces. Those two kinds of entries are found through per-user partial
 * indexes (a running timer is not bounded by the period's start), so a team scope probes them
 * once per member instead of reading the workspace's whole history.
 */
export function entryUsers(s: Scope): SQL {
  if (s.entryUserId !== null) return sql`${te.userId} = ${s.entryUserId}::int`;
  return sql`${te.userId} in (select wm.user_id from workspace_members wm
    where ${inWorkspaces(sql`wm.workspace_id`, s)})`;
}
