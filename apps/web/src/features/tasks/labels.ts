import type { TaskPriority, TaskStatus } from '@devtrackr/client';

// What people read for the API's enum values, in the order the UI lists them. Kept in one
// place so the list, the board, the bulk bar and the detail form always agree.

export const STATUSES = ['todo', 'doing', 'done'] as const satisfies readonly TaskStatus[];
export const PRIORITIES = [
  'urgent',
  'high',
  'medium',
  'low',
] as const satisfies readonly TaskPriority[];

export const STATUS_LABEL: Record<TaskStatus, string> = {
  todo: 'To do',
  doing: 'Doing',
  done: 'Done',
};

export const PRIORITY_LABEL: Record<TaskPriority, string> = {
  urgent: 'Urgent',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const STATUS_OPTIONS = STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }));
export const PRIORITY_OPTIONS = PRIORITIES.map((value) => ({
  value,
  label: PRIORITY_LABEL[value],
}));

export function isStatus(value: string): value is TaskStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export function isPriority(value: string): value is TaskPriority {
  return (PRIORITIES as readonly string[]).includes(value);
}
