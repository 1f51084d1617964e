import type { DevTrackrClient, Task } from '@devtrackr/client';
import { parseQuickAdd, toNewTask, type QuickAddResult } from '@devtrackr/quick-add';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { userCalendar, type Calendar } from '../lib/calendar.js';
import { formatMinutes } from '../lib/elapsed.js';
import { formatDue, taskLabel } from '../lib/format.js';

/**
 * Where a quick-add line went wrong: the line, then a caret line under each word the grammar
 * refused with its message, so the user sees which word to fix.
 */
function explain(line: string, parsed: QuickAddResult): string {
  const notes = parsed.errors.map((error) => {
    const pad = ' '.repeat(error.start);
    const carets = '^'.repeat(Math.max(1, error.end - error.start));
    return `  ${pad}${carets} ${error.message}`;
  });
  return `the line has ${parsed.errors.length === 1 ? 'an error' : 'errors'}; nothing was added:\n  ${line}\n${notes.join('\n')}`;
}

/** Parses `line` in the profile's zone and week and creates the task (exit 2 on parse errors). */
export async function createFromLine(
  ctx: CliContext,
  client: DevTrackrClient,
  line: string,
): Promise<{ task: Task; calendar: Calendar }> {
  const calendar = await userCalendar(client);
  const parsed = parseQuickAdd(line, {
    now: ctx.io.now(),
    timeZone: calendar.timeZone,
    weekStartsOn: calendar.weekStartsOn,
  });
  if (parsed.errors.length > 0) throw new UsageError(explain(line, parsed), 'quick_add_invalid');
  const { data } = await client.POST('/tasks', { body: toNewTask(parsed) });
  return { task: data, calendar };
}

export async function add(ctx: CliContext, line: string): Promise<void> {
  const client = await ctx.client();
  const { task, calendar } = await createFromLine(ctx, client, line);
  if (ctx.json) {
    ctx.out.json(task);
    return;
  }
  const details = [
    task.category === null ? undefined : `#${task.category}`,
    ...task.tags.map((tag) => `@${tag}`),
    `!${task.priority}`,
    task.due_at === null ? undefined : `due ${formatDue(task.due_at, calendar.timeZone)}`,
    task.estimated_minutes === null ? undefined : `~${formatMinutes(task.estimated_minutes)}`,
  ].filter((part) => part !== undefined);
  ctx.out.line(`Added ${ctx.out.c.bold(taskLabel(task))}  ${ctx.out.c.dim(details.join(' '))}`);
}
