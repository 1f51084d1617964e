import type { operations, Task, TaskPatch, TaskStatus } from '@devtrackr/client';
import type { Priority } from '@devtrackr/quick-add';
import type { CliContext } from '../context.js';
import { reportError, UsageError } from '../errors.js';
import { userCalendar, type Calendar } from '../lib/calendar.js';
import { formatMinutes } from '../lib/elapsed.js';
import { formatDateTime, formatDue, taskLabel } from '../lib/format.js';
import { taskIdOf } from '../lib/resolve-task.js';
import type { EditOptions } from './edit.js';
import type { TasksOptions } from './tasks.js';

type TaskSort = NonNullable<NonNullable<operations['listTasks']['parameters']['query']>['sort']>;

const STATUSES: readonly TaskStatus[] = ['todo', 'doing', 'done'];
const MAX_ID = 2_147_483_647;

/** A task id argument, or exit 2. */
function idArg(text: string): number {
  const id = taskIdOf(text);
  if (id === undefined) throw new UsageError(`${text} is not a task id (give a number, like 42)`);
  return id;
}

/** A positive integer option (ids, --limit), or exit 2; the API checks its own upper limits. */
function intOption(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > MAX_ID) {
    throw new UsageError(`${flag} ${text}: give a whole number from 1`);
  }
  return Number(trimmed);
}

const listOf = (text: string): string[] =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

/**
 * A due date typed as after `due:` (fri, 2026-03-20, "tomorrow 5pm") → its instant, or exit 2.
 * The grammar (and chrono) load only here, so a plain `devtrackr tasks` starts fast.
 */
async function dueOf(
  text: string,
  flag: string,
  calendar: Calendar,
  now: Date,
): Promise<{ value: string; allDay: boolean }> {
  const { parseDue } = await import('@devtrackr/quick-add');
  const due = parseDue(text, {
    now,
    timeZone: calendar.timeZone,
    weekStartsOn: calendar.weekStartsOn,
  });
  if ('error' in due) throw new UsageError(`${flag}: ${due.error}`);
  return due;
}

export async function tasks(ctx: CliContext, options: TasksOptions): Promise<void> {
  const client = await ctx.client();
  const calendar = await userCalendar(client);
  const status = options.all === true ? undefined : listOf(options.status ?? 'todo,doing');
  let dueBefore: string | undefined;
  if (options.dueBy !== undefined) {
    // "by friday" includes Friday: the API's due_before is exclusive, so the bound is the first
    // millisecond after a whole day, or just after the time given.
    const due = await dueOf(options.dueBy, '--due-by', calendar, ctx.io.now());
    dueBefore = new Date(Date.parse(due.value) + 1).toISOString();
  }
  const workspace = intOption(options.workspace, '--workspace');
  const project = intOption(options.project, '--project');
  const limit = intOption(options.limit, '--limit');
  const { data, response } = await client.GET('/tasks', {
    params: {
      query: {
        ...(status === undefined ? {} : { status }),
        ...(options.priority === undefined ? {} : { priority: listOf(options.priority) }),
        ...(options.category === undefined ? {} : { category: options.category }),
        ...(options.tag.length === 0 ? {} : { tag: options.tag }),
        ...(options.search === undefined ? {} : { q: options.search }),
        ...(dueBefore === undefined ? {} : { due_before: dueBefore }),
        ...(options.overdue === true ? { overdue: true } : {}),
        ...(workspace === undefined ? {} : { workspace_id: workspace }),
        ...(project === undefined ? {} : { project_id: project }),
        ...(options.assignee === undefined ? {} : { assignee_id: options.assignee }),
        ...(options.sort === undefined
          ? {}
          : // The API checks the value (422 naming the allowed ones).
            { sort: options.sort as TaskSort }),
        ...(limit === undefined ? {} : { limit }),
      },
    },
  });
  if (ctx.json) {
    ctx.out.json(data);
    return;
  }
  printTable(ctx, data, calendar);
  const total = Number(response.headers.get('x-total-count') ?? data.length);
  if (total > data.length) {
    ctx.out.line(ctx.out.c.dim(`${data.length} of ${total} shown; --limit shows more (up to 200)`));
  } else if (data.length === 0) {
    ctx.out.line(ctx.out.c.dim('No tasks.'));
  }
}

function printTable(ctx: CliContext, list: readonly Task[], calendar: Calendar): void {
  const { c } = ctx.out;
  const now = ctx.io.now().getTime();
  const rows = list.map((task) => {
    const overdue = task.status !== 'done' && task.due_at !== null && Date.parse(task.due_at) < now;
    const due = task.due_at === null ? '' : formatDue(task.due_at, calendar.timeZone);
    const time =
      task.estimated_minutes === null
        ? formatMinutes(task.actual_minutes)
        : `${formatMinutes(task.actual_minutes)} / ${formatMinutes(task.estimated_minutes)}`;
    return [
      String(task.id),
      task.timer_started_at === null ? task.status : `${task.status} ▶`,
      task.priority,
      task.title,
      task.category ?? '',
      overdue ? c.red(due) : due,
      time,
    ];
  });
  ctx.out.table(
    [
      { header: 'ID', align: 'right' },
      'STATUS',
      'PRIORITY',
      'TITLE',
      'CATEGORY',
      'DUE',
      { header: 'TRACKED / EST', align: 'right' },
    ],
    rows,
  );
}

