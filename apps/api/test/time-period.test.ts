import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/query.js';
import { startOfLocalDay } from '../src/shared/period.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addEntry, addTask } from './helpers/metrics-fixtures.js';
import { expect422 } from './helpers/time.js';

// One rule for every period parameter (issue 13 §4): a YYYY-MM-DD date is a whole local day in
// tz (the profile's by default), included at both ends; an RFC 3339 date-time is an instant,
// `from` included and `to` excluded. Checked on /time-entries, both exports and /metrics with
// instants around local midnights in Europe/Berlin. Every expected value is worked out in the
// comments from the fixture's instants, none is read back from the API.
//
// Berlin is UTC+1 (CET) until 2026-03-29 02:00, then UTC+2 (CEST). So the local day
// 2026-03-10 is [2026-03-09T23:00Z, 2026-03-10T23:00Z), and 2026-03-29 is 23 hours long:
// [2026-03-28T23:00Z, 2026-03-29T22:00Z).
const clock = manualClock(new Date('2026-04-01T12:00:00Z'));
let t: TestApp;
let berlin: TestUser;

// Entry starts (and task creations) on both sides of the local midnights of 10 March.
const E1 = '2026-03-09T22:30:00.000Z'; // 23:30 on 9 March in Berlin       15 min
const E2 = '2026-03-09T23:15:00.000Z'; // 00:15 on 10 March (UTC: the 9th)  15 min
const E3 = '2026-03-10T12:00:00.000Z'; // 13:00 on 10 March                 30 min
const E4 = '2026-03-10T22:30:00.000Z'; // 23:30 on 10 March                 20 min
const E5 = '2026-03-10T23:10:00.000Z'; // 00:10 on 11 March (UTC: the 10th) 10 min
// Around the 23-hour day 29 March.
const F1 = '2026-03-28T22:50:00.000Z'; // 23:50 CET on 28 March              5 min
const F2 = '2026-03-28T23:05:00.000Z'; // 00:05 CET on 29 March              7 min
const F3 = '2026-03-29T21:55:00.000Z'; // 23:55 CEST on 29 March             3 min
const F4 = '2026-03-29T22:05:00.000Z'; // 00:05 CEST on 30 March             9 min

const plus = (iso: string, minutes: number) =>
  new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ clock });
  berlin = await createUser(t.app, { timezone: 'Europe/Berlin' });
  // The entries' task was created long before, so it never falls in a period below.
  const holder = await addTask(t.app, berlin.id, {
    title: 'holder',
    createdAt: '2026-01-05T10:00:00Z',
  });
  const minutes: [string, number][] = [
    [E1, 15],
    [E2, 15],
    [E3, 30],
    [E4, 20],
    [E5, 10],
    [F1, 5],
    [F2, 7],
    [F3, 3],
    [F4, 9],
  ];
  for (const [start, m] of minutes) {
    await addEntry(t.app, berlin.id, holder, start, plus(start, m), 'manual');
  }
  // One task created at each of E1…E5. t3 is completed at 12:05Z on 10 March, t4 at 20:00Z.
  const tasks: [string, string, string | null][] = [
    ['t1', E1, null],
    ['t2', E2, null],
    ['t3', E3, '2026-03-10T12:05:00Z'],
    ['t4', E4, '2026-03-10T20:00:00Z'],
    ['t5', E5, null],
  ];
  for (const [title, createdAt, completedAt] of tasks) {
    await addTask(t.app, berlin.id, { title, createdAt, completedAt });
  }
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, user: TestUser = berlin) {
  return t.app.inject({ method: 'GET', url, headers: user.headers });
}

