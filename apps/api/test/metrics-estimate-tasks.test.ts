import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks as tasksTable } from '../src/db/schema/index.js';
import { EFFICIENCY_TASKS_LIMIT } from '../src/modules/metrics/metrics.schemas.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addTask } from './helpers/metrics-fixtures.js';
import { personalWorkspaceId } from './helpers/workspaces.js';

// The `tasks` list of /metrics/time-efficiency: the efficiency sample itself (done, completed in
// the period, estimate > 0 and actual > 0), newest completion first, ties by id descending,
// capped at 500 with `tasks_total`. Expected values are written out from the fixtures.
const clock = manualClock(new Date('2026-03-20T12:00:00Z'));
const PERIOD = 'from=2026-03-01&to=2026-03-20';
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

interface Listed {
  tasks: { task_id: number; title: string }[];
  tasks_total: number;
  overall: { tasks: number };
}

async function efficiency(user: TestUser): Promise<Listed> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/metrics/time-efficiency?${PERIOD}`,
    headers: user.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Listed>();
}

describe('the sample, task by task', () => {
  let u: TestUser;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    u = await createUser(t.app, { timezone: 'UTC' });
    const add = async (key: string, f: Parameters<typeof addTask>[2]) => {
      ids[key] = await addTask(t.app, u.id, { title: key, ...f });
    };
    const createdAt = '2026-02-25T08:00:00Z';
    await add('Parser', {
      category: 'backend',
      estimated: 60,
      actual: 66,
      createdAt,
      completedAt: '2026-03-03T09:00:00Z',
    });
    await add('Login fix', {
      estimated: 30,
      actual: 45,
      createdAt,
      completedAt: '2026-03-05T14:00:00Z',
    });
    // Two completed at the same instant: the later id is listed first.
    await add('Chart', {
      category: 'frontend',
      estimated: 100,
      actual: 80,
      createdAt,
      completedAt: '2026-03-10T12:00:00Z',
    });
    await add('Legend', {
      category: 'frontend',
      estimated: 20,
      actual: 20,
      createdAt,
      completedAt: '2026-03-10T12:00:00Z',
    });
    // Outside the sample: no estimate; no tracked time; not done; done before the period.
    await add('No estimate', { actual: 30, createdAt, completedAt: '2026-03-06T10:00:00Z' });
    await add('No time', { estimated: 50, createdAt, completedAt: '2026-03-07T10:00:00Z' });
    await add('Open', { status: 'doing', estimated: 40, actual: 30, createdAt });
    await add('Earlier', {
      estimated: 10,
      actual: 10,
      createdAt,
      completedAt: '2026-02-27T10:00:00Z',
    });

    // Another user's measurable tasks, completed in the period and later than all of u's.
    const other = await createUser(t.app, { timezone: 'UTC' });
    for (const day of ['11', '15', '19']) {
      await addTask(t.app, other.id, {
        title: `Theirs ${day}`,
        estimated: 25,
        actual: 35,
        createdAt,
        completedAt: `2026-03-${day}T10:00:00Z`,
      });
    }
  });

  it('lists exactly the tasks the figures count, newest first, and no other user’s', async () => {
    const body = await efficiency(u);
    expect(body.tasks).toEqual([
      {
        task_id: ids.Legend,
        title: 'Legend',
        category: 'frontend',
        estimated_minutes: 20,
        actual_minutes: 20,
      },
      {
        task_id: ids.Chart,
        title: 'Chart',
        category: 'frontend',
        estimated_minutes: 100,
        actual_minutes: 80,
      },
      {
        task_id: ids['Login fix'],
        title: 'Login fix',
        category: 'uncategorized',
        estimated_minutes: 30,
        actual_minutes: 45,
      },
      {
        task_id: ids.Parser,
        title: 'Parser',
        category: 'backend',
        estimated_minutes: 60,
        actual_minutes: 66,
      },
    ]);
    expect(body.tasks_total).toBe(4);
    expect(body.overall.tasks).toBe(4);
  });
});

describe('the cap', () => {
  it(`lists the newest ${EFFICIENCY_TASKS_LIMIT} and counts them all`, async () => {
    const u = await createUser(t.app, { timezone: 'UTC' });
    const n = EFFICIENCY_TASKS_LIMIT + 2;
    // Task i completed i minutes after 1 March 00:00Z, so task n − 1 is the newest.
    const start = Date.parse('2026-03-01T00:00:00Z');
    const workspaceId = await personalWorkspaceId(t.app.database.db, u.id);
    await t.app.database.db.insert(tasksTable).values(
      Array.from({ length: n }, (_, i) => ({
        workspaceId,
        ownerId: u.id,
        title: `Task ${i}`,
        status: 'done' as const,
        estimatedMinutes: 10,
        actualMinutes: 12,
        createdAt: new Date(start - 86_400_000),
        updatedAt: new Date(start - 86_400_000),
        completedAt: new Date(start + i * 60_000),
      })),
    );
    const body = await efficiency(u);
    expect(body.tasks_total).toBe(502);
    expect(body.overall.tasks).toBe(502);
    expect(body.tasks).toHaveLength(500);
    // Task 501 down to Task 2: the two oldest (Task 0, Task 1) are left out.
    expect(body.tasks.map((x) => x.title)).toEqual(
      Array.from({ length: 500 }, (_, k) => `Task ${501 - k}`),
    );
  });
});
