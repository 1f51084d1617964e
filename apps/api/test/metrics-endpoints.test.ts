import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { seedNoisyNeighbour, seedUserA } from './helpers/metrics-scenarios.js';

// Figures of user A (fixture table in test/helpers/metrics-scenarios.ts), zone UTC, now =
// 2026-03-20T12:00Z, period 2026-03-01 … 2026-03-20. Each number is derived in the comments.
const clock = manualClock(new Date('2026-03-20T12:00:00Z'));
const PERIOD = 'from=2026-03-01&to=2026-03-20';
const period = { from: '2026-03-01', to: '2026-03-20', tz: 'UTC' };
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

async function get(user: TestUser, path: string) {
  const res = await t.app.inject({ method: 'GET', url: path, headers: user.headers });
  expect(res.statusCode, res.body).toBe(200);
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- bodies are checked by the assertions
  return res.json();
}

const EXPECTED_SUMMARY = {
  period,
  tasks: {
    total: 10,
    by_status: { todo: 2, doing: 1, done: 7 }, // todo A6 A8; doing A5; done the other seven
    by_priority: { low: 2, medium: 3, high: 3, urgent: 2 }, // low A4 A8; medium A3 A6 A7; …
  },
  created_in_period: 7, // all but A4 (02-20), A8 (02-10), A10 (02-01)
  completed_in_period: 6, // A1 A2 A3 A4 A7 A9 (A10 was done on 02-15)
  completion_rate: { period: 0.8571, all_time_done_share: 0.7 }, // 6 / 7; 7 / 10
  tracked_minutes: 291, // 66 + 80 + 45 + 60 (A4 in March) + 30 + 10 (A5's adjustment)
  worked_tasks: 5, // A1 A2 A3 A4 A5
  estimated_minutes_of_worked_tasks: 400, // 60 + 100 + 30 + 120 + 90
  overdue: 2, // A5 (due 03-15) and A8 (due 03-01); A6 is due 03-25
  median_cycle_time_hours: 30, // of 2, 6, 24, 36, 60, 336 h: (24 + 36) / 2
};

const EXPECTED_CATEGORIES = {
  period,
  categories: [
    // Created in the period: A1 A2 A3, all done; estimates 60 + 100 + 30 = 190; efficiency over
    // the three (done, both figures) = 190 / (66 + 80 + 45) = 190 / 191 = 0.99476…
    {
      category: 'backend',
      total: 3,
      done: 3,
      completion_rate: 1,
      estimated_minutes: 190,
      tracked_minutes: 191, // 66 + 80 + 45 (A8, A10 have no time in the period)
      efficiency: 0.9948,
      efficiency_tasks: 3,
    },
    // Created in the period: A5 (doing) and A9 (done, no actual time) → no efficiency.
    {
      category: 'frontend',
      total: 2,
      done: 1,
      completion_rate: 0.5,
      estimated_minutes: 140, // 90 + 50
      tracked_minutes: 100, // A4 60 (created before the period, worked in it) + A5 30 + 10
      efficiency: null,
      efficiency_tasks: 0,
    },
    {
      category: 'uncategorized',
      total: 2, // A6, A7
      done: 1,
      completion_rate: 0.5,
      estimated_minutes: 0,
      tracked_minutes: 0,
      efficiency: null,
      efficiency_tasks: 0,
    },
  ],
};

