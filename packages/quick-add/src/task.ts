import type { QuickAddResult } from './types.js';

/**
 * The body of `POST /tasks` a quick-add line describes: the result's fields without the chips and
 * errors. Not the SDK's `NewTask`, so the grammar stays free of the SDK; it is assignable to it.
 */
export type QuickAddTask = Pick<
  QuickAddResult,
  'title' | 'category' | 'tags' | 'priority' | 'due_at' | 'estimated_minutes'
>;

/**
 * The fields of `POST /tasks` the line set; the others are left to the API's defaults. The web
 * app's quick-add field and `devtrackr add` both send exactly this, so the two never disagree.
 * Call it only when `parsed.errors` is empty: a line with errors is not meant to be sent.
 */
export function toNewTask(parsed: QuickAddResult): QuickAddTask {
  const task: QuickAddTask = { title: parsed.title };
  if (parsed.category !== undefined) task.category = parsed.category;
  if (parsed.tags !== undefined) task.tags = parsed.tags;
  if (parsed.priority !== undefined) task.priority = parsed.priority;
  if (parsed.due_at !== undefined) task.due_at = parsed.due_at;
  if (parsed.estimated_minutes !== undefined) task.estimated_minutes = parsed.estimated_minutes;
  return task;
}
