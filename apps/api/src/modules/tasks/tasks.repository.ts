import { and, eq, getTableColumns, isNull, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { tasks, timeEntries } from '../../db/schema/index.js';
import { StatementsByShape, statement, type Params } from '../../db/statement.js';
import type { DbOrTx, Tx } from '../../db/types.js';

/** A task as the API sees it: the row plus the start of the owner's running timer on it. */
export type TaskRow = typeof tasks.$inferSelect & { timerStartedAt: Date | null };

/** The columns every task query returns (the list query adds its sort key). */
export const taskColumns = {
  ...getTableColumns(tasks),
  timerStartedAt: timeEntries.startedAt,
};

/**
 * The owner's running entry on the task, if any. A user has at most one running entry (partial
 * unique index on time_entries(user_id) where ended_at is null), so the join never multiplies
 * rows, and filtering on user_id lets PostgreSQL use that index. `ownerId` is the placeholder the
 * statement's owner condition binds too.
 */
export const runningTimerJoin = (ownerId: Placeholder<'ownerId', number>): SQL =>
  and(
    eq(timeEntries.taskId, tasks.id),
    eq(timeEntries.userId, ownerId),
    isNull(timeEntries.endedAt),
  ) as SQL;

type ById = { ownerId: number; taskId: number };

const byIdAndOwner = (p: Params<ById>) =>
  and(eq(tasks.id, p('taskId')), eq(tasks.ownerId, p('ownerId')));

const selectById = (db: DbOrTx, p: Params<ById>) =>
  db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(timeEntries, runningTimerJoin(p('ownerId')))
    .where(byIdAndOwner(p))
    .limit(1);

const findStatement = statement<ById, TaskRow[]>(selectById, 'task_find');
const lockStatement = statement<ById, TaskRow[]>(
  (db, p) => selectById(db, p).for('update', { of: tasks }),
  'task_lock',
);

/** One task of one owner, or undefined when it does not exist or belongs to someone else. */
export async function findTaskForOwner(
  db: DbOrTx,
  ownerId: number,
  taskId: number,
): Promise<TaskRow | undefined> {
  const rows = await findStatement(db, { ownerId, taskId });
  return rows[0];
}

/** Like findTaskForOwner, and locks the task row until the transaction ends. */
export async function lockTaskForOwner(
  tx: Tx,
  ownerId: number,
  taskId: number,
): Promise<TaskRow | undefined> {
  const rows = await lockStatement(tx, { ownerId, taskId });
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
}

/** A new task: every column the API may set, plus the owner and the server's timestamps. */
export type NewTask = Required<Omit<TaskWrite, 'completedAt'>> & {
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
        ownerId: p('ownerId'),
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
const timerStartedAtReturning = (ownerId: Placeholder<'ownerId', number>) =>
  sql`(select ${timeEntries.startedAt} from ${timeEntries}
  where ${timeEntries.taskId} = ${tasks.id} and ${timeEntries.userId} = ${ownerId}
  and ${timeEntries.endedAt} is null)`.mapWith(timeEntries.startedAt);

type UpdateValues = TaskWrite & ById & { version: number; updatedAt: Date };

// Nullable timestamps go to the driver as they are (see Params.raw); the rest are encoded by
// their column.
const RAW_KEYS: ReadonlySet<keyof TaskWrite> = new Set(['dueAt', 'completedAt']);

// One statement per set of changed columns (at most 2^9 shapes; PATCHes use a handful).
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
      .where(and(byIdAndOwner(p), eq(tasks.version, p('version'))))
      .returning({ ...taskTableColumns, timerStartedAt: timerStartedAtReturning(p('ownerId')) });
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
  target: ById & { version: number },
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
export async function deleteTask(tx: Tx, ownerId: number, taskId: number): Promise<boolean> {
  const rows = await tx
    .delete(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.ownerId, ownerId)))
    .returning({ id: tasks.id });
  return rows.length > 0;
}