// Done in the period with estimate and time: A1 (60 → 66), A2 (100 → 80), A3 (30 → 45),
// A4 (120 → 120). Accuracies 0.9, 0.8, 0.5, 1 → mean 0.8; ratios 1.1, 0.8, 1.5, 1.0 → median
// (1.0 + 1.1) / 2 = 1.05; under: A2 (80 < 90); on: A1 (|6| ≤ 6, the boundary) and A4; over: A3.
const EXPECTED_EFFICIENCY = {
  period,
  on_estimate_tolerance: 0.1,
  overall: {
    tasks: 4,
    estimated_minutes: 310,
    actual_minutes: 311,
    accuracy: 80,
    median_ratio: 1.05,
    under: 1,
    on: 2,
    over: 1,
  },
  categories: [
    // (0.9 + 0.8 + 0.5) / 3 = 0.7333…; median of 0.8, 1.1, 1.5 = 1.1
    {
      category: 'backend',
      tasks: 3,
      estimated_minutes: 190,
      actual_minutes: 191,
      accuracy: 73.33,
      median_ratio: 1.1,
      under: 1,
      on: 1,
      over: 1,
    },
    {
      category: 'frontend',
      tasks: 1,
      estimated_minutes: 120,
      actual_minutes: 120,
      accuracy: 100,
      median_ratio: 1,
      under: 0,
      on: 1,
      over: 0,
    },
  ],
  // The same four tasks, newest completion first: A4 (03-06), A3 (03-05), A2 (03-04), A1
  // (03-03). Their ids are the database's (exact ids are checked in metrics-estimates-tasks).
  tasks: [
    { category: 'frontend', estimated_minutes: 120, actual_minutes: 120 },
    { category: 'backend', estimated_minutes: 30, actual_minutes: 45 },
    { category: 'backend', estimated_minutes: 100, actual_minutes: 80 },
    { category: 'backend', estimated_minutes: 60, actual_minutes: 66 },
  ].map((x) => ({ task_id: expect.any(Number) as number, title: 'Fixture task', ...x })),
  tasks_total: 4,
};

const EXPECTED_PRIORITIES = {
  period,
  priorities: [
    // low: A4 done 03-06 (336 h, 60 min in March), A8 open and overdue
    {
      priority: 'low',
      open: 1,
      done: 1,
      overdue: 1,
      median_cycle_time_hours: 336,
      tracked_minutes: 60,
    },
    // medium: A3 (6 h, 45 min) and A7 (2 h) done, A6 open, not overdue
    {
      priority: 'medium',
      open: 1,
      done: 2,
      overdue: 0,
      median_cycle_time_hours: 4,
      tracked_minutes: 45,
    },
    // high: A1 (24 h) and A2 (60 h) done in the period; A10 done before it
    {
      priority: 'high',
      open: 0,
      done: 2,
      overdue: 0,
      median_cycle_time_hours: 42,
      tracked_minutes: 146,
    },
    // urgent: A5 open and overdue (30 + 10 min), A9 done (36 h)
    {
      priority: 'urgent',
      open: 1,
      done: 1,
      overdue: 1,
      median_cycle_time_hours: 36,
      tracked_minutes: 40,
    },
  ],
};

// Monday weeks=4 from Friday 2026-03-20: weeks of 02-23, 03-02, 03-09 and 03-16 (5 days so far).
const EXPECTED_WEEKLY_SCORES = [
  // 02-23: A4's 60 min on 02-25 only. D = 30 × 1/7 = 4.29 → 4.
  {
    week_start: '2026-02-23',
    created: 0,
    completed: 0,
    tracked_minutes: 60,
    active_days: 1,
    productivity_score: 4,
  },
  // 03-02: created A1 A2 A3 A9; completed A1 A2 A3 A4 (accuracy mean 0.8); 66 + 80 + 45 + 60
  // on 4 days. C = 40 × 4/5 = 32; A = 30 × 0.8 = 24; D = 30 × 4/7 = 17.14; 73.14 → 73.
  {
    week_start: '2026-03-02',
    created: 4,
    completed: 4,
    tracked_minutes: 251,
    active_days: 4,
    productivity_score: 73,
  },
  // 03-09: created A5 A6 A7; completed A9 A7 (neither measurable); 30 (10th) + 10 (11th).
  // C = 40 × 2/5 = 16; A = 0; D = 30 × 2/7 = 8.57; 24.57 → 25.
  {
    week_start: '2026-03-09',
    created: 3,
    completed: 2,
    tracked_minutes: 40,
    active_days: 2,
    productivity_score: 25,
  },
  {
    week_start: '2026-03-16',
    created: 0,
    completed: 0,
    tracked_minutes: 0,
    active_days: 0,
    productivity_score: 0,
  },
];