/** started_at of the listed entries, oldest first. */
async function listed(qs: string): Promise<string[]> {
  const res = await get(`/time-entries?${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ started_at: string }[]>().map((e) => e.started_at);
}

async function exportedEntries(qs: string): Promise<string[]> {
  const res = await get(`/time-entries/export?format=json&${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ started_at: string }[]>().map((e) => e.started_at);
}

async function exportedTasks(qs: string): Promise<string[]> {
  const res = await get(`/tasks/export?format=json&${qs}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ title: string }[]>().map((e) => e.title);
}

/** The same query answered by the list and the entries export. */
async function entries(qs: string): Promise<string[]> {
  const list = await listed(qs);
  expect(await exportedEntries(qs)).toEqual(list);
  return list;
}

describe('a date names a whole local day, in the profile time zone or tz', () => {
  it('/time-entries and /time-entries/export: from=to=one day is that Berlin day', async () => {
    // [09T23:00Z, 10T23:00Z): E2 (UTC 9 March) is in, E5 (UTC 10 March) is out.
    expect(await entries('from=2026-03-10&to=2026-03-10')).toEqual([E2, E3, E4]);
    // Two days, both included: 10 and 11 March.
    expect(await entries('from=2026-03-10&to=2026-03-11')).toEqual([E2, E3, E4, E5]);
    // A date `from` alone: everything from the start of that day on.
    expect(await entries('from=2026-03-11')).toEqual([E5, F1, F2, F3, F4]);
    // A date `to` alone: everything up to the end of that day.
    expect(await entries('to=2026-03-09')).toEqual([E1]);
  });

  it('tz overrides the profile zone', async () => {
    // The UTC day 10 March: [10T00:00Z, 11T00:00Z).
    expect(await entries('from=2026-03-10&to=2026-03-10&tz=UTC')).toEqual([E3, E4, E5]);
    // New York (EDT since 8 March, UTC−4): [10T04:00Z, 11T04:00Z).
    expect(await entries('from=2026-03-10&to=2026-03-10&tz=America%2FNew_York')).toEqual([
      E3,
      E4,
      E5,
    ]);
    // Tokyo (UTC+9): [09T15:00Z, 10T15:00Z).
    expect(await entries('from=2026-03-10&to=2026-03-10&tz=Asia%2FTokyo')).toEqual([E1, E2, E3]);
  });

  it('a 23-hour DST day ends at its own local midnight, not 24 h after it began', async () => {
    // [28T23:00Z, 29T22:00Z): F2 and F3; F4 at 22:05Z is already 30 March.
    expect(await entries('from=2026-03-29&to=2026-03-29')).toEqual([F2, F3]);
  });

  it('/tasks/export: tasks created on the local days', async () => {
    expect(await exportedTasks('from=2026-03-10&to=2026-03-10')).toEqual(['t2', 't3', 't4']);
    expect(await exportedTasks('from=2026-03-10&to=2026-03-10&tz=UTC')).toEqual(['t3', 't4', 't5']);
    // Without from/to: every task, as before.
    expect(await exportedTasks('')).toEqual(['holder', 't1', 't2', 't3', 't4', 't5']);
  });

  it('the issue 13 example answers 200 with a CSV, no longer 422', async () => {
    const res = await get('/time-entries/export?format=csv&from=2026-12-01&to=2026-12-03');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
  });
});

describe('a date-time names an instant: from included, to excluded', () => {
  it('/time-entries and its export', async () => {
    // [E2, E4): E2 included, E4 (exactly at `to`) excluded.
    expect(await entries(`from=${E2}&to=${E4}`)).toEqual([E2, E3]);
    // The same instants written with an offset: 00:15+01:00 is 23:15Z on the 9th.
    const from = encodeURIComponent('2026-03-10T00:15:00+01:00');
    const to = encodeURIComponent('2026-03-10T23:30:00+01:00');
    expect(await entries(`from=${from}&to=${to}`)).toEqual([E2, E3]);
    // tz changes nothing for instants.
    expect(await entries(`from=${E2}&to=${E4}&tz=Asia%2FTokyo`)).toEqual([E2, E3]);
  });

  it('mixed: a date-time from and a date to, and the reverse', async () => {
    // [E3, end of 10 March in Berlin = 10T23:00Z).
    expect(await entries(`from=${E3}&to=2026-03-10`)).toEqual([E3, E4]);
    // [start of 10 March = 09T23:00Z, E4).
    expect(await entries(`from=2026-03-10&to=${E4}`)).toEqual([E2, E3]);
  });

  it('/tasks/export', async () => {
    expect(await exportedTasks(`from=${E2}&to=${E4}`)).toEqual(['t2', 't3']);
    expect(await exportedTasks(`from=${E3}&to=2026-03-11`)).toEqual(['t3', 't4', 't5']);
  });
});

describe('/metrics takes both forms too', () => {
  const summary = async (qs: string) => {
    const res = await get(`/metrics/summary?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      period: { from: string; to: string; tz: string };
      tracked_minutes: number;
      created_in_period: number;
      completed_in_period: number;
    }>();
  };

  it('dates: whole local days, as before', async () => {
    const day = await summary('from=2026-03-10&to=2026-03-10');
    // E2 + E3 + E4 = 15 + 30 + 20; tasks t2, t3, t4 created; t3 and t4 completed.
    expect(day).toMatchObject({
      tracked_minutes: 65,
      created_in_period: 3,
      completed_in_period: 2,
    });
    expect(day.period).toEqual({ from: '2026-03-10', to: '2026-03-10', tz: 'Europe/Berlin' });
    // In UTC: E3 + E4 + E5 = 60; t3, t4, t5.
    const utc = await summary('from=2026-03-10&to=2026-03-10&tz=UTC');
    expect(utc).toMatchObject({ tracked_minutes: 60, created_in_period: 3 });
    // The 23-hour day: F2 + F3 = 10 minutes.
    expect((await summary('from=2026-03-29&to=2026-03-29')).tracked_minutes).toBe(10);
  });

  it('date-times: the instants, with entries clipped to them', async () => {
    // [12:10Z, 22:40Z) on 10 March: 20 of E3's 30 minutes and 10 of E4's 20; t4 created (22:30)
    // and completed (20:00); t3 was created at 12:00 and completed at 12:05, before the start.
    const part = await summary(
      `from=${encodeURIComponent('2026-03-10T12:10:00Z')}&to=2026-03-10T22:40:00Z`,
    );
    expect(part).toMatchObject({
      tracked_minutes: 30,
      created_in_period: 1,
      completed_in_period: 1,
    });
    // Echoed as given, in UTC.
    expect(part.period).toEqual({
      from: '2026-03-10T12:10:00.000Z',
      to: '2026-03-10T22:40:00.000Z',
      tz: 'Europe/Berlin',
    });
    // Mixed: from the start of 10 March (09T23:00Z) to E3 + 10 minutes: E2 and 10 of E3.
    const mixed = await summary(`from=2026-03-10&to=${plus(E3, 10)}`);
    expect(mixed.tracked_minutes).toBe(25);
    expect(mixed.period).toEqual({
      from: '2026-03-10',
      to: '2026-03-10T12:10:00.000Z',
      tz: 'Europe/Berlin',
    });
  });

  it('productivity-trends: the local days a date-time period touches, each in part', async () => {
    // [12:15Z on 10 March, 23:15Z) = 13:15 on 10 March to 00:15 on 11 March in Berlin.
    const res = await get(
      '/metrics/productivity-trends?from=2026-03-10T12:15:00Z&to=2026-03-10T23:15:00Z',
    );
    expect(res.statusCode, res.body).toBe(200);
    const { days } = res.json<{
      days: { date: string; tracked_minutes: number; created: number; completed: number }[];
    }>();
    expect(days.map((d) => d.date)).toEqual(['2026-03-10', '2026-03-11']);
    // 10 March: E3 from 12:15 to 12:30 (15) + E4 (20); 11 March: E5 from 23:10 to 23:15 (5).
    expect(days.map((d) => d.tracked_minutes)).toEqual([35, 5]);
    // Created: t4 (22:30Z, 10 March) and t5 (23:10Z, 00:10 on 11 March); t3 is before 12:15.
    expect(days.map((d) => d.created)).toEqual([1, 1]);
    // Completed on 10 March: t4 (20:00Z) only; t3's completion (12:05Z) is before the start.
    expect(days.map((d) => d.completed)).toEqual([1, 0]);
  });

  it('weekly takes date-times too', async () => {
    const res = await get('/metrics/weekly?from=2026-03-10T12:15:00Z&to=2026-03-10T23:15:00Z');
    expect(res.statusCode, res.body).toBe(200);
    const [week] = res.json<{
      weeks: { from: string; to: string; tracked_minutes: number }[];
    }>().weeks;
    expect(week).toMatchObject({ from: '2026-03-10', to: '2026-03-11', tracked_minutes: 40 });
  });
});

