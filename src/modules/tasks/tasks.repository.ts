import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import { tasks, timeEntries } from '../../db/schema/index.js';
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
 * rows, and filtering on user_id lets PostgreSQL use that index.
 */
export function runningTimerJoin(ownerId: number): SQL {
  return and(
    eq(timeEntries.taskId, tasks.id),
    eq(timeEntries.userId, ownerId),
    isNull(timeEntries.endedAt),
  ) as SQL;
}

/** One task of one owner, or undefined when it does not exist or belongs to someone else. */
export async function findTaskForOwner(
  db: DbOrTx,
  ownerId: number,
  taskId: number,
): Promise<TaskRow | undefined> {
  const rows = await db
    .select(taskColumns)
    .from(tasks)
    .leftJoin(timeEntries, runningTimerJoin(ownerId))
    .where(and(eq(tasks.id, taskId), eq(tasks.ownerId, ownerId)))
    .limit(1);
  return rows[0];
}

/** Like findTaskForOwner, and locks the task row until the transaction ends. */
export async function lockTaskForOwner(
  tx: Tx,
  ownerId: number,
  taskId: number,
): Promise<TaskRow | undefined> {
  const rows = await tx
    .select(taskColumns)
    .from(tasks)
    .leftJoin(timeEntries, runningTimerJoin(ownerId))
    .where(and(eq(tasks.id, taskId), eq(tasks.ownerId, ownerId)))
    .limit(1)
    .for('update', { of: tasks });
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

export async function insertTask(
  tx: Tx,
  values: TaskWrite & { ownerId: number; title: string; createdAt: Date; updatedAt: Date },
): Promise<number> {
  const rows = await tx.insert(tasks).values(values).returning({ id: tasks.id });
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Applies the changes and bumps the version (the ETag) and updated_at. */
export async function updateTask(
  tx: Tx,
  ownerId: number,
  taskId: number,
  changes: TaskWrite,
  updatedAt: Date,
): Promise<void> {
  await tx
    .update(tasks)
    .set({ ...changes, updatedAt, version: sql`${tasks.version} + 1` })
    .where(and(eq(tasks.id, taskId), eq(tasks.ownerId, ownerId)));
}

/** Deletes the task (its time entries go with it: ON DELETE CASCADE). */
export async function deleteTask(tx: Tx, ownerId: number, taskId: number): Promise<boolean> {
  const rows = await tx
    .delete(tasks)
    .where(and(eq(tasks.id, taskId), eq(tasks.ownerId, ownerId)))
    .returning({ id: tasks.id });
  return rows.length > 0;
}