async function expectUserAFigures(user: TestUser): Promise<void> {
  expect(await get(user, `/metrics/summary?${PERIOD}`)).toEqual(EXPECTED_SUMMARY);
  expect(await get(user, `/metrics/categories?${PERIOD}`)).toEqual(EXPECTED_CATEGORIES);
  expect(await get(user, `/metrics/time-efficiency?${PERIOD}`)).toEqual(EXPECTED_EFFICIENCY);
  expect(await get(user, `/metrics/priorities?${PERIOD}`)).toEqual(EXPECTED_PRIORITIES);
  const weekly = await get(user, '/metrics/weekly');
  expect(weekly.weeks).toMatchObject(EXPECTED_WEEKLY_SCORES);
}

describe('figures of one user', () => {
  let a: TestUser;
  beforeAll(async () => {
    clock.set('2026-03-20T12:00:00Z');
    a = await createUser(t.app, { timezone: 'UTC' });
    await seedUserA(t.app, a.id);
  });

  it('summary', async () => {
    expect(await get(a, `/metrics/summary?${PERIOD}`)).toEqual(EXPECTED_SUMMARY);
  });

  it('categories', async () => {
    expect(await get(a, `/metrics/categories?${PERIOD}`)).toEqual(EXPECTED_CATEGORIES);
  });

  it('time-efficiency', async () => {
    expect(await get(a, `/metrics/time-efficiency?${PERIOD}`)).toEqual(EXPECTED_EFFICIENCY);
  });

  it('priorities', async () => {
    expect(await get(a, `/metrics/priorities?${PERIOD}`)).toEqual(EXPECTED_PRIORITIES);
  });

  it("weekly starts its weeks on the profile's week start unless the request names one", async () => {
    // 2026-03-20 is a Friday: its week starts Monday 03-16, or Sunday 03-15.
    const other = await createUser(t.app, { timezone: 'UTC' });
    const lastWeek = async (query: string) => {
      const body = await get(other, `/metrics/weekly?weeks=1${query}`);
      return { week_start: body.week_start, first: body.weeks[0].week_start };
    };
    expect(await lastWeek('')).toEqual({ week_start: 'monday', first: '2026-03-16' });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/auth/me',
      headers: other.headers,
      payload: { week_start: 'sunday' },
    });
    expect(patched.statusCode).toBe(200);
    expect(await lastWeek('')).toEqual({ week_start: 'sunday', first: '2026-03-15' });
    expect(await lastWeek('&tz=UTC')).toEqual({ week_start: 'sunday', first: '2026-03-15' });
    expect(await lastWeek('&week_start=monday')).toEqual({
      week_start: 'monday',
      first: '2026-03-16',
    });
    expect(await lastWeek('&tz=UTC&week_start=monday')).toEqual({
      week_start: 'monday',
      first: '2026-03-16',
    });
  });

  it('weekly', async () => {
    const body = await get(a, '/metrics/weekly');
    expect(body.period).toEqual({ from: '2026-02-23', to: '2026-03-20', tz: 'UTC' });
    expect(body.weeks).toMatchObject(EXPECTED_WEEKLY_SCORES);
    expect(body.weeks[1].components).toEqual({
      completions: { value: 4, target: 5, points: 32 },
      estimation_accuracy: { value: 80, tasks: 4, points: 24 },
      active_days: { value: 4, days: 7, points: 17.14 },
    });
    expect(body.weeks[3]).toMatchObject({ from: '2026-03-16', to: '2026-03-20', days: 5 });
    expect(body.weeks[3].components.completions.target).toBe(3.57); // 5 × 5/7
  });

  it('a period with no activity keeps the snapshot counts and zeroes the rest', async () => {
    const body = await get(a, '/metrics/summary?from=2025-01-01&to=2025-01-31');
    expect(body).toEqual({
      period: { from: '2025-01-01', to: '2025-01-31', tz: 'UTC' },
      tasks: EXPECTED_SUMMARY.tasks, // the current state of every task, whatever the period
      created_in_period: 0,
      completed_in_period: 0,
      completion_rate: { period: null, all_time_done_share: 0.7 },
      tracked_minutes: 0,
      worked_tasks: 0,
      estimated_minutes_of_worked_tasks: 0,
      overdue: 2, // overdue is "now", not the period
      median_cycle_time_hours: null,
    });
  });
});

