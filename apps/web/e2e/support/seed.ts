import type { DevTrackrClient, NewTask, Task } from '@devtrackr/client';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Tasks of every status, priority and a few categories: enough for every chart to draw. Five are
 * done with an estimate and tracked time, the API's minimum sample for its estimate model, and
 * two open ones have estimates, so the forecast has something to forecast.
 */
const TASKS: readonly NewTask[] = [
  {
    title: 'Fix login redirect',
    category: 'backend',
    priority: 'high',
    status: 'doing',
    estimated_minutes: 45,
    tags: ['auth'],
  },
  {
    title: 'Write release notes',
    category: 'docs',
    priority: 'medium',
    status: 'done',
    estimated_minutes: 30,
  },
  {
    title: 'Upgrade Node in CI',
    category: 'infra',
    priority: 'urgent',
    status: 'done',
    estimated_minutes: 120,
  },
  { title: 'Review PR 42', category: 'backend', priority: 'low', estimated_minutes: 20 },
  {
    title: 'Add rate-limit headers',
    category: 'backend',
    priority: 'high',
    status: 'done',
    estimated_minutes: 60,
  },
  {
    title: 'Fix the flaky date test',
    category: 'backend',
    status: 'done',
    estimated_minutes: 30,
  },
  {
    title: 'Document the export API',
    category: 'docs',
    priority: 'low',
    status: 'done',
    estimated_minutes: 45,
  },
];

/** Tracked time per task (by index in TASKS): [days ago, start hour (UTC), minutes]. */
const ENTRIES: readonly (readonly [
  task: number,
  daysAgo: number,
  hour: number,
  minutes: number,
])[] = [
  [0, 1, 8, 50],
  [0, 3, 13, 25],
  [1, 2, 9, 40],
  [2, 4, 7, 95],
  [2, 5, 14, 60],
  [3, 6, 10, 15],
];

/**
 * Gives a user a week of work through the API: the tasks above and time entries on the days
 * before today (all in the past, none overlapping), so the dashboard, the board and the week
 * view have something to show. Returns the tasks as the API created them.
 */
export async function seedWork(api: DevTrackrClient): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const body of TASKS) tasks.push((await api.POST('/tasks', { body })).data);
  const midnight = Math.floor(Date.now() / DAY) * DAY;
  for (const [index, daysAgo, hour, minutes] of ENTRIES) {
    const task = tasks[index];
    if (task === undefined) throw new Error(`seed: no task ${index}`);
    const start = midnight - daysAgo * DAY + hour * HOUR;
    await api.POST('/tasks/{id}/time-entries', {
      params: { path: { id: task.id } },
      body: {
        started_at: new Date(start).toISOString(),
        ended_at: new Date(start + minutes * MINUTE).toISOString(),
      },
    });
  }
  return tasks;
}
