import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addAdjustment, addEntry, addTask } from './helpers/metrics-fixtures.js';

// Time counts on the local day it was worked. Every expected figure below is worked out by hand
// in the comments from the fixture's instants; none is read back from the API.
const clock = manualClock(new Date('2026-03-05T12:00:00Z'));
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

type Day = { date: string; tracked_minutes: number; completed: number; created: number };
const column = (days: Day[], key: keyof Day) => days.map((d) => d[key]);

describe('an entry crossing local midnight (America/New_York, EST = UTC−5)', () => {
  let ny: TestUser;
  beforeAll(async () => {
    clock.set('2026-03-05T12:00:00Z');
    ny = await createUser(t.app, { timezone: 'America/New_York' });
    const task = await addTask(t.app, ny.id, {
      createdAt: '2026-03-01T15:00:00Z',
      completedAt: '2026-03-04T03:00:00Z', // 22:00 on 3 March in New York, 4 March in UTC
      estimated: 180,
      actual: 155,
    });
    // 22:30 on 3 March → 01:15 on 4 March, New York time (03:30Z → 06:15Z, all on 4 March in
    // UTC): 90 minutes before midnight, 75 after; 165 in all.
    await addEntry(t.app, ny.id, task, '2026-03-04T03:30:00Z', '2026-03-04T06:15:00Z');
    // An adjustment of −10 minutes at 23:00 on 3 March in New York (04:00Z on 4 March).
    await addAdjustment(t.app, ny.id, task, '2026-03-04T04:00:00Z', -600);
  });

  it('is split between the two local days, with the adjustment on its own local day', async () => {
    const body = await get(ny, '/metrics/productivity-trends?from=2026-03-02&to=2026-03-05');
    expect(column(body.days, 'date')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
    ]);
    // 3 March: 90 − 10 = 80; 4 March: 75.
    expect(column(body.days, 'tracked_minutes')).toEqual([0, 80, 75, 0]);
    // Completed at 22:00 on 3 March local time.
    expect(column(body.days, 'completed')).toEqual([0, 1, 0, 0]);
  });

  it('lands on the UTC day when asked in UTC', async () => {
    const body = await get(ny, '/metrics/productivity-trends?from=2026-03-02&to=2026-03-05&tz=UTC');
    // Everything happened on 4 March UTC: 165 − 10 = 155.
    expect(column(body.days, 'tracked_minutes')).toEqual([0, 0, 155, 0]);
    expect(column(body.days, 'completed')).toEqual([0, 0, 1, 0]);
    expect(body.period.tz).toBe('UTC');
  });

  it('is clipped to the period', async () => {
    const fourth = await get(ny, '/metrics/summary?from=2026-03-04&to=2026-03-04');
    expect(fourth.tracked_minutes).toBe(75);
    expect(fourth.worked_tasks).toBe(1);
    expect(fourth.completed_in_period).toBe(0);
    const third = await get(ny, '/metrics/summary?from=2026-03-03&to=2026-03-03');
    expect(third.tracked_minutes).toBe(80);
    expect(third.completed_in_period).toBe(1);
    // Both days: 90 − 10 + 75 = 155.
    const both = await get(ny, '/metrics/summary?from=2026-03-03&to=2026-03-04');
    expect(both.tracked_minutes).toBe(155);
  });
});

