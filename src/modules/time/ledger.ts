import type { Tx } from '../../db/types.js';
import * as repo from './ledger.repository.js';

/**
 * The one rule for `tasks.actual_minutes`: it always equals round(sum of the task's entries'
 * seconds / 60). Every change to a task's entries, and every hand-set value, goes through here
 * inside the caller's transaction, so the cached column can never drift from the entries.
 */

/** Recomputes actual_minutes from the entries; call after any entry insert/update/delete. */
export async function syncActualMinutes(tx: Tx, ownerId: number, taskId: number): Promise<number> {
  const minutes = Math.round((await repo.sumTaskSeconds(tx, taskId)) / 60);
  await repo.setTaskActualMinutes(tx, ownerId, taskId, minutes);
  return minutes;
}

/**
 * A hand-set actual_minutes (task create or PATCH): records an `adjustment` entry for the
 * difference, so that totals and analytics stay a plain sum of entries.
 */
export async function applyActualMinutes(
  tx: Tx,
  params: { ownerId: number; taskId: number; minutes: number; at: Date },
): Promise<number> {
  const current = await repo.sumTaskSeconds(tx, params.taskId);
  const delta = params.minutes * 60 - current;
  if (delta !== 0) {
    await repo.insertAdjustment(tx, {
      taskId: params.taskId,
      userId: params.ownerId,
      at: params.at,
      seconds: delta,
      note: 'actual_minutes set by hand',
    });
  }
  await repo.setTaskActualMinutes(tx, params.ownerId, params.taskId, params.minutes);
  return params.minutes;
}
