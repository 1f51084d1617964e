import type { QueryClient } from '@tanstack/react-query';

/** Query keys of time entries: ['time-entries'] holds every list (a task's, a week's). */
export const timeEntryKeys = {
  all: ['time-entries'] as const,
  ofTask: (taskId: number) => ['time-entries', 'task', taskId] as const,
  range: (from: string, to: string, timeZone: string) =>
    ['time-entries', 'range', { from, to, timeZone }] as const,
};

/**
 * Tracked time changed (a timer started or stopped, an entry logged, edited or deleted): the
 * entries, the tasks' `actual_minutes` (lists and the touched tasks' details) and the
 * dashboard's figures are all out of date. One place, so no caller forgets one of them.
 */
export function invalidateTrackedTime(
  queryClient: QueryClient,
  taskIds: readonly (number | undefined)[] = [],
): void {
  void queryClient.invalidateQueries({ queryKey: timeEntryKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['tasks'] });
  void queryClient.invalidateQueries({ queryKey: ['metrics'] });
  for (const id of new Set(taskIds)) {
    if (id !== undefined) void queryClient.invalidateQueries({ queryKey: ['task', id] });
  }
}
