import { isUniqueViolation } from '../../db/errors.js';
import type { Db, Tx } from '../../db/types.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, notFound } from '../../shared/errors.js';
import { syncActualMinutes } from '../ledger/ledger.service.js';
import { findTaskForCaller, type TaskRow } from '../tasks/tasks.repository.js';
import type { Caller } from '../workspaces/access.service.js';
import { authorize } from '../workspaces/workspaces.policy.js';
import type { TimerResponse } from './time.schemas.js';
import * as repo from './time.repository.js';
import type { TimeEntryRow } from './time.repository.js';

/** The partial unique index that holds one running timer per user (db/schema/time-entries.ts). */
const RUNNING_INDEX = 'time_entries_one_running_per_user';

/**
 * Ends a running entry at `now` and credits its task. The entry's task is locked before the
 * entry is touched (same order as a task delete: task, then its entries), and the entry is read
 * again under that lock, because a concurrent delete of the task may have removed it meanwhile.
 * An entry that would end at or before its start (the clock moved back) is dropped: it holds no
 * time, and the database refuses an empty interval.
 */
export async function finishRunningEntry(
  tx: Tx,
  userId: number,
  running: TimeEntryRow,
  now: Date,
): Promise<void> {
  await repo.lockTaskById(tx, running.taskId);
  const current = await repo.findRunningEntry(tx, userId);
  if (current?.id !== running.id) return;
  if (now.getTime() > current.startedAt.getTime()) {
    await repo.updateEntry(tx, current.id, { endedAt: now });
  } else {
    await repo.deleteEntry(tx, current.id);
  }
  await syncActualMinutes(tx, userId, current.taskId, now);
}

/** Timers: at most one running entry per user, switched atomically between tasks. */
export class TimerService {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
  ) {}

  /**
   * Starts a timer on the task, first stopping (and crediting) a timer running on another task,
   * all in one transaction. Writes of one user are serialized by a lock on the user's row; the
   * partial unique index is the last line of defence, and a violation of it (a writer that did
   * not take the lock) is retried once, then answered as a 409.
   */
  async start(caller: Caller, taskId: number): Promise<TaskRow> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.startIn(tx, caller, taskId));
      } catch (err) {
        if (!isUniqueViolation(err, RUNNING_INDEX)) throw err;
        if (attempt >= 2) {
          throw new AppError('timer_already_running', {
            detail: 'Another timer was started at the same moment; try again.',
          });
        }
      }
    }
  }

  private async startIn(tx: Tx, caller: Caller, taskId: number): Promise<TaskRow> {
    const { userId } = caller;
    await repo.lockUser(tx, userId);
    const task = await repo.lockTaskAccess(tx, caller, taskId);
    if (!task) throw notFound('Task not found.');
    authorize(task.role, 'tasks.write');
    const now = this.clock();
    const running = await repo.findRunningEntry(tx, userId);
    if (running?.taskId === taskId) {
      throw new AppError('timer_already_running', {
        detail: `A timer has been running on this task since ${running.startedAt.toISOString()}.`,
        extensions: { started_at: running.startedAt.toISOString() },
      });
    }
    if (running) await finishRunningEntry(tx, userId, running, now);
    await repo.insertEntry(tx, {
      workspaceId: task.workspaceId,
      taskId,
      userId,
      startedAt: now,
      endedAt: null,
      source: 'timer',
      note: null,
    });
    await syncActualMinutes(tx, userId, taskId, now);
    return this.reread(tx, caller, taskId);
  }

  /**
   * Stops the caller's timer running on this task and credits its time. Any member may stop their
   * own timer (a viewer demoted while it ran too): it only ends what they started.
   */
  async stop(caller: Caller, taskId: number): Promise<TaskRow> {
    const { userId } = caller;
    return this.db.transaction(async (tx) => {
      await repo.lockUser(tx, userId);
      if (!(await repo.lockTaskAccess(tx, caller, taskId))) throw notFound('Task not found.');
      const running = await repo.findRunningEntry(tx, userId);
      if (running?.taskId !== taskId) {
        throw new AppError('timer_not_running', {
          detail: 'No timer is running on this task.',
        });
      }
      await finishRunningEntry(tx, userId, running, this.clock());
      return this.reread(tx, caller, taskId);
    });
  }

  /** The task as the tasks API shows it (with timer_started_at), read inside the transaction. */
  private async reread(tx: Tx, caller: Caller, taskId: number): Promise<TaskRow> {
    const row = await findTaskForCaller(tx, caller, taskId);
    if (!row) throw notFound('Task not found.');
    return row;
  }

  async current(caller: Caller): Promise<TimerResponse> {
    const found = await repo.findRunningTimer(this.db, caller);
    if (!found) {
      return {
        running: false,
        entry_id: null,
        started_at: null,
        elapsed_seconds: null,
        note: null,
        task: null,
      };
    }
    const elapsedMs = this.clock().getTime() - found.entry.startedAt.getTime();
    return {
      running: true,
      entry_id: found.entry.id,
      started_at: found.entry.startedAt.toISOString(),
      elapsed_seconds: Math.max(0, Math.floor(elapsedMs / 1000)),
      note: found.entry.note,
      task: found.task,
    };
  }
}