describe('productivity trends', () => {
  let u: TestUser;
  beforeAll(async () => {
    const { addTask, addEntry } = await import('./helpers/metrics-fixtures.js');
    u = await createUser(t.app, { timezone: 'UTC' });
    // Completions per day (at 15:00 UTC): 02-24: 1, 02-28: 2 (both in the moving average's
    // look-back only), then 03-01 … 03-07: 0, 1, 0, 2, 1, 3, 3.
    const perDay: Record<string, number> = {
      '2026-02-24': 1,
      '2026-02-28': 2,
      '2026-03-02': 1,
      '2026-03-04': 2,
      '2026-03-05': 1,
      '2026-03-06': 3,
      '2026-03-07': 3,
    };
    for (const [day, n] of Object.entries(perDay)) {
      for (let i = 0; i < n; i++) {
        await addTask(t.app, u.id, {
          createdAt: '2026-02-20T08:00:00Z',
          completedAt: `${day}T15:00:00Z`,
        });
      }
    }
    await addTask(t.app, u.id, { createdAt: '2026-03-03T08:00:00Z' });
    const open = await addTask(t.app, u.id, { createdAt: '2026-03-03T09:00:00Z' });
    await addEntry(t.app, u.id, open, '2026-03-05T10:00:00Z', '2026-03-05T10:30:00Z');
  });

  // tracked_minutes_avg_7d: the only time is 30 minutes on 03-05, inside the windows of 03-05,
  // 03-06 and 03-07 → 30 / 7 = 4.2857 → 4.29 on those days, 0 before.
  it('lists every day with zeros, trailing 7-day averages and the least-squares trend', async () => {
    const body = await get(u, '/metrics/productivity-trends?from=2026-03-01&to=2026-03-07');
    expect(body.period).toEqual({ from: '2026-03-01', to: '2026-03-07', tz: 'UTC' });
    expect(body.days).toEqual([
      // Window 02-23 … 03-01: 1 + 2 = 3 → 3/7 = 0.43
      {
        date: '2026-03-01',
        created: 0,
        completed: 0,
        tracked_minutes: 0,
        completed_avg_7d: 0.43,
        tracked_minutes_avg_7d: 0,
      },
      // 02-24 … 03-02: 1 + 2 + 1 = 4 → 0.57
      {
        date: '2026-03-02',
        created: 0,
        completed: 1,
        tracked_minutes: 0,
        completed_avg_7d: 0.57,
        tracked_minutes_avg_7d: 0,
      },
      // 02-25 … 03-03: 2 + 1 = 3 → 0.43
      {
        date: '2026-03-03',
        created: 2,
        completed: 0,
        tracked_minutes: 0,
        completed_avg_7d: 0.43,
        tracked_minutes_avg_7d: 0,
      },
      // 02-26 … 03-04: 2 + 1 + 2 = 5 → 0.71
      {
        date: '2026-03-04',
        created: 0,
        completed: 2,
        tracked_minutes: 0,
        completed_avg_7d: 0.71,
        tracked_minutes_avg_7d: 0,
      },
      // 02-27 … 03-05: 2 + 1 + 2 + 1 = 6 → 0.86
      {
        date: '2026-03-05',
        created: 0,
        completed: 1,
        tracked_minutes: 30,
        completed_avg_7d: 0.86,
        tracked_minutes_avg_7d: 4.29,
      },
      // 02-28 … 03-06: 2 + 1 + 2 + 1 + 3 = 9 → 1.29
      {
        date: '2026-03-06',
        created: 0,
        completed: 3,
        tracked_minutes: 0,
        completed_avg_7d: 1.29,
        tracked_minutes_avg_7d: 4.29,
      },
      // 03-01 … 03-07: 10 → 1.43
      {
        date: '2026-03-07',
        created: 0,
        completed: 3,
        tracked_minutes: 0,
        completed_avg_7d: 1.43,
        tracked_minutes_avg_7d: 4.29,
      },
    ]);
    // y = 0 1 0 2 1 3 3 over x = 0 … 6: x̄ = 3, Σ(x − x̄)·y = −2 + 1 + 6 + 9 = 14,
    // Σ(x − x̄)² = 28 → slope 0.5; change = 0.5 × 6 = 3; mean = 10/7 = 1.4286;
    // threshold = max(0.25, 0.1 × 1.4286) = 0.25 → up.
    expect(body.trend).toEqual({
      slope: 0.5,
      change: 3,
      mean: 1.4286,
      threshold: 0.25,
      direction: 'up',
    });
  });

  it('direction down, flat, and flat for a single day', async () => {
    // 02-28 … 03-01: y = 2, 0 → slope −2, change −2 → down.
    const down = await get(u, '/metrics/productivity-trends?from=2026-02-28&to=2026-03-01');
    expect(down.trend).toEqual({
      slope: -2,
      change: -2,
      mean: 1,
      threshold: 0.25,
      direction: 'down',
    });
    // 03-01 … 03-03: y = 0, 1, 0 → Σ(x − 1)·y = 0 → slope 0 → flat.
    const flat = await get(u, '/metrics/productivity-trends?from=2026-03-01&to=2026-03-03');
    expect(flat.trend.slope).toBe(0);
    expect(flat.trend.direction).toBe('flat');
    const one = await get(u, '/metrics/productivity-trends?from=2026-03-06&to=2026-03-06');
    expect(one.trend).toEqual({ slope: 0, change: 0, mean: 3, threshold: 0.3, direction: 'flat' });
  });
});

