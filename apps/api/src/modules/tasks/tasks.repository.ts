import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import { tasks, timeEntries } from '../../db/schema/index.js';
import { StatementsByShape, statement } from '../../db/statement.js';
import type { Db, DbOrTx, Tx } from '../../db/types.js';

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
 * rows, and filtering on user_id lets PostgreSQL use that index. The owner is the statement's
 * `ownerId` placeholder, the one its owner condition binds too.
 */
export const runningTimerJoin = and(
  eq(timeEntries.taskId, tasks.id),
  eq(timeEntries.userId, sql.placeholder('ownerId')),
  isNull(timeEntries.endedAt),
) as SQL;

const byIdAndOwner = and(
  eq(tasks.id, sql.placeholder('taskId')),
  eq(tasks.ownerId, sql.placeholder('ownerId')),
);

type ById = { ownerId: number; taskId: number };

const selectById = (db: Db) =>
  db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(timeEntries, runningTimerJoin)
    .where(byIdAndOwner)
    .limit(1);

const findStatement = statement<ById, TaskRow[]>(selectById, 'task_find');
const lockStatement = statement<ById, TaskRow[]>(
  (db) => selectById(db).for('update', { of: tasks }),
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

const NEW_TASK_KEYS = [
  'ownerId',
  'title',
  'description',
  'category',
  'status',
  'priority',
  'tags',
  'estimatedMinutes',
  'dueAt',
  'completedAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof NewTask)[];

/** `{ key: sql.placeholder(key) }` for each key: the variable parts of a cached statement. */
function placeholders<K extends string>(keys: readonly K[]): Record<K, never> {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as Record<K, never>;
}

// Every column but the timer join: a new task has no time entry, so no running timer.
const taskTableColumns = getTableColumns(tasks);

const insertStatement = statement<NewTask, Omit<TaskRow, 'timerStartedAt'>[]>(
  (db) => db.insert(tasks).values(placeholders(NEW_TASK_KEYS)).returning(taskTableColumns),
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
 * (the UPDATE's own), so a timer started while the caller waited for the row lock is seen.
 */
const timerStartedAtReturning = sql`(select ${timeEntries.startedAt} from ${timeEntries}
  where ${timeEntries.taskId} = ${tasks.id} and ${timeEntries.userId} = ${sql.placeholder('ownerId')}
  and ${timeEntries.endedAt} is null)`.mapWith(timeEntries.startedAt);

// One statement per set of changed columns (at most 2^9 shapes; PATCHes use a handful).
const updateStatements = new StatementsByShape<ReturnType<typeof updateStatementFor>>(512);

function updateStatementFor(keys: readonly (keyof TaskWrite)[]) {
  return statement<TaskWrite & { ownerId: number; taskId: number; updatedAt: Date }, TaskRow[]>(
    (db) =>
      db
        .update(tasks)
        .set({
          ...placeholders([...keys, 'updatedAt']),
          version: sql`${tasks.version} + 1`,
        })
        .where(byIdAndOwner)
        .returning({ ...taskTableColumns, timerStartedAt: timerStartedAtReturning }),
  );
}

/** Applies the changes, bumps the version (the ETag) and updated_at; returns the new row. */
export async function updateTask(
  tx: Tx,
  ownerId: number,
  taskId: number,
  changes: TaskWrite,
  updatedAt: Date,
): Promise<TaskRow | undefined> {
  const keys = (Object.keys(changes) as (keyof TaskWrite)[])
    .filter((k) => changes[k] !== undefined)
    .sort();
  const run = updateStatements.get(keys.join(), () => updateStatementFor(keys));
  const rows = await run(tx, { ...changes, ownerId, taskId, updatedAt });
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
