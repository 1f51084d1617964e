import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addTask } from './helpers/metrics-fixtures.js';

// now = 2026-03-20T12:00Z, zone UTC; the default period is 2026-02-19 … 2026-03-20.
const clock = manualClock(new Date('2026-03-20T12:00:00Z'));
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

async function done(
  user: TestUser,
  category: string | null,
  estimated: number,
  actual: number,
  completedAt = '2026-03-10T12:00:00Z',
) {
  await addTask(t.app, user.id, {
    category,
    estimated,
    actual,
    createdAt: '2026-02-01T09:00:00Z',
    completedAt,
  });
}

async function open(
  user: TestUser,
  category: string | null,
  estimated: number | null,
  actual: number,
) {
  await addTask(t.app, user.id, {
    category,
    status: 'doing',
    estimated,
    actual,
    createdAt: '2026-03-01T09:00:00Z',
  });
}

describe('insights: the estimate-correction model', () => {
  let u: TestUser;
  beforeAll(async () => {
    u = await createUser(t.app, { timezone: 'UTC' });
    // backend, 6 done tasks in the period, actual ÷ estimate:
    //   60→60 = 1.0, 60→90 = 1.5, 100→120 = 1.2, 50→40 = 0.8, 40→80 = 2.0, 100→110 = 1.1
    //   sorted 0.8 1.0 1.1 1.2 1.5 2.0; percentile_cont at p·(n − 1) = 5p:
    //   Q1 at 1.25 → 1.0 + 0.25 × 0.1 = 1.025; median at 2.5 → (1.1 + 1.2)/2 = 1.15;
    //   Q3 at 3.75 → 1.2 + 0.75 × 0.3 = 1.425.
    for (const [e, a] of [
      [60, 60],
      [60, 90],
      [100, 120],
      [50, 40],
      [40, 80],
      [100, 110],
    ] as const) {
      await done(u, 'backend', e, a);
    }
    // Not in the sample: done before the period (ratio 5), done without time, no estimate.
    await done(u, 'backend', 10, 50, '2026-01-10T12:00:00Z');
    await done(u, 'backend', 10, 0);
    await addTask(t.app, u.id, {
      category: 'backend',
      actual: 30,
      createdAt: '2026-02-01T09:00:00Z',
      completedAt: '2026-03-10T12:00:00Z',
    });
    // docs, 2 done tasks (below the threshold): 30→30 = 1.0, 20→40 = 2.0.
    await done(u, 'docs', 30, 30);
    await done(u, 'docs', 20, 40);
    // Overall, 8 tasks: 0.8 1.0 1.0 1.1 1.2 1.5 2.0 2.0; positions 7p:
    //   Q1 at 1.75 → 1.0 + 0.75 × 0 = 1.0; median at 3.5 → (1.1 + 1.2)/2 = 1.15;
    //   Q3 at 5.25 → 1.5 + 0.25 × 0.5 = 1.625.

    // Open estimated tasks, remaining = max(0, estimate × ratio − tracked):
    //   backend (own model) 80 min, 30 tracked: 80 × 1.15 − 30 = 62; low 80 × 1.025 − 30 = 52;
    //                                            high 80 × 1.425 − 30 = 84; naive 80 − 30 = 50
    //   backend 20 min, 50 tracked: 23 − 50 < 0 → 0 (all three); naive 0
    //   docs (overall model) 40 min, 0 tracked: 46, low 40, high 65; naive 40
    //   uncategorized (overall model) 80 min: 92, low 80, high 130; naive 80
    await open(u, 'backend', 80, 30);
    await open(u, 'backend', 20, 50);
    await open(u, 'docs', 40, 0);
    await open(u, null, 80, 0);
    // Not forecast: open without an estimate.
    await open(u, 'backend', null, 15);
  });

  it('models per category with enough data, "not enough data" below the threshold', async () => {
    const body = await get(u, '/metrics/insights');
    expect(body.period).toEqual({ from: '2026-02-19', to: '2026-03-20', tz: 'UTC' });
    expect(body.min_sample).toBe(5);
    expect(body.overall).toEqual({
      sample_size: 8,
      enough_data: true,
      message: null,
      median_ratio: 1.15,
      q1_ratio: 1,
      q3_ratio: 1.625,
    });
    expect(body.categories).toEqual([
      {
        category: 'backend',
        model: {
          sample_size: 6,
          enough_data: true,
          message: null,
          median_ratio: 1.15,
          q1_ratio: 1.025,
          q3_ratio: 1.425,
        },
        forecast: {
          ratio_source: 'category',
          open_estimated_tasks: 2,
          forecast_tasks: 2,
          estimated_minutes: 100, // 80 + 20
          tracked_minutes: 80, // 30 + 50
          naive_remaining_minutes: 50,
          remaining_minutes: 62,
          low_minutes: 52,
          high_minutes: 84,
        },
      },
      {
        category: 'docs',
        model: {
          sample_size: 2,
          enough_data: false,
          message: 'not enough data: 2 of the 5 tasks needed',
          median_ratio: null,
          q1_ratio: null,
          q3_ratio: null,
        },
        forecast: {
          ratio_source: 'overall',
          open_estimated_tasks: 1,
          forecast_tasks: 1,
          estimated_minutes: 40,
          tracked_minutes: 0,
          naive_remaining_minutes: 40,
          remaining_minutes: 46,
          low_minutes: 40,
          high_minutes: 65,
        },
      },
      {
        category: 'uncategorized',
        model: {
          sample_size: 0,
          enough_data: false,
          message: 'not enough data: 0 of the 5 tasks needed',
          median_ratio: null,
          q1_ratio: null,
          q3_ratio: null,
        },
        forecast: {
          ratio_source: 'overall',
          open_estimated_tasks: 1,
          forecast_tasks: 1,
          estimated_minutes: 80,
          tracked_minutes: 0,
          naive_remaining_minutes: 80,
          remaining_minutes: 92,
          low_minutes: 80,
          high_minutes: 130,
        },
      },
    ]);
    // Totals: 62 + 0 + 46 + 92 = 200; 52 + 40 + 80 = 172; 84 + 65 + 130 = 279.
    expect(body.forecast).toEqual({
      open_estimated_tasks: 4,
      forecast_tasks: 4,
      estimated_minutes: 220,
      tracked_minutes: 80,
      naive_remaining_minutes: 170,
      remaining_minutes: 200,
      low_minutes: 172,
      high_minutes: 279,
    });
  });

  it('the sample follows the period', async () => {
    // A year back also takes the backend task done on 2026-01-10: 6 + 1 backend, 8 + 1 overall.
    const body = await get(u, '/metrics/insights?days=366');
    expect(body.overall.sample_size).toBe(9);
    expect(body.categories[0]).toMatchObject({ category: 'backend', model: { sample_size: 7 } });
  });

  it('without enough data anywhere it makes no numbers up', async () => {
    const few = await createUser(t.app, { timezone: 'UTC' });
    await done(few, 'backend', 60, 90);
    await done(few, 'backend', 60, 30);
    await done(few, null, 10, 10);
    await open(few, 'backend', 100, 20);
    const body = await get(few, '/metrics/insights');
    expect(body.overall).toMatchObject({
      sample_size: 3,
      enough_data: false,
      message: 'not enough data: 3 of the 5 tasks needed',
      median_ratio: null,
    });
    expect(body.categories[0]).toEqual({
      category: 'backend',
      model: {
        sample_size: 2,
        enough_data: false,
        message: 'not enough data: 2 of the 5 tasks needed',
        median_ratio: null,
        q1_ratio: null,
        q3_ratio: null,
      },
      forecast: {
        ratio_source: null,
        open_estimated_tasks: 1,
        forecast_tasks: 0,
        estimated_minutes: 100,
        tracked_minutes: 20,
        naive_remaining_minutes: 80,
        remaining_minutes: null,
        low_minutes: null,
        high_minutes: null,
      },
    });
    expect(body.forecast).toMatchObject({
      open_estimated_tasks: 1,
      forecast_tasks: 0,
      remaining_minutes: null,
      low_minutes: null,
      high_minutes: null,
    });
  });
});