describe('a DST change week (Europe/Berlin, clocks go forward on Sunday 2026-03-29)', () => {
  let berlin: TestUser;
  beforeAll(async () => {
    // Wednesday 1 April, 12:00 CEST.
    clock.set('2026-04-01T10:00:00Z');
    berlin = await createUser(t.app, { timezone: 'Europe/Berlin' });
    // W: one long entry from 22:00 on Saturday 28 March (CET, 21:00Z) to 01:00 on Monday
    // 30 March (CEST, 23:00Z on the 29th): 26 hours of elapsed time.
    //   28 March: 22:00 → 24:00                      = 120 min
    //   29 March: the whole day, 23 hours long        = 1380 min (not 1440)
    //   30 March: 00:00 → 01:00                       = 60 min
    const w = await addTask(t.app, berlin.id, { createdAt: '2026-03-23T08:00:00Z' }); // Mon 23
    await addEntry(t.app, berlin.id, w, '2026-03-28T21:00:00Z', '2026-03-29T23:00:00Z');
    // D1: created 23:30 CET on Sunday 22 March (22:30Z), completed Tuesday 24 March;
    //     estimate 60, actual 66 → accuracy 1 − 6/60 = 0.9.
    await addTask(t.app, berlin.id, {
      createdAt: '2026-03-22T22:30:00Z',
      completedAt: '2026-03-24T09:00:00Z',
      estimated: 60,
      actual: 66,
    });
    // D2: created Wednesday 25 March, completed 12:00 CEST on Sunday 29 March (10:00Z);
    //     estimate 100, actual 150 → accuracy 1 − 50/100 = 0.5.
    await addTask(t.app, berlin.id, {
      createdAt: '2026-03-25T12:00:00Z',
      completedAt: '2026-03-29T10:00:00Z',
      estimated: 100,
      actual: 150,
    });
    // D3: created 22:00 CEST on Sunday 29 March, completed 00:30 CEST on Monday 30 March
    //     (22:30Z on the 29th); no estimate.
    await addTask(t.app, berlin.id, {
      createdAt: '2026-03-29T20:00:00Z',
      completedAt: '2026-03-29T22:30:00Z',
    });
  });

  it('counts the 23-hour day as 23 hours', async () => {
    const body = await get(berlin, '/metrics/productivity-trends?from=2026-03-28&to=2026-03-30');
    expect(column(body.days, 'tracked_minutes')).toEqual([120, 1380, 60]);
    expect(column(body.days, 'completed')).toEqual([0, 1, 1]);
    const summary = await get(berlin, '/metrics/summary?from=2026-03-28&to=2026-03-30');
    expect(summary.tracked_minutes).toBe(26 * 60);
  });

  it('counts a 25-hour day (the autumn change, 2026-10-25) as 25 hours', async () => {
    const user = await createUser(t.app, { timezone: 'Europe/Berlin' });
    const task = await addTask(t.app, user.id, { createdAt: '2026-10-01T08:00:00Z' });
    // Local midnight to local midnight: 00:00 CEST (22:00Z on the 24th) → 00:00 CET on the 26th
    // (23:00Z on the 25th).
    await addEntry(t.app, user.id, task, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z');
    const body = await get(user, '/metrics/productivity-trends?from=2026-10-24&to=2026-10-26');
    expect(column(body.days, 'tracked_minutes')).toEqual([0, 25 * 60, 0]);
  });

  it('weekly with Monday weeks: the DST week in full, then the current week up to today', async () => {
    const body = await get(berlin, '/metrics/weekly?weeks=2');
    expect(body.period).toEqual({ from: '2026-03-23', to: '2026-04-01', tz: 'Europe/Berlin' });
    const [dst, current] = body.weeks;
    // Week of Monday 23 March: created W (23rd), D2 (25th), D3 (29th) = 3 (D1 was created on
    // the 22nd); completed D1 (24th), D2 (29th) = 2; tracked 120 + 1380 = 1500 on 2 days.
    // Score: C = 40 × min(1, 2 / 5) = 16; A = 30 × (0.9 + 0.5) / 2 = 21; D = 30 × 2/7 = 8.571;
    // 45.571 → 46.
    expect(dst).toEqual({
      week_start: '2026-03-23',
      from: '2026-03-23',
      to: '2026-03-29',
      days: 7,
      created: 3,
      completed: 2,
      tracked_minutes: 1500,
      active_days: 2,
      productivity_score: 46,
      components: {
        completions: { value: 2, target: 5, points: 16 },
        estimation_accuracy: { value: 70, tasks: 2, points: 21 },
        active_days: { value: 2, days: 7, points: 8.57 },
      },
    });
    // Monday 30 March to Wednesday 1 April (3 days): completed D3 (30th); tracked 60 on 1 day.
    // target = 5 × 3/7 = 2.142857; C = 40 × 1/2.142857 = 18.667; A = 0 (no estimate);
    // D = 30 × 1/3 = 10; 28.667 → 29.
    expect(current).toEqual({
      week_start: '2026-03-30',
      from: '2026-03-30',
      to: '2026-04-01',
      days: 3,
      created: 0,
      completed: 1,
      tracked_minutes: 60,
      active_days: 1,
      productivity_score: 29,
      components: {
        completions: { value: 1, target: 2.14, points: 18.67 },
        estimation_accuracy: { value: null, tasks: 0, points: 0 },
        active_days: { value: 1, days: 3, points: 10 },
      },
    });
  });

  it('weekly with week_start=sunday moves every boundary', async () => {
    const body = await get(berlin, '/metrics/weekly?weeks=2&week_start=sunday');
    expect(body.week_start).toBe('sunday');
    expect(body.period.from).toBe('2026-03-22');
    const [first, second] = body.weeks;
    // Sunday 22 → Saturday 28 March: created D1 (22nd), W (23rd), D2 (25th) = 3; completed
    // D1 (24th) = 1, accuracy 0.9; tracked 120 on the 28th.
    // C = 40 × 1/5 = 8; A = 30 × 0.9 = 27; D = 30 × 1/7 = 4.286; 39.286 → 39.
    expect(first).toMatchObject({
      week_start: '2026-03-22',
      from: '2026-03-22',
      to: '2026-03-28',
      days: 7,
      created: 3,
      completed: 1,
      tracked_minutes: 120,
      active_days: 1,
      productivity_score: 39,
    });
    // Sunday 29 March → Wednesday 1 April (4 days): created D3; completed D2 (29th) and D3
    // (30th), accuracy of D2 only = 0.5; tracked 1380 + 60 = 1440 on 2 days.
    // target = 5 × 4/7 = 2.857; C = 40 × 2/2.857 = 28; A = 15; D = 30 × 2/4 = 15; 58.
    expect(second).toMatchObject({
      week_start: '2026-03-29',
      from: '2026-03-29',
      to: '2026-04-01',
      days: 4,
      created: 1,
      completed: 2,
      tracked_minutes: 1440,
      active_days: 2,
      productivity_score: 58,
    });
    expect(second.components.estimation_accuracy).toEqual({ value: 50, tasks: 1, points: 15 });
  });

  it('days=N and the equivalent from/to give the same answer', async () => {
    // Today is 1 April: days=5 is 28 March … 1 April.
    for (const name of ['summary', 'productivity-trends', 'categories', 'priorities']) {
      const byDays = await get(berlin, `/metrics/${name}?days=5`);
      const byDates = await get(berlin, `/metrics/${name}?from=2026-03-28&to=2026-04-01`);
      expect(byDays, name).toEqual(byDates);
      expect(byDays.period).toEqual({ from: '2026-03-28', to: '2026-04-01', tz: 'Europe/Berlin' });
    }
  });
});

describe('a running timer (Asia/Tokyo, UTC+9)', () => {
  it('counts up to now, on the local days it covers, as the clock moves', async () => {
    clock.set('2026-03-05T12:00:00Z'); // 21:00 on 5 March in Tokyo
    const user = await createUser(t.app, { timezone: 'Asia/Tokyo' });
    const task = await addTask(t.app, user.id, {
      createdAt: '2026-03-05T09:00:00Z',
      status: 'doing',
      estimated: 300,
    });
    // Started 19:30 on 5 March (10:30Z), still running.
    await addEntry(t.app, user.id, task, '2026-03-05T10:30:00Z', null);

    // Now 21:00: 90 minutes so far, all on 5 March.
    let trends = await get(user, '/metrics/productivity-trends?from=2026-03-05&to=2026-03-06');
    expect(column(trends.days, 'tracked_minutes')).toEqual([90, 0]);
    let today = await get(user, '/metrics/summary?days=1');
    expect(today.period.to).toBe('2026-03-05');
    expect(today.tracked_minutes).toBe(90);
    expect(today.worked_tasks).toBe(1);
    expect(today.estimated_minutes_of_worked_tasks).toBe(300);

    // Four hours later it is 01:00 on 6 March in Tokyo: 19:30 → 24:00 = 270 on the 5th, 60 on
    // the 6th.
    clock.advance(4 * 3600_000);
    trends = await get(user, '/metrics/productivity-trends?from=2026-03-05&to=2026-03-06');
    expect(column(trends.days, 'tracked_minutes')).toEqual([270, 60]);
    today = await get(user, '/metrics/summary?days=1');
    expect(today.period.to).toBe('2026-03-06');
    expect(today.tracked_minutes).toBe(60);
    const priorities = await get(user, '/metrics/priorities?days=2');
    expect(priorities.priorities[1]).toMatchObject({ priority: 'medium', tracked_minutes: 330 });
  });

  it('an entry longer than the period counts only the period', async () => {
    clock.set('2026-03-05T12:00:00Z');
    const user = await createUser(t.app, { timezone: 'Asia/Tokyo' });
    const task = await addTask(t.app, user.id, { createdAt: '2026-02-20T00:00:00Z' });
    // 27 February 12:00 JST (03:00Z) → 4 March 06:00 JST (3 March 21:00Z): it started more than
    // a day before the periods below.
    await addEntry(t.app, user.id, task, '2026-02-27T03:00:00Z', '2026-03-03T21:00:00Z', 'manual');
    // 2 and 3 March are whole 24-hour days in Tokyo.
    const body = await get(user, '/metrics/productivity-trends?from=2026-03-02&to=2026-03-03');
    expect(column(body.days, 'tracked_minutes')).toEqual([1440, 1440]);
    const summary = await get(user, '/metrics/summary?from=2026-02-25&to=2026-03-05');
    // 27 Feb 12:00 → 4 Mar 06:00 (2026 has no 29 February): 4 days 18 hours = 114 h.
    expect(summary.tracked_minutes).toBe(114 * 60);
    const fourth = await get(user, '/metrics/summary?from=2026-03-04&to=2026-03-04');
    expect(fourth.tracked_minutes).toBe(6 * 60);
  });

  it('a timer running since days before the period counts from the period start', async () => {
    clock.set('2026-03-05T12:00:00Z');
    const user = await createUser(t.app, { timezone: 'UTC' });
    const task = await addTask(t.app, user.id, { createdAt: '2026-02-20T00:00:00Z' });
    await addEntry(t.app, user.id, task, '2026-03-01T00:00:00Z', null);
    const body = await get(user, '/metrics/productivity-trends?from=2026-03-04&to=2026-03-05');
    // The whole of 4 March, and 5 March up to now (12:00).
    expect(column(body.days, 'tracked_minutes')).toEqual([1440, 720]);
    const summary = await get(user, '/metrics/summary?from=2026-03-04&to=2026-03-06');
    expect(summary.tracked_minutes).toBe(1440 + 720);
  });
});