describe('validation, the same on every route', () => {
  const ROUTES = [
    '/time-entries?',
    '/time-entries/export?format=csv&',
    '/tasks/export?format=csv&',
    '/metrics/summary?',
  ];
  const cases: [string, string][] = [
    // An empty period: `to` at or before `from`.
    [`from=${E3}&to=${E3}`, 'query.to'],
    ['from=2026-03-11&to=2026-03-10', 'query.to'],
    [`from=2026-03-11&to=${E4}`, 'query.to'],
    // Neither a date nor an RFC 3339 date-time (no offset, no such day, wrong shape).
    ['from=2026-03-10T12:00:00&to=2026-03-11', 'query.from'],
    ['from=2026-02-30&to=2026-03-11', 'query.from'],
    ['from=20260310&to=2026-03-11', 'query.from'],
    // Outside 1970-01-01 … 9999-12-31.
    ['from=1969-12-31&to=2026-03-11', 'query.from'],
    ['from=2026-03-10&to=10000-01-01', 'query.to'],
    ['from=1969-12-31T23:59:59Z&to=2026-03-11', 'query.from'],
    // tz is checked as in /metrics.
    ['from=2026-03-10&to=2026-03-11&tz=Mars%2FOlympus_Mons', 'query.tz'],
    ['from=2026-03-10&to=2026-03-11&tz=', 'query.tz'],
  ];
  it.each(ROUTES.flatMap((r) => cases.map(([qs, at]) => [r, qs, at] as const)))(
    '%s%s → 422 at %s',
    async (route, qs, location) => {
      expect422(await get(`${route}${qs}`), location);
    },
  );

  it('the widest periods are accepted (lists and exports have no length limit)', async () => {
    for (const route of ROUTES.slice(0, 3)) {
      const res = await get(`${route}from=1970-01-01&to=9999-12-31&tz=Pacific%2FKiritimati`);
      expect(res.statusCode, `${route} ${res.body}`).toBe(200);
    }
    const late = await get('/time-entries?from=9999-12-31&to=9999-12-31&tz=Pacific%2FHonolulu');
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toEqual([]);
    // /metrics: 9999-12-31T12:00Z is already 10000-01-01 in Kiritimati (UTC+14).
    const last = await get(
      '/metrics/productivity-trends?from=9999-12-31T09:00:00Z&to=9999-12-31T12:00:00Z' +
        '&tz=Pacific%2FKiritimati',
    );
    expect(last.statusCode, last.body).toBe(200);
    expect(last.json().days.map((d: { date: string }) => d.date)).toEqual([
      '9999-12-31',
      '10000-01-01',
    ]);
  });
});

