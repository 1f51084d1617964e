import type { Task, TimerState } from '@devtrackr/client';

/** The running timer as the app shows it; null when none runs. */
export interface RunningTimer {
  taskId: number;
  taskTitle: string;
  /** RFC 3339 instant; elapsed time is always now − this, never wall-clock arithmetic. */
  startedAt: string;
}

/** Query key of the running timer (GET /timer). */
export const timerKey = ['timer'] as const;

/** GET /timer's answer as a RunningTimer (`running: false` carries only nulls). */
export function fromTimerState(state: TimerState): RunningTimer | null {
  if (!state.running || state.task === null || state.started_at === null) return null;
  return { taskId: state.task.id, taskTitle: state.task.title, startedAt: state.started_at };
}

/** start-timer answers with the task: its `timer_started_at` is the new timer's start. */
export function fromStartedTask(task: Task): RunningTimer | null {
  if (task.timer_started_at === null) return null;
  return { taskId: task.id, taskTitle: task.title, startedAt: task.timer_started_at };
}

/**
 * A RunningTimer (or null) from untyped data, else undefined. Messages from other tabs are
 * checked rather than trusted: another version of the app may be open in an old tab.
 */
export function parseRunningTimer(value: unknown): RunningTimer | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object') return undefined;
  const { taskId, taskTitle, startedAt } = value as Record<string, unknown>;
  if (typeof taskId !== 'number' || !Number.isInteger(taskId)) return undefined;
  if (typeof taskTitle !== 'string' || typeof startedAt !== 'string') return undefined;
  if (Number.isNaN(Date.parse(startedAt))) return undefined;
  return { taskId, taskTitle, startedAt };
}
