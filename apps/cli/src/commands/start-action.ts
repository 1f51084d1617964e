import type { DevTrackrClient, TimerState } from '@devtrackr/client';
import type { CliContext } from '../context.js';
import { CliError, isApiError, UsageError } from '../errors.js';
import { calendarOf, thisWeek } from '../lib/calendar.js';
import { formatElapsed, formatMinutes } from '../lib/elapsed.js';
import { formatDateTime, taskLabel } from '../lib/format.js';
import { matchOf, taskRefOf } from '../lib/resolve-task.js';

interface TaskName {
  id: number;
  title: string;
}

/** How many matches a search lists before "and N more". */
const LISTED_MATCHES = 20;

/**
 * The task `text` names: an id as is (the API answers 404 for a missing task or someone else's),
 * or the one open task (status not done) whose title or description contains the words. Several
 * matches are listed and exit 2; none exits 1.
 */
export async function resolveTask(
  client: DevTrackrClient,
  text: string,
): Promise<TaskName | number> {
  const ref = taskRefOf(text);
  if ('id' in ref) return ref.id;
  const { data, response } = await client.GET('/tasks', {
    params: { query: { q: ref.search, status: ['todo', 'doing'], limit: LISTED_MATCHES } },
  });
  const match = matchOf(data);
  if (match.kind === 'one') return match.task;
  if (match.kind === 'none') {
    throw new CliError(`no open task matches "${ref.search}"`, 1, 'no_match');
  }
  const total = Number(response.headers.get('x-total-count') ?? match.tasks.length);
  const lines = match.tasks.map((task) => `  ${taskLabel(task)}`);
  if (total > match.tasks.length) lines.push(`  … and ${total - match.tasks.length} more`);
  throw new UsageError(
    `${total} open tasks match "${ref.search}"; give the id of one:\n${lines.join('\n')}`,
    'ambiguous',
  );
}

const runningTask = (timer: TimerState): TaskName | undefined =>
  timer.running && timer.task !== null ? timer.task : undefined;

export async function start(
  ctx: CliContext,
  text: string,
  options: { new?: string },
): Promise<void> {
  const wanted = text.trim();
  if (options.new !== undefined && wanted !== '') {
    throw new UsageError('give a task or --new "quick-add line", not both');
  }
  if (options.new === undefined && wanted === '') {
    throw new UsageError('which task? give its id, words of its title, or --new "quick-add line"');
  }
  const client = await ctx.client();
  const target =
    options.new === undefined
      ? await resolveTask(client, wanted)
      : // Only --new needs the quick-add grammar (and chrono): status and stop never load it.
        (await (await import('./add-action.js')).createFromLine(ctx, client, options.new)).task;
  const id = typeof target === 'number' ? target : target.id;
  const before = (await client.GET('/timer')).data;
  const previous = runningTask(before);

  let alreadyRunning = false;
  try {
    await client.POST('/tasks/{id}/start-timer', { params: { path: { id } } });
  } catch (error) {
    // Running on this very task already (perhaps started elsewhere): what was asked is true.
    if (!isApiError(error) || error.code !== 'timer_already_running') throw error;
    alreadyRunning = true;
  }
  const after = (await client.GET('/timer')).data;
  const task = runningTask(after) ?? { id, title: typeof target === 'number' ? '' : target.title };
  const switchedFrom = previous !== undefined && previous.id !== id ? previous : undefined;

  if (ctx.json) {
    ctx.out.json({
      task_id: task.id,
      title: task.title,
      started_at: after.started_at,
      already_running: alreadyRunning,
      switched_from:
        switchedFrom === undefined
          ? null
          : {
              task_id: switchedFrom.id,
              title: switchedFrom.title,
              elapsed_seconds: before.elapsed_seconds,
            },
    });
    return;
  }
  const { c } = ctx.out;
  if (switchedFrom !== undefined) {
    ctx.out.line(
      `Stopped ${taskLabel(switchedFrom)} after ${formatElapsed(before.elapsed_seconds ?? 0)}`,
    );
  }
  ctx.out.line(
    alreadyRunning
      ? `Already running on ${c.bold(taskLabel(task))} (${formatElapsed(after.elapsed_seconds ?? 0)})`
      : `Started ${c.bold(taskLabel(task))}`,
  );
}

export async function stop(ctx: CliContext): Promise<void> {
  const client = await ctx.client();
  const timer = (await client.GET('/timer')).data;
  const running = runningTask(timer);
  if (running === undefined) throw new CliError('no timer is running', 1, 'timer_not_running');
  const { data: task } = await client.POST('/tasks/{id}/stop-timer', {
    params: { path: { id: running.id } },
  });
  if (ctx.json) {
    ctx.out.json({
      task_id: task.id,
      title: task.title,
      started_at: timer.started_at,
      elapsed_seconds: timer.elapsed_seconds,
      actual_minutes: task.actual_minutes,
    });
    return;
  }
  ctx.out.line(
    `Stopped ${ctx.out.c.bold(taskLabel(task))} after ${formatElapsed(timer.elapsed_seconds ?? 0)}` +
      ` (${formatMinutes(task.actual_minutes)} on it in all)`,
  );
}

export async function status(ctx: CliContext): Promise<void> {
  const client = await ctx.client();
  // The API sums: today from the summary of one local day, the week from /metrics/weekly, both
  // in the profile's zone and week, a running timer counted up to now.
  const [timer, today, week] = await Promise.all([
    client.GET('/timer').then((r) => r.data),
    client.GET('/metrics/summary', { params: { query: { days: 1 } } }).then((r) => r.data),
    thisWeek(client),
  ]);
  const calendar = calendarOf(week);
  const current = week.weeks.at(-1);
  const running = runningTask(timer);
  const todayMinutes = today.tracked_minutes;
  const weekMinutes = current?.tracked_minutes ?? 0;
  if (ctx.json) {
    ctx.out.json({
      running: timer.running,
      task: running === undefined ? null : { id: running.id, title: running.title },
      started_at: timer.started_at,
      elapsed_seconds: timer.elapsed_seconds,
      today_minutes: todayMinutes,
      week_minutes: weekMinutes,
      today: today.period.to,
      week_from: current?.from ?? null,
      time_zone: calendar.timeZone,
      week_start: calendar.weekStart,
    });
    return;
  }
  const { c } = ctx.out;
  if (running === undefined) {
    ctx.out.line(c.dim('No timer running.'));
  } else {
    const since =
      timer.started_at === null
        ? ''
        : ` since ${formatDateTime(timer.started_at, calendar.timeZone)}`;
    ctx.out.line(
      `${c.green('▶')} ${c.bold(taskLabel(running))}  ${formatElapsed(timer.elapsed_seconds ?? 0)}${c.dim(since)}`,
    );
  }
  ctx.out.line(`Today      ${formatMinutes(todayMinutes)}`);
  ctx.out.line(
    `This week  ${formatMinutes(weekMinutes)}${c.dim(` (from ${current?.from ?? '?'}, ${calendar.timeZone})`)}`,
  );
}
