import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { userCalendar } from '../lib/calendar.js';
import { parseDuration } from '../lib/duration.js';
import { formatMinutes } from '../lib/elapsed.js';
import { formatDateTime } from '../lib/format.js';
import { taskIdOf } from '../lib/resolve-task.js';
import { parseWhen } from '../lib/when.js';
import type { LogOptions } from './log.js';

const MINUTE_MS = 60_000;

/**
 * Creates a manual entry. It starts at --at and lasts DURATION, or ends now. Overlaps, future
 * times and entries over 24 h are the API's to refuse: its problem (title, detail, code) is
 * printed and the exit code is 1.
 */
export async function log(
  ctx: CliContext,
  durationText: string,
  options: LogOptions,
): Promise<void> {
  const duration = parseDuration(durationText);
  if ('error' in duration) throw new UsageError(duration.error);
  let taskId: number | undefined;
  if (options.task !== undefined) {
    taskId = taskIdOf(options.task);
    if (taskId === undefined)
      throw new UsageError(`--task ${options.task}: give a task id, like 42`);
  }
  const client = await ctx.client();
  if (taskId === undefined) {
    const { data: timer } = await client.GET('/timer');
    if (!timer.running || timer.task === null) {
      throw new UsageError('which task? give --task ID (no timer is running to log on)');
    }
    taskId = timer.task.id;
  }
  const calendar = await userCalendar(client);
  const now = ctx.io.now();
  let startMs: number;
  if (options.at === undefined) {
    startMs = now.getTime() - duration.minutes * MINUTE_MS;
  } else {
    const when = parseWhen(options.at, { now, timeZone: calendar.timeZone });
    if ('error' in when) throw new UsageError(when.error);
    startMs = when.at.getTime();
  }
  const endMs = startMs + duration.minutes * MINUTE_MS;
  const { data: entry } = await client.POST('/tasks/{id}/time-entries', {
    params: { path: { id: taskId } },
    body: {
      started_at: new Date(startMs).toISOString(),
      ended_at: new Date(endMs).toISOString(),
      ...(options.note === undefined ? {} : { note: options.note }),
    },
  });
  if (ctx.json) {
    ctx.out.json(entry);
    return;
  }
  const from = formatDateTime(entry.started_at, calendar.timeZone);
  const to = entry.ended_at === null ? '' : formatDateTime(entry.ended_at, calendar.timeZone);
  ctx.out.line(
    `Logged ${ctx.out.c.bold(formatMinutes(duration.minutes))} on #${entry.task_id}: ${from} – ${to}`,
  );
}
