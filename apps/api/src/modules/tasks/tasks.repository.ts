import { and, eq, getTableColumns, isNull, ne, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { tasks, timeEntries, workspaceMembers } from '../../db/schema/index.js';
import { StatementsByShape, statement, type Params } from '../../db/statement.js';
import type { DbOrTx, Tx } from '../../db/types.js';
import type { Role } from '../workspaces/workspaces.policy.js';

/** A task as the API sees it: the row plus the start of the caller's running timer on it. */
export type TaskRow = typeof tasks.$inferSelect & { timerStartedAt: Date | null };

/** A task read for one caller: the row plus the caller's role in its workspace. */
export type AccessibleTaskRow = TaskRow & { role: Role };

/** The columns every task query returns (the list query adds its sort key). */
export const taskColumns = {
  ...getTableColumns(tasks),
  timerStartedAt: timeEntries.startedAt,
};

/**
 * The caller's running entry on the task, if any. A user has at most one running entry (partial
 * unique index on time_entries(user_id) where ended_at is null), so the join never multiplies
 * rows, and filtering on user_id lets PostgreSQL use that index. `userId` is the placeholder the
 * statement's membership condition binds too.
 */
export const runningTimerJoin = (userId: Placeholder<'userId', number>): SQL =>
  and(
    eq(timeEntries.taskId, tasks.id),
    eq(timeEntries.userId, userId),
    isNull(timeEntries.endedAt),
  ) as SQL;

/**
 * Who asks for which task. `limit` is the one workspace the caller's token is limited to (null:
 * none), bound as a nullable parameter so one prepared statement serves both.
 */
type ById = { userId: number; taskId: number; limit: number | null };

/**
 * The membership join: the task is only found when the caller belongs to its workspace, and the
 * row carries the caller's role. One statement, so the one-person case pays no extra round trip
 * for teams (the membership is one primary-key probe).
 */
const memberJoin = (p: Params<ById>) =>
  and(
    eq(workspaceMembers.workspaceId, tasks.workspaceId),
    eq(workspaceMembers.userId, p('userId')),
  );

const byIdForMember = (p: Params<ById>) =>
  and(
    eq(tasks.id, p('taskId')),
    sql`${tasks.workspaceId} = coalesce(${p.raw('limit')}::integer, ${tasks.workspaceId})`,
  );

const selectById = (db: DbOrTx, p: Params<ById>) =>
  db
    .select({ ...taskColumns, role: workspaceMembers.role })
    .from(tasks)
    .innerJoin(workspaceMembers, memberJoin(p))
    .leftJoin(timeEntries, runningTimerJoin(p('userId')))
    .where(byIdForMember(p))
    .limit(1);

const findStatement = statement<ById, AccessibleTaskRow[]>(selectById, 'task_find');
const lockStatement = statement<ById, AccessibleTaskRow[]>(
  (db, p) => selectById(db, p).for('update', { of: tasks }),
  'task_lock',
);

/** Who is asking: the user and the workspace their token is limited to (null: all). */
export interface TaskCaller {
  userId: number;
  workspaceId: number | null;
}

/**
 * One task the caller can see (they are a member of its workspace), with their role; undefined
 * when it does not exist or is in a workspace they are not in.
 */
export async function findTaskForCaller(
  db: DbOrTx,
  caller: TaskCaller,
  taskId: number,
): Promise<AccessibleTaskRow | undefined> {
  const rows = await findStatement(db, {
    userId: caller.userId,
    taskId,
    limit: caller.workspaceId,
  });
  return rows[0];
}

/** Like findTaskForCaller, and locks the task row until the transaction ends. */
export async function lockTaskForCaller(
  tx: Tx,
  caller: TaskCaller,
  taskId: number,
): Promise<AccessibleTaskRow | undefined> {
  const rows = await lockStatement(tx, {
    userId: caller.userId,
    taskId,
    limit: caller.workspaceId,
  });
  return rows[0];
}

/** What a create or update may write. actual_minutes is absent on purpose: the ledger owns it. */
export interface TaskWrite {
  title?: string;
  description?: string | null;
  category?: string | null;
  status?: 'todo' | 'doing' | 'done';
  priority?: 'low' | 'medium' | 'high' | 'urgent';
  tags?: string[];
  estimatedMinutes?: number | null;
  dueAt?: Date | null;
  completedAt?: Date | null;
  projectId?: number | null;
  assigneeId?: number | null;
}

/** A new task: every column the API may set, plus its place, creator and the server's timestamps. */
export type NewTask = Required<Omit<TaskWrite, 'completedAt'>> & {
  workspaceId: number;
  ownerId: number;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

// Every column but the timer join: a new task has no time entry, so no running timer.
const taskTableColumns = getTableColumns(tasks);

const insertStatement = statement<NewTask, Omit<TaskRow, 'timerStartedAt'>[]>(
  (db, p) =>
    db
      .insert(tasks)
      .values({
        workspaceId: p('workspaceId'),
        ownerId: p('ownerId'),
        projectId: p.raw('projectId'),
        assigneeId: p.raw('assigneeId'),
        title: p('title'),
        description: p('description'),
        category: p('category'),
        status: p('status'),
        priority: p('priority'),
        tags: p('tags'),
        estimatedMinutes: p('estimatedMinutes'),
        dueAt: p.raw('dueAt'),
        completedAt: p.raw('completedAt'),
        createdAt: p('createdAt'),
        updatedAt: p('updatedAt'),
      })
      .returning(taskTableColumns),
  'task_insert',
);

/** Inserts a task and returns it as GET would (one statement: no read-back). */
export async function insertTask(db: DbOrTx, values: NewTask): Promise<TaskRow> {
  const row = (await insertStatement(db, values))[0];
  if (!row) throw new Error('insert returned no row');
  return { ...row, timerStartedAt: null };
}

/**
 * The owner's running timer on the task, as a subquery for RETURNING. It reads a fresh snapshot
 * (the UPDATE's own), so a timer started since the caller read the row is seen.
 */
const timerStartedAtReturning = (userId: Placeholder<'userId', number>) =>
  sql`(select ${timeEntries.startedAt} from ${timeEntries}
  where ${timeEntries.taskId} = ${tasks.id} and ${timeEntries.userId} = ${userId}
  and ${timeEntries.endedAt} is null)`.mapWith(timeEntries.startedAt);

/** The row to write: by id and workspace (known from the read), at the version read. */
type UpdateTarget = { userId: number; taskId: number; workspaceId: number; version: number };
type UpdateValues = TaskWrite & UpdateTarget & { updatedAt: Date };

// Nullable timestamps go to the driver as they are (see Params.raw); the rest are encoded by
// their column.
const RAW_KEYS: ReadonlySet<keyof TaskWrite> = new Set([
  'dueAt',
  'completedAt',
  'projectId',
  'assigneeId',
]);

// One statement per set of changed columns (at most 2^11 shapes; PATCHes use a handful).
const updateStatements = new StatementsByShape<ReturnType<typeof updateStatementFor>>(512);

function updateStatementFor(keys: readonly (keyof TaskWrite)[]) {
  return statement<UpdateValues, TaskRow[]>((db, p) => {
    const set: PgUpdateSetSource<typeof tasks> = {
      updatedAt: p.as('updatedAt', tasks.updatedAt),
      version: sql`${tasks.version} + 1`,
    };
    for (const key of keys) set[key] = RAW_KEYS.has(key) ? p.raw(key) : p.as(key, tasks[key]);
    return db
      .update(tasks)
      .set(set)
      .where(
        and(
          eq(tasks.id, p('taskId')),
          eq(tasks.workspaceId, p('workspaceId')),
          eq(tasks.version, p('version')),
        ),
      )
      .returning({ ...taskTableColumns, timerStartedAt: timerStartedAtReturning(p('userId')) });
  });
}

/**
 * Applies the changes to the task if it is still at `version` (the one the caller read), bumps
 * the version (the ETag) and updated_at, and returns the new row; undefined when the task is gone
 * or has changed since (the caller reads it again). No lock needed: the version check makes the
 * write conditional on what the caller saw.
 */
export async function updateTask(
  db: DbOrTx,
  target: UpdateTarget,
  changes: TaskWrite,
  updatedAt: Date,
): Promise<TaskRow | undefined> {
  const keys = (Object.keys(changes) as (keyof TaskWrite)[])
    .filter((k) => changes[k] !== undefined)
    .sort();
  const run = updateStatements.get(keys.join(), () => updateStatementFor(keys));
  const rows = await run(db, { ...changes, ...target, updatedAt });
  return rows[0];
}

/** Deletes the task (its time entries go with it: ON DELETE CASCADE). */
export async function deleteTask(tx: Tx, workspaceId: number, taskId: number): Promise<boolean> {
  const rows = await tx
    .delete(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)))
    .returning({ id: tasks.id });
  return rows.length > 0;
}

/** Whether anyone but `userId` has tracked time on the task (hand-setting the total would undo it). */
export async function hasOthersEntries(
  db: DbOrTx,
  workspaceId: number,
  taskId: number,
  userId: number,
): Promise<boolean> {
  const rows = await db
    .select({ id: timeEntries.id })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.workspaceId, workspaceId),
        eq(timeEntries.taskId, taskId),
        ne(timeEntries.userId, userId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
