import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addAdjustment, addEntry, addTask } from './helpers/metrics-fixtures.js';

// tracked_minutes_avg_7d of /metrics/productivity-trends: the mean of a local day's tracked
// minutes and the 6 days before it, always ÷ 7, lead-in days before the period included. Every
// expected value is worked out by hand below from the fixture's instants.
//
// Europe/Berlin, clocks go forward at 02:00 on Sunday 2026-03-29 (that local day is 23 hours).
// Now: Wednesday 1 April, 12:00 CEST (10:00Z).
const clock = manualClock(new Date('2026-04-01T10:00:00Z'));
let t: TestApp;
let berlin: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock });
  berlin = await createUser(t.app, { timezone: 'Europe/Berlin' });
  const task = await addTask(t.app, berlin.id, { createdAt: '2026-03-20T08:00:00Z' });
  // 09:00–10:10 CET on Monday 23 March: 70 minutes, six days before the period.
  await addEntry(t.app, berlin.id, task, '2026-03-23T08:00:00Z', '2026-03-23T09:10:00Z');
  // An adjustment of −10 minutes at 13:00 CET on 26 March.
  await addAdjustment(t.app, berlin.id, task, '2026-03-26T12:00:00Z', -600);
  // 22:00 CET on Saturday 28 March → 01:00 CEST on Monday 30 March (21:00Z → 23:00Z on the
  // 29th), across two local midnights and the DST change:
  //   28 March 22:00 → 24:00 = 120 min (a lead-in day), 29 March whole = 1380 min (23 h),
  //   30 March 00:00 → 01:00 = 60 min.
  await addEntry(t.app, berlin.id, task, '2026-03-28T21:00:00Z', '2026-03-29T23:00:00Z');
  // A timer running since 10:00 CEST today (08:00Z): 120 minutes up to now.
  await addEntry(t.app, berlin.id, task, '2026-04-01T08:00:00Z', null);

  // Another user's work on the same days (a neighbour in the same zone) must never count.
  const other = await createUser(t.app, { timezone: 'Europe/Berlin' });
  const theirs = await addTask(t.app, other.id, { createdAt: '2026-03-20T08:00:00Z' });
  await addEntry(t.app, other.id, theirs, '2026-03-25T08:00:00Z', '2026-03-25T13:00:00Z');
  await addEntry(t.app, other.id, theirs, '2026-03-29T08:00:00Z', '2026-03-29T09:00:00Z');
  await addEntry(t.app, other.id, theirs, '2026-04-01T07:00:00Z', null);
});
afterAll(async () => {
  await t.close();
});

interface Day {
  date: string;
  tracked_minutes: number;
  tracked_minutes_avg_7d: number;
}

async function days(query: string): Promise<Pick<Day, keyof Day>[]> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/metrics/productivity-trends?${query}`,
    headers: berlin.headers,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json<{ days: Day[] }>()
    .days.map(({ date, tracked_minutes, tracked_minutes_avg_7d }) => ({
      date,
      tracked_minutes,
      tracked_minutes_avg_7d,
    }));
}

// Tracked minutes per local day: 23 March 70, 26 March −10, 28 March 120, 29 March 1380,
// 30 March 60, 1 April 120 (running); every other day 0.
describe('tracked_minutes_avg_7d', () => {
  it('averages each day with the 6 before it, lead-in days, the DST day and a running timer included', async () => {
    expect(await days('from=2026-03-29&to=2026-04-01')).toEqual([
      // 23 … 29 March: 70 − 10 + 120 + 1380 = 1560 → 1560 / 7 = 222.857…
      { date: '2026-03-29', tracked_minutes: 1380, tracked_minutes_avg_7d: 222.86 },
      // 24 … 30 March: −10 + 120 + 1380 + 60 = 1550 → 221.428…
      { date: '2026-03-30', tracked_minutes: 60, tracked_minutes_avg_7d: 221.43 },
      // 25 … 31 March: the same 1550 (23 March has left the window, nothing came in).
      { date: '2026-03-31', tracked_minutes: 0, tracked_minutes_avg_7d: 221.43 },
      // 26 March … 1 April: −10 + 120 + 1380 + 60 + 120 = 1670 → 238.571…
      { date: '2026-04-01', tracked_minutes: 120, tracked_minutes_avg_7d: 238.57 },
    ]);
  });

  it('gives a one-day period the full window of the 6 days before it', async () => {
    // 24 … 30 March, as above: 1550 / 7.
    expect(await days('from=2026-03-30&to=2026-03-30')).toEqual([
      { date: '2026-03-30', tracked_minutes: 60, tracked_minutes_avg_7d: 221.43 },
    ]);
  });

  it('keeps whole lead-in days when the period starts at an instant, and counts nothing twice', async () => {
    // From 12:00 CEST on 29 March (10:00Z): that day counts 10:00Z → 22:00Z of the long entry,
    // 720 minutes; the lead-in is still 23 … 28 March whole (70 − 10 + 120 = 180) and ends at
    // local midnight, so the 29th's morning is in neither. (180 + 720) / 7 = 128.571…
    expect(await days('from=2026-03-29T10:00:00Z&to=2026-03-29')).toEqual([
      { date: '2026-03-29', tracked_minutes: 720, tracked_minutes_avg_7d: 128.57 },
    ]);
  });

  it('uses the local days of the zone asked for', async () => {
    // In UTC the long entry gives 28 March 180 (21:00 → 24:00) and 29 March 1380 (00:00 →
    // 23:00); 23 March 70, 26 March −10. 23 … 29 March: 70 − 10 + 180 + 1380 = 1620 → 231.43.
    expect(await days('from=2026-03-29&to=2026-03-29&tz=UTC')).toEqual([
      { date: '2026-03-29', tracked_minutes: 1380, tracked_minutes_avg_7d: 231.43 },
    ]);
  });
});
