import { and, eq, isNull, sql } from 'drizzle-orm';
import { tasks, timeEntries, users } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/**
 * Row-locks the task so that concurrent ledger updates of one task run one after the other: each
 * sums the entries only once the previous writer has committed, so none writes a stale total.
 */
export async function lockTask(db: DbOrTx, taskId: number): Promise<number | undefined> {
  const rows = await db
    .select({ workspaceId: tasks.workspaceId })
    .from(tasks)
    .where(eq(tasks.id, taskId))
    .for('no key update');
  return rows[0]?.workspaceId;
}

/** Sum of a task's finished entries, in seconds (running entries count when they stop). */
export async function sumTaskSeconds(db: DbOrTx, taskId: number): Promise<number> {
  const rows = await db
    .select({ total: sql<number>`coalesce(sum(${timeEntries.durationSeconds}), 0)::integer` })
    .from(timeEntries)
    .where(eq(timeEntries.taskId, taskId));
  return rows[0]?.total ?? 0;
}

export async function insertAdjustment(
  db: DbOrTx,
  values: {
    workspaceId: number;
    taskId: number;
    userId: number;
    at: Date;
    seconds: number;
    note: string | null;
  },
): Promise<void> {
  await db.insert(timeEntries).values({
    workspaceId: values.workspaceId,
    taskId: values.taskId,
    userId: values.userId,
    startedAt: values.at,
    endedAt: values.at,
    source: 'adjustment',
    adjustmentSeconds: values.seconds,
    note: values.note,
  });
}

export async function setTaskActualMinutes(
  db: DbOrTx,
  workspaceId: number,
  taskId: number,
  minutes: number,
): Promise<void> {
  await db
    .update(tasks)
    .set({ actualMinutes: minutes })
    .where(and(eq(tasks.id, taskId), eq(tasks.workspaceId, workspaceId)));
}

/**
 * Locks the user's row, the way every time write does first (time.repository lockUser), so this
 * cannot race their own timer start or stop.
 */
export async function lockUserRow(db: DbOrTx, userId: number): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
}

/** The user's running entry in one workspace, if any. */
export async function findRunningEntryIn(
  db: DbOrTx,
  userId: number,
  workspaceId: number,
): Promise<{ id: number; taskId: number; startedAt: Date } | undefined> {
  const rows = await db
    .select({ id: timeEntries.id, taskId: timeEntries.taskId, startedAt: timeEntries.startedAt })
    .from(timeEntries)
    .where(
      and(
        eq(timeEntries.workspaceId, workspaceId),
        eq(timeEntries.userId, userId),
        isNull(timeEntries.endedAt),
      ),
    );
  return rows[0];
}

/** Ends a running entry at `at`, or drops it when `at` is not after its start. */
export async function endEntry(
  db: DbOrTx,
  entryId: number,
  at: Date,
  drop: boolean,
): Promise<void> {
  if (drop) await db.delete(timeEntries).where(eq(timeEntries.id, entryId));
  else await db.update(timeEntries).set({ endedAt: at }).where(eq(timeEntries.id, entryId));
}