describe('users without data', () => {
  it('an empty account answers zeros, nulls and empty lists everywhere', async () => {
    const empty = await createUser(t.app, { timezone: 'UTC' });
    const summary = await get(empty, `/metrics/summary?${PERIOD}`);
    expect(summary).toEqual({
      period,
      tasks: {
        total: 0,
        by_status: { todo: 0, doing: 0, done: 0 },
        by_priority: { low: 0, medium: 0, high: 0, urgent: 0 },
      },
      created_in_period: 0,
      completed_in_period: 0,
      completion_rate: { period: null, all_time_done_share: null },
      tracked_minutes: 0,
      worked_tasks: 0,
      estimated_minutes_of_worked_tasks: 0,
      overdue: 0,
      median_cycle_time_hours: null,
    });
    expect(await get(empty, `/metrics/categories?${PERIOD}`)).toEqual({ period, categories: [] });
    const efficiency = await get(empty, `/metrics/time-efficiency?${PERIOD}`);
    expect(efficiency.overall).toEqual({
      tasks: 0,
      estimated_minutes: 0,
      actual_minutes: 0,
      accuracy: null,
      median_ratio: null,
      under: 0,
      on: 0,
      over: 0,
    });
    expect(efficiency.categories).toEqual([]);
    expect(efficiency.tasks).toEqual([]);
    expect(efficiency.tasks_total).toBe(0);
    const priorities = await get(empty, `/metrics/priorities?${PERIOD}`);
    expect(priorities.priorities).toEqual(
      ['low', 'medium', 'high', 'urgent'].map((priority) => ({
        priority,
        open: 0,
        done: 0,
        overdue: 0,
        median_cycle_time_hours: null,
        tracked_minutes: 0,
      })),
    );
    const trends = await get(empty, `/metrics/productivity-trends?${PERIOD}`);
    expect(trends.days).toHaveLength(20);
    for (const day of trends.days) {
      expect(day).toMatchObject({
        created: 0,
        completed: 0,
        tracked_minutes: 0,
        completed_avg_7d: 0,
        tracked_minutes_avg_7d: 0,
      });
    }
    expect(trends.trend).toEqual({
      slope: 0,
      change: 0,
      mean: 0,
      threshold: 0.25,
      direction: 'flat',
    });
    const weekly = await get(empty, '/metrics/weekly');
    expect(weekly.weeks).toHaveLength(4);
    for (const week of weekly.weeks) {
      expect(week).toMatchObject({
        created: 0,
        completed: 0,
        tracked_minutes: 0,
        productivity_score: 0,
      });
    }
    const insights = await get(empty, '/metrics/insights');
    expect(insights.overall).toEqual({
      sample_size: 0,
      enough_data: false,
      message: 'not enough data: 0 of the 5 tasks needed',
      median_ratio: null,
      q1_ratio: null,
      q3_ratio: null,
    });
    expect(insights.categories).toEqual([]);
    expect(insights.forecast).toEqual({
      open_estimated_tasks: 0,
      forecast_tasks: 0,
      estimated_minutes: 0,
      tracked_minutes: 0,
      naive_remaining_minutes: 0,
      remaining_minutes: null,
      low_minutes: null,
      high_minutes: null,
    });
  });

  it('a user with tasks but no tracked time', async () => {
    const { addTask } = await import('./helpers/metrics-fixtures.js');
    const u = await createUser(t.app, { timezone: 'UTC' });
    await addTask(t.app, u.id, {
      category: 'ops',
      estimated: 30,
      createdAt: '2026-03-02T08:00:00Z',
    });
    await addTask(t.app, u.id, {
      category: 'ops',
      estimated: 60,
      createdAt: '2026-03-03T08:00:00Z',
      completedAt: '2026-03-04T08:00:00Z', // 24 h
    });
    await addTask(t.app, u.id, { status: 'doing', createdAt: '2026-03-05T08:00:00Z' });
    const summary = await get(u, `/metrics/summary?${PERIOD}`);
    expect(summary).toMatchObject({
      tasks: { total: 3, by_status: { todo: 1, doing: 1, done: 1 } },
      created_in_period: 3,
      completed_in_period: 1,
      completion_rate: { period: 0.3333, all_time_done_share: 0.3333 },
      tracked_minutes: 0,
      worked_tasks: 0,
      estimated_minutes_of_worked_tasks: 0,
      median_cycle_time_hours: 24,
    });
    const categories = await get(u, `/metrics/categories?${PERIOD}`);
    expect(categories.categories).toEqual([
      {
        category: 'ops',
        total: 2,
        done: 1,
        completion_rate: 0.5,
        estimated_minutes: 90,
        tracked_minutes: 0,
        efficiency: null, // the done task has no actual time
        efficiency_tasks: 0,
      },
      {
        category: 'uncategorized',
        total: 1,
        done: 0,
        completion_rate: 0,
        estimated_minutes: 0,
        tracked_minutes: 0,
        efficiency: null,
        efficiency_tasks: 0,
      },
    ]);
    expect((await get(u, `/metrics/time-efficiency?${PERIOD}`)).overall.tasks).toBe(0);
    const trends = await get(u, `/metrics/productivity-trends?${PERIOD}`);
    expect(trends.days.every((d: { tracked_minutes: number }) => d.tracked_minutes === 0)).toBe(
      true,
    );
    expect(trends.days.map((d: { created: number }) => d.created).slice(0, 5)).toEqual([
      0, 1, 1, 0, 1,
    ]);
    const weekly = await get(u, `/metrics/weekly?${PERIOD}`);
    expect(weekly.weeks.every((w: { active_days: number }) => w.active_days === 0)).toBe(true);
  });
});

