import { and, asc, count, eq, gt, gte, inArray, isNull, lt, ne, or, type SQL } from 'drizzle-orm';
import { tasks, timeEntries, users, workspaceMembers, workspaces } from '../../db/schema/index.js';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Caller } from '../workspaces/access.repository.js';
import type { Role } from '../workspaces/workspaces.policy.js';

export type TimeEntryRow = typeof timeEntries.$inferSelect;

/**
 * Serializes every time-entry write of one user (timer start/stop, manual logs, edits), so the
 * overlap check and the one-running-timer rule cannot race. NO KEY UPDATE rather than UPDATE:
 * inserts elsewhere that reference the user (tasks, adjustment entries) take KEY SHARE on this
 * row for their foreign key, which NO KEY UPDATE does not block, so this cannot deadlock with them.
 */
export async function lockUser(tx: Tx, userId: number): Promise<boolean> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, userId))
    .for('no key update');
  return rows.length > 0;
}

/** A task as the time rules see it: its workspace, its creator and the caller's role there. */
export interface TaskAccess {
  workspaceId: number;
  role: Role;
  membersSeeTeamTime: boolean;
}

/**
 * The caller's membership of the workspace in `column` (a task's or an entry's), and the token's
 * workspace limit: joined and filtered the same way wherever a row is reached by its id.
 */
const membershipOf = (column: AnyPgColumn, caller: Caller) => ({
  member: and(eq(workspaceMembers.workspaceId, column), eq(workspaceMembers.userId, caller.userId)),
  workspace: eq(workspaces.id, column),
  limit: caller.workspaceId === null ? undefined : eq(column, caller.workspaceId),
});

/** Only tasks in a workspace the caller belongs to (and their token's workspace, if limited). */
const taskAccessQuery = (db: DbOrTx, caller: Caller, taskId: number) => {
  const m = membershipOf(tasks.workspaceId, caller);
  return db
    .select({
      workspaceId: tasks.workspaceId,
      role: workspaceMembers.role,
      membersSeeTeamTime: workspaces.membersSeeTeamTime,
    })
    .from(tasks)
    .innerJoin(workspaceMembers, m.member)
    .innerJoin(workspaces, m.workspace)
    .where(and(eq(tasks.id, taskId), m.limit));
};

/** Locks the task for the rest of the transaction; undefined when missing or not visible. */
export async function lockTaskAccess(
  tx: Tx,
  caller: Caller,
  taskId: number,
): Promise<TaskAccess | undefined> {
  const rows = await taskAccessQuery(tx, caller, taskId).for('no key update', { of: tasks });
  return rows[0];
}

export async function findTaskAccess(
  db: DbOrTx,
  caller: Caller,
  taskId: number,
): Promise<TaskAccess | undefined> {
  const rows = await taskAccessQuery(db, caller, taskId);
  return rows[0];
}

/** Locks a task by id alone: for the caller's own running entry, wherever its task is. */
export async function lockTaskById(tx: Tx, taskId: number): Promise<boolean> {
  const rows = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .for('no key update');
  return rows.length > 0;
}

export async function findRunningEntry(
  db: DbOrTx,
  userId: number,
): Promise<TimeEntryRow | undefined> {
  const rows = await db
    .select()
    .from(timeEntries)
    .where(and(eq(timeEntries.userId, userId), isNull(timeEntries.endedAt)));
  return rows[0];
}

/**
 * The caller's running timer with its task. A token limited to one workspace only sees a timer
 * running there: it must not learn the title of a task elsewhere.
 */
export async function findRunningTimer(db: DbOrTx, caller: Caller) {
  const rows = await db
    .select({
      entry: timeEntries,
      task: {
        id: tasks.id,
        workspace_id: tasks.workspaceId,
        title: tasks.title,
        category: tasks.category,
        status: tasks.status,
      },
    })
    .from(timeEntries)
    .innerJoin(
      tasks,
      and(eq(tasks.workspaceId, timeEntries.workspaceId), eq(tasks.id, timeEntries.taskId)),
    )
    .where(
      and(
        eq(timeEntries.userId, caller.userId),
        isNull(timeEntries.endedAt),
        caller.workspaceId === null ? undefined : eq(timeEntries.workspaceId, caller.workspaceId),
      ),
    );
  return rows[0];
}

/** An entry with the caller's role in its workspace. */
export type EntryAccess = TimeEntryRow & { role: Role; membersSeeTeamTime: boolean };