export async function show(ctx: CliContext, idText: string): Promise<void> {
  const id = idArg(idText);
  const client = await ctx.client();
  const { data: task } = await client.GET('/tasks/{id}', { params: { path: { id } } });
  if (ctx.json) {
    ctx.out.json(task);
    return;
  }
  const { timeZone } = await userCalendar(client);
  const when = (iso: string | null): string => (iso === null ? '' : formatDateTime(iso, timeZone));
  const fields: [string, string][] = [
    ['Status', task.status],
    ['Priority', task.priority],
    ['Category', task.category ?? ''],
    ['Tags', task.tags.join(', ')],
    ['Due', task.due_at === null ? '' : formatDue(task.due_at, timeZone)],
    ['Estimate', task.estimated_minutes === null ? '' : formatMinutes(task.estimated_minutes)],
    ['Tracked', formatMinutes(task.actual_minutes)],
    ['Timer', task.timer_started_at === null ? '' : `running since ${when(task.timer_started_at)}`],
    ['Created', when(task.created_at)],
    ['Completed', when(task.completed_at)],
  ];
  ctx.out.line(ctx.out.c.bold(taskLabel(task)));
  for (const [name, value] of fields) {
    if (value !== '') ctx.out.line(`  ${`${name}:`.padEnd(11)}${value}`);
  }
  if (task.description !== null && task.description !== '') {
    ctx.out.line('');
    for (const line of task.description.split('\n')) ctx.out.line(`  ${line}`);
  }
}

type DoneResult =
  | { id: number; ok: true; task: Task }
  | {
      id: number;
      ok: false;
      error: { status: number; code: string; title: string; detail: string };
    };

export async function done(ctx: CliContext, idTexts: string[]): Promise<void> {
  // Every argument is checked before anything changes: a typo does not leave half the list done.
  const ids = idTexts.map(idArg);
  const client = await ctx.client();
  const results: DoneResult[] = [];
  for (const id of ids) {
    try {
      const { data: task } = await client.PATCH('/tasks/{id}', {
        params: { path: { id } },
        body: { status: 'done' },
      });
      results.push({ id, ok: true, task });
      if (!ctx.json) ctx.out.line(`Done ${ctx.out.c.bold(taskLabel(task))}`);
    } catch (error) {
      if (!ctx.json) ctx.out.warn(`#${id}:`);
      reportError(error, ctx);
      const problem = isProblemLike(error)
        ? { status: error.status, code: error.code, title: error.title, detail: error.detail }
        : { status: 0, code: 'internal', title: 'Failed', detail: String(error) };
      results.push({ id, ok: false, error: problem });
    }
  }
  if (ctx.json) ctx.out.json(results);
  if (results.some((result) => !result.ok)) ctx.exitCode = 1;
}

function isProblemLike(
  error: unknown,
): error is { status: number; code: string; title: string; detail: string } {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return typeof e.status === 'number' && typeof e.code === 'string' && typeof e.title === 'string';
}

export async function edit(ctx: CliContext, idText: string, options: EditOptions): Promise<void> {
  const id = idArg(idText);
  const patch: TaskPatch = {};
  if (options.title !== undefined) patch.title = options.title;
  if (options.description !== undefined) {
    patch.description = options.description === '' ? null : options.description;
  }
  if (options.status !== undefined) {
    if (!STATUSES.includes(options.status as TaskStatus)) {
      throw new UsageError(`--status ${options.status}: use ${STATUSES.join(', ')}`);
    }
    patch.status = options.status as TaskStatus;
  }
  if (options.priority !== undefined) {
    const { PRIORITIES } = await import('@devtrackr/quick-add');
    if (!(PRIORITIES as readonly string[]).includes(options.priority)) {
      throw new UsageError(`--priority ${options.priority}: use ${PRIORITIES.join(', ')}`);
    }
    patch.priority = options.priority as Priority;
  }
  if (options.category !== undefined) {
    patch.category = options.category.trim() === '' ? null : options.category;
  }
  if (options.tags !== undefined) patch.tags = listOf(options.tags);
  if (options.estimate !== undefined) {
    if (options.estimate.trim() === '') {
      patch.estimated_minutes = null;
    } else {
      const { parseDuration } = await import('../lib/duration.js');
      const estimate = parseDuration(options.estimate);
      if ('error' in estimate) throw new UsageError(`--estimate: ${estimate.error}`);
      patch.estimated_minutes = estimate.minutes;
    }
  }
  const client = await ctx.client();
  if (options.due !== undefined) {
    patch.due_at =
      options.due.trim() === ''
        ? null
        : (await dueOf(options.due, '--due', await userCalendar(client), ctx.io.now())).value;
  }
  if (Object.keys(patch).length === 0) {
    throw new UsageError(
      'nothing to change: give at least one of --title, --status, --priority, …',
    );
  }
  // No If-Match: the API makes it optional, and only the fields given are sent, so another
  // client's change to other fields is kept.
  const { data: task } = await client.PATCH('/tasks/{id}', {
    params: { path: { id } },
    body: patch,
  });
  if (ctx.json) {
    ctx.out.json(task);
    return;
  }
  ctx.out.line(`Changed ${ctx.out.c.bold(taskLabel(task))}: ${Object.keys(patch).join(', ')}`);
}