describe('local midnight is the same in the API and in the database', () => {
  // Days where clocks change at midnight: Santiago jumps from 24:00 to 01:00 (midnight does not
  // exist), Havana falls back from 01:00 to 00:00 (midnight happens twice), Beirut changed at
  // 00:00 both ways, São Paulo jumped at midnight. And ordinary DST days for comparison.
  const DAYS: [string, string][] = [
    ['America/Santiago', '2022-09-11'],
    ['America/Santiago', '2022-04-03'],
    ['America/Havana', '2022-11-06'],
    ['America/Havana', '2022-03-13'],
    ['Asia/Beirut', '2022-03-27'],
    ['Asia/Beirut', '2022-10-30'],
    ['America/Sao_Paulo', '2018-11-04'],
    ['America/Sao_Paulo', '2019-02-17'],
    ['Europe/Berlin', '2026-03-29'],
    ['Europe/Berlin', '2026-10-25'],
    ['America/New_York', '2026-03-08'],
    ['Asia/Tokyo', '1970-01-01'],
    ['Pacific/Kiritimati', '2026-06-01'],
    ['UTC', '9999-12-31'],
  ];
  it.each(DAYS)('%s %s', async (tz, date) => {
    // PostgreSQL's reading of local midnight: the one the analytics' SQL uses.
    const [row] = await queryRows<{ ms: number }>(
      t.database.db,
      sql`select (extract(epoch from (${date}::date::timestamp at time zone ${tz}::text))
        * 1000)::float8 as ms`,
    );
    expect(startOfLocalDay(date, tz).getTime()).toBe(row!.ms);
  });

  it('the worked examples, by hand', () => {
    // Santiago 2022-09-11: 24:00 (−04) became 01:00 (−03), so the day starts at 04:00Z.
    expect(startOfLocalDay('2022-09-11', 'America/Santiago').toISOString()).toBe(
      '2022-09-11T04:00:00.000Z',
    );
    // Havana 2022-11-06: 01:00 CDT (−04) fell back to 00:00 CST (−05); the later midnight.
    expect(startOfLocalDay('2022-11-06', 'America/Havana').toISOString()).toBe(
      '2022-11-06T05:00:00.000Z',
    );
    expect(startOfLocalDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(startOfLocalDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
  });
});
