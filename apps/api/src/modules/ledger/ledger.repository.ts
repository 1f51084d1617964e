import { and, eq, sql } from 'drizzle-orm';
import { tasks, timeEntries } from '../../db/schema/index.js';
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