describe("another user's data never leaks", () => {
  it("user A's figures are exactly the same beside a busy neighbour", async () => {
    clock.set('2026-03-20T12:00:00Z');
    const a = await createUser(t.app, { timezone: 'UTC' });
    await seedUserA(t.app, a.id);
    const endpoints = [
      `summary?${PERIOD}`,
      `categories?${PERIOD}`,
      'weekly',
      `time-efficiency?${PERIOD}`,
      `productivity-trends?${PERIOD}`,
      `priorities?${PERIOD}`,
      'insights?days=366',
    ];
    const before = await Promise.all(endpoints.map((e) => get(a, `/metrics/${e}`)));

    const neighbour = await createUser(t.app, { timezone: 'UTC' });
    await seedNoisyNeighbour(t.app, neighbour.id);
    // The neighbour really has figures of its own…
    const theirs = await get(neighbour, `/metrics/summary?${PERIOD}`);
    expect(theirs.tasks.total).toBe(19);
    expect(theirs.tracked_minutes).toBeGreaterThan(1000);

    // …and none of them reach A: every response is unchanged and still the hand-derived one.
    const after = await Promise.all(endpoints.map((e) => get(a, `/metrics/${e}`)));
    expect(after).toEqual(before);
    await expectUserAFigures(a);
  });
});
