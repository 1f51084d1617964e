import { createClient, type DevTrackrClient, type Task } from '@devtrackr/client';
import { expect } from 'vitest';
import { PERSONAL_TOKEN } from './tokens.js';
import { baseURL } from './provided.js';

// What the two main-path tests (mouse and keyboard) do and check, shared so the two differ only
// in how the person drives the app. Every check asks the API what the page did.

/** The browser's zone (fixtures.ts), which registration makes the profile's. */
export const ZONE = 'Europe/Paris';

/** Three quick-add lines and the tasks the API must then hold (issue 14 §3's example first). */
export const QUICK_ADD = [
  {
    line: 'Fix login redirect #backend !high due:fri ~45m',
    task: { title: 'Fix login redirect', category: 'backend', priority: 'high', estimate: 45 },
    chips: ['Title Fix login redirect', 'Category backend', 'Priority High', 'Estimate 45 min'],
  },
  {
    line: 'Write release notes #docs ~30m',
    task: { title: 'Write release notes', category: 'docs', priority: 'medium', estimate: 30 },
    chips: ['Title Write release notes', 'Category docs', 'Estimate 30 min'],
  },
  {
    line: 'Review PR 42 #backend !low ~20m',
    task: { title: 'Review PR 42', category: 'backend', priority: 'low', estimate: 20 },
    chips: ['Title Review PR 42', 'Category backend', 'Priority Low', 'Estimate 20 min'],
  },
] as const;

export const [FIRST, SECOND, THIRD] = QUICK_ADD.map(({ task }) => task.title) as [
  string,
  string,
  string,
];

/** The entry logged by hand on the week view, then edited: 09:00–09:45, then to 10:15. */
export const MANUAL = { start: '09:00', end: '09:45', editedEnd: '10:15', minutes: 75 } as const;

const weekday = (instant: Date | string) =>
  new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: ZONE }).format(new Date(instant));

/** Every task of the user, by title. */
export async function tasksByTitle(api: DevTrackrClient): Promise<Map<string, Task>> {
  const tasks: Task[] = [];
  for await (const task of api.paginate('/tasks')) tasks.push(task);
  return new Map(tasks.map((task) => [task.title, task]));
}

/** The three lines became these tasks; "due:fri" is a Friday in the profile's zone, this week. */
export async function expectQuickAddedTasks(api: DevTrackrClient): Promise<Map<string, Task>> {
  const tasks = await tasksByTitle(api);
  expect([...tasks.keys()].sort()).toEqual(QUICK_ADD.map(({ task }) => task.title).sort());
  for (const { task } of QUICK_ADD) {
    expect(tasks.get(task.title)).toMatchObject({
      category: task.category,
      priority: task.priority,
      estimated_minutes: task.estimate,
      status: 'todo',
    });
  }
  const due = tasks.get(FIRST)?.due_at ?? null;
  expect(due).not.toBeNull();
  expect(weekday(due ?? '')).toBe('Friday');
  const ahead = new Date(due ?? '').getTime() - Date.now();
  expect(ahead).toBeGreaterThan(-1);
  expect(ahead).toBeLessThan(8 * 24 * 3_600_000);
  return tasks;
}

/** The API's timer: the running task's id, or null. */
export async function runningTaskId(api: DevTrackrClient): Promise<number | null> {
  const { data } = await api.GET('/timer');
  return data.running ? (data.task?.id ?? null) : null;
}

/** A task's time entries as the API lists them. */
export async function entriesOf(api: DevTrackrClient, task: Task) {
  const { data } = await api.GET('/tasks/{id}/time-entries', {
    params: { path: { id: task.id }, query: { limit: 200, offset: 0 } },
  });
  return data;
}

/**
 * The day to log time on: yesterday in the profile's zone (always fully in the past, so the
 * API's "not in the future" rule never depends on the hour the suite runs at), and whether it
 * lies in the week before this one (today is the first day of a Monday week).
 */
export function yesterday(): { day: string; label: string; previousWeek: boolean } {
  const parts = (instant: Date) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(instant);
  const today = parts(new Date());
  // Noon UTC of today's local date, minus a day: yesterday's date whatever the zone's offset.
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  const iso = day.toISOString().slice(0, 10);
  const label = new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(day);
  return { day: iso, label, previousWeek: weekday(new Date()) === 'Monday' };
}

/** The personal access token works, with the scope it was given (tasks:read only). */
export async function expectTokenWorks(token: string, titles: readonly string[]): Promise<void> {
  expect(token).toMatch(new RegExp(`^${PERSONAL_TOKEN.source}$`));
  const script = createClient({ baseUrl: baseURL(), token });
  const { data } = await script.GET('/tasks');
  expect(data.map((task) => task.title).sort()).toEqual([...titles].sort());
  // Read-only: the same token cannot create a task.
  await expect(script.POST('/tasks', { body: { title: 'Not allowed' } })).rejects.toMatchObject({
    status: 403,
  });
}
