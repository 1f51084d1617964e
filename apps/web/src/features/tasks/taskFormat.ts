import type { Task } from '@devtrackr/client';
import { formatDate, formatDateTime, formatDuration } from '../../lib/format';
import { isAllDay } from './zoned';

/**
 * A due instant as a person reads it in their zone: the date alone when it is the end of a day
 * (a due date given without a time), else the date and time.
 */
export function formatDue(dueAt: string, timeZone: string, locale?: string): string {
  return isAllDay(dueAt, timeZone)
    ? formatDate(dueAt, timeZone, locale)
    : formatDateTime(dueAt, timeZone, locale);
}

/** Past its due instant and not done: what the API's `overdue=true` means. */
export function isOverdue(task: Pick<Task, 'due_at' | 'status'>, now: number): boolean {
  return task.status !== 'done' && task.due_at !== null && Date.parse(task.due_at) < now;
}

/** "1 h 10 min of 45 min", "20 min tracked", "45 min estimated", or '' when neither is set. */
export function timeSummary(task: Pick<Task, 'estimated_minutes' | 'actual_minutes'>): string {
  const { estimated_minutes: estimate, actual_minutes: actual } = task;
  if (estimate !== null) return `${formatDuration(actual)} of ${formatDuration(estimate)}`;
  return actual > 0 ? `${formatDuration(actual)} tracked` : '';
}

/** More time tracked than estimated. */
export function isOverEstimate(task: Pick<Task, 'estimated_minutes' | 'actual_minutes'>): boolean {
  return task.estimated_minutes !== null && task.actual_minutes > task.estimated_minutes;
}