/** An entry of a workspace the caller belongs to; undefined when missing or not visible. */
export async function findEntryAccess(
  db: DbOrTx,
  caller: Caller,
  entryId: number,
): Promise<EntryAccess | undefined> {
  const m = membershipOf(timeEntries.workspaceId, caller);
  const rows = await db
    .select({
      entry: timeEntries,
      role: workspaceMembers.role,
      membersSeeTeamTime: workspaces.membersSeeTeamTime,
    })
    .from(timeEntries)
    .innerJoin(workspaceMembers, m.member)
    .innerJoin(workspaces, m.workspace)
    .where(and(eq(timeEntries.id, entryId), m.limit));
  const row = rows[0];
  return row && { ...row.entry, role: row.role, membersSeeTeamTime: row.membersSeeTeamTime };
}

/** An entry by id, read again under the tracker's lock (it may have gone meanwhile). */
export async function findEntry(db: DbOrTx, entryId: number): Promise<TimeEntryRow | undefined> {
  const rows = await db.select().from(timeEntries).where(eq(timeEntries.id, entryId));
  return rows[0];
}

export async function insertEntry(
  tx: Tx,
  values: {
    workspaceId: number;
    taskId: number;
    userId: number;
    startedAt: Date;
    endedAt: Date | null;
    source: 'timer' | 'manual';
    note: string | null;
  },
): Promise<TimeEntryRow> {
  const rows = await tx.insert(timeEntries).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateEntry(
  tx: Tx,
  entryId: number,
  values: { startedAt?: Date; endedAt?: Date | null; note?: string | null },
): Promise<TimeEntryRow> {
  const rows = await tx
    .update(timeEntries)
    .set(values)
    .where(eq(timeEntries.id, entryId))
    .returning();
  const row = rows[0];
  if (!row) throw new Error('update returned no row');
  return row;
}

export async function deleteEntry(tx: Tx, entryId: number): Promise<void> {
  await tx.delete(timeEntries).where(eq(timeEntries.id, entryId));
}

/**
 * One of the user's interval entries (timers and manual logs, not adjustments) that overlaps
 * [start, end), if any. Intervals are half-open, so back-to-back entries do not overlap; a
 * running entry extends to infinity. The end test is written as `ended_at > start OR ended_at
 * IS NULL` (not coalesce) so that an index on (user_id, ended_at) plus the running-timer index
 * can answer it from the recent end of the history.
 */
export async function findOverlap(
  db: DbOrTx,
  params: { userId: number; start: Date; end: Date | null; excludeId?: number },
): Promise<number | undefined> {
  const conditions: SQL[] = [
    eq(timeEntries.userId, params.userId),
    ne(timeEntries.source, 'adjustment'),
    or(gt(timeEntries.endedAt, params.start), isNull(timeEntries.endedAt)) as SQL,
  ];
  if (params.end) conditions.push(lt(timeEntries.startedAt, params.end));
  if (params.excludeId !== undefined) conditions.push(ne(timeEntries.id, params.excludeId));
  const rows = await db
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(and(...conditions))
    .limit(1);
  return rows[0]?.id;
}

export interface EntryFilter {
  /** The workspaces to read (a tenant filter on every entry query). */
  workspaceIds: number[];
  /** Only this user's entries; undefined: every member's (the caller may see them). */
  userId?: number;
  taskId?: number;
  from?: Date;
  to?: Date;
  category?: string;
}

function filterConditions(f: EntryFilter): SQL | undefined {
  const conditions: SQL[] = [inArray(timeEntries.workspaceId, f.workspaceIds)];
  if (f.userId !== undefined) conditions.push(eq(timeEntries.userId, f.userId));
  if (f.taskId !== undefined) conditions.push(eq(timeEntries.taskId, f.taskId));
  if (f.from) conditions.push(gte(timeEntries.startedAt, f.from));
  if (f.to) conditions.push(lt(timeEntries.startedAt, f.to));
  if (f.category !== undefined) conditions.push(eq(tasks.category, f.category));
  return and(...conditions);
}

const taskOfEntry = and(
  eq(tasks.workspaceId, timeEntries.workspaceId),
  eq(tasks.id, timeEntries.taskId),
);

/** One page of entries in start order, and the total matching the filter. */
export async function listEntries(
  db: DbOrTx,
  filter: EntryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: TimeEntryRow[]; total: number }> {
  const where = filterConditions(filter);
  const rows = await db
    .select({ entry: timeEntries })
    .from(timeEntries)
    .innerJoin(tasks, taskOfEntry)
    .where(where)
    .orderBy(asc(timeEntries.startedAt), asc(timeEntries.id))
    .limit(page.limit)
    .offset(page.offset);
  const totals = await db
    .select({ total: count() })
    .from(timeEntries)
    .innerJoin(tasks, taskOfEntry)
    .where(where);
  return { rows: rows.map((r) => r.entry), total: totals[0]?.total ?? 0 };
}
