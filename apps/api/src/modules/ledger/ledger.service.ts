import type { Tx } from '../../db/types.js';
import * as repo from './ledger.repository.js';

/**
 * The one rule for `tasks.actual_minutes`: it always equals round(sum of the task's entries'
 * seconds / 60). Every change to a task's entries, and every hand-set value, goes through here
 * inside the caller's transaction, so the cached column can never drift from the entries.
 *
 * Its own module, below both users: tasks/ sets actual_minutes by hand, time/ changes entries,
 * and time/ already depends on tasks/ (it answers with the task), so the ledger imports neither.
 */

/**
 * Recomputes actual_minutes from the entries; call after any entry insert/update/delete.
 *
 * A negative total is possible when an entry is deleted or shortened after a hand-set value (an
 * adjustment) took its time into account. Tracked time below zero means nothing and
 * actual_minutes is never negative, so a compensating adjustment brings the sum back to exactly
 * zero: the equality with the entries keeps holding. `at` stamps that adjustment (pass the
 * app clock; the wall clock is only a fallback for callers that have none).
 */
export async function syncActualMinutes(
  tx: Tx,
  userId: number,
  taskId: number,
  at?: Date,
): Promise<number> {
  const workspaceId = await repo.lockTask(tx, taskId);
  // Gone: deleted (with its entries) by a transaction that committed while we waited.
  if (workspaceId === undefined) return 0;
  const seconds = await repo.sumTaskSeconds(tx, taskId);
  let minutes = Math.round(seconds / 60);
  if (minutes < 0) {
    await repo.insertAdjustment(tx, {
      workspaceId,
      taskId,
      userId,
      at: at ?? new Date(),
      seconds: -seconds,
      note: 'total clamped at zero after an entry change',
    });
    minutes = 0;
  }
  // Math.round(-0.4) is -0; store a plain 0.
  await repo.setTaskActualMinutes(tx, workspaceId, taskId, minutes + 0);
  return minutes + 0;
}

/**
 * A hand-set actual_minutes (task create or PATCH): records an `adjustment` entry for the
 * difference, so that totals and analytics stay a plain sum of entries.
 */
export async function applyActualMinutes(
  tx: Tx,
  params: { userId: number; taskId: number; minutes: number; at: Date },
): Promise<number> {
  const workspaceId = await repo.lockTask(tx, params.taskId);
  if (workspaceId === undefined) return 0;
  const current = await repo.sumTaskSeconds(tx, params.taskId);
  const delta = params.minutes * 60 - current;
  if (delta !== 0) {
    await repo.insertAdjustment(tx, {
      workspaceId,
      taskId: params.taskId,
      userId: params.userId,
      at: params.at,
      seconds: delta,
      note: 'actual_minutes set by hand',
    });
  }
  await repo.setTaskActualMinutes(tx, workspaceId, params.taskId, params.minutes);
  return params.minutes;
}

/**
 * Stops the user's timer running in one workspace, if any, at `at`, and credits its task: for a
 * member leaving or removed from the workspace. Same lock order as the timer routes (the user,
 * then the task, then the entry), so it cannot deadlock with the user's own start or stop.
 */
export async function endRunningEntryIn(
  tx: Tx,
  params: { userId: number; workspaceId: number; at: Date },
): Promise<void> {
  await repo.lockUserRow(tx, params.userId);
  const running = await repo.findRunningEntryIn(tx, params.userId, params.workspaceId);
  if (!running) return;
  await repo.lockTask(tx, running.taskId);
  await repo.endEntry(
    tx,
    running.id,
    params.at,
    params.at.getTime() <= running.startedAt.getTime(),
  );
  await syncActualMinutes(tx, params.userId, running.taskId, params.at);
}
