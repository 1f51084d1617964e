import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addPersonalToken } from './helpers/metrics-fixtures.js';

// 20:00 UTC on Monday 2 March 2026 is already 05:00 on Tuesday 3 March in Tokyo, and 12:00 on
// 2 March in Los Angeles (PST, UTC−8): "today" depends on the zone.
const clock = manualClock(new Date('2026-03-02T20:00:00Z'));
let t: TestApp;
let tokyo: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock });
  tokyo = await createUser(t.app, { timezone: 'Asia/Tokyo' });
});
afterAll(async () => {
  await t.close();
});

const ENDPOINTS = [
  'summary',
  'categories',
  'weekly',
  'time-efficiency',
  'productivity-trends',
  'priorities',
  'insights',
] as const;

async function get(path: string, headers: Record<string, string> = tokyo.headers) {
  return t.app.inject({ method: 'GET', url: path, headers });
}

describe('metrics period parameters', () => {
  it('defaults to the last 30 local days ending today in the profile time zone', async () => {
    // Today in Tokyo is 2026-03-03. 30 days back, inclusive: 3, 2, 1 March (3 days) and
    // 28 … 2 February (27 days) → from 2026-02-02.
    for (const name of ENDPOINTS.filter((n) => n !== 'weekly')) {
      const res = await get(`/metrics/${name}`);
      expect(res.statusCode, name).toBe(200);
      expect(res.json().period, name).toEqual({
        from: '2026-02-02',
        to: '2026-03-03',
        tz: 'Asia/Tokyo',
      });
    }
  });

  it('tz overrides the profile zone and moves "today"', async () => {
    // In UTC and in Los Angeles it is still 2 March; 30 days back is 1 February.
    for (const tz of ['UTC', 'America/Los_Angeles']) {
      const res = await get(`/metrics/summary?tz=${encodeURIComponent(tz)}`);
      expect(res.json().period).toEqual({ from: '2026-02-01', to: '2026-03-02', tz });
    }
  });

  it('days=N ends today; days=1 is today only and days=366 reaches back 365 days', async () => {
    expect((await get('/metrics/summary?days=1')).json().period).toEqual({
      from: '2026-03-03',
      to: '2026-03-03',
      tz: 'Asia/Tokyo',
    });
    expect((await get('/metrics/summary?days=7')).json().period.from).toBe('2026-02-25');
    // 2026-03-03 minus 365 days: 2025-03-03 (no 29 February in between).
    expect((await get('/metrics/summary?days=366')).json().period.from).toBe('2025-03-03');
  });

  it('a date-time from/to is echoed as the instant, in UTC', async () => {
    const res = await get(
      `/metrics/summary?from=${encodeURIComponent('2026-03-01T09:30:00+09:00')}&to=2026-03-03`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().period).toEqual({
      from: '2026-03-01T00:30:00.000Z',
      to: '2026-03-03',
      tz: 'Asia/Tokyo',
    });
    // 2025-01-01 … 2026-01-01 in Tokyo is 366 local days: the limit, accepted.
    expect((await get('/metrics/summary?from=2025-01-01&to=2026-01-01T15:00:00Z')).statusCode).toBe(
      200,
    );
  });

  it('from/to are echoed as given, from one day up to 366 days', async () => {
    const one = await get('/metrics/priorities?from=2026-01-15&to=2026-01-15');
    expect(one.json().period).toEqual({ from: '2026-01-15', to: '2026-01-15', tz: 'Asia/Tokyo' });
    // 2024 is a leap year: 2024-01-01 … 2024-12-31 is exactly 366 days.
    const leap = await get('/metrics/summary?from=2024-01-01&to=2024-12-31');
    expect(leap.statusCode).toBe(200);
    const future = await get('/metrics/productivity-trends?from=2026-04-01&to=2026-04-03');
    expect(future.statusCode).toBe(200);
    expect(future.json().days.map((d: { date: string }) => d.date)).toEqual([
      '2026-04-01',
      '2026-04-02',
      '2026-04-03',
    ]);
  });

  it('week_start is accepted by every endpoint', async () => {
    for (const name of ENDPOINTS) {
      const res = await get(`/metrics/${name}?week_start=sunday`);
      expect(res.statusCode, name).toBe(200);
    }
  });

  it('weekly: weeks=N covers N local weeks ending with the current one', async () => {
    // Tuesday 2026-03-03 in Tokyo: the ISO week started Monday 2 March; 4 weeks → 9 February.
    const res = await get('/metrics/weekly');
    expect(res.json().period).toEqual({ from: '2026-02-09', to: '2026-03-03', tz: 'Asia/Tokyo' });
    expect(res.json().week_start).toBe('monday');
    expect(res.json().weeks.map((w: { week_start: string }) => w.week_start)).toEqual([
      '2026-02-09',
      '2026-02-16',
      '2026-02-23',
      '2026-03-02',
    ]);
    // Sunday weeks: the current one started Sunday 1 March.
    const sunday = await get('/metrics/weekly?weeks=2&week_start=sunday');
    expect(sunday.json().period.from).toBe('2026-02-22');
    expect(sunday.json().week_start).toBe('sunday');
    const last = sunday.json().weeks[1];
    expect(last).toMatchObject({ week_start: '2026-03-01', from: '2026-03-01', to: '2026-03-03' });
    expect(last.days).toBe(3);
  });

  it('weekly with an explicit period clips its first and last weeks to it', async () => {
    // Wednesday 4 March to Tuesday 10 March, ISO weeks: 4–8 March (5 days) and 9–10 (2 days).
    const res = await get('/metrics/weekly?from=2026-03-04&to=2026-03-10');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .weeks.map((w: { week_start: string; from: string; to: string; days: number }) => [
          w.week_start,
          w.from,
          w.to,
          w.days,
        ]),
    ).toEqual([
      ['2026-03-02', '2026-03-04', '2026-03-08', 5],
      ['2026-03-09', '2026-03-09', '2026-03-10', 2],
    ]);
  });

  describe('422 for anything else', () => {
    const cases: [string, string, string][] = [
      ['summary', 'days=0', 'query.days'],
      ['summary', 'days=367', 'query.days'],
      ['summary', 'days=-3', 'query.days'],
      ['summary', 'days=1.5', 'query.days'],
      ['summary', 'days=abc', 'query.days'],
      ['summary', 'days=', 'query.days'],
      ['categories', 'from=2026-03-01', 'query.to'],
      ['categories', 'to=2026-03-01', 'query.from'],
      ['time-efficiency', 'days=7&from=2026-03-01&to=2026-03-02', 'query.days'],
      ['time-efficiency', 'days=7&from=2026-03-01', 'query.days'],
      ['time-efficiency', 'days=7&to=2026-03-01', 'query.days'],
      ['priorities', 'from=2026-03-02&to=2026-03-01', 'query.to'],
      ['priorities', 'from=2026-02-30&to=2026-03-01', 'query.from'],
      ['priorities', 'from=2026-03-01&to=2026-02-29', 'query.to'],
      ['productivity-trends', 'from=20260301&to=20260302', 'query.from'],
      ['productivity-trends', 'from=2026-3-1&to=2026-03-02', 'query.from'],
      // A date-time is fine (test/time-period.test.ts) when RFC 3339: with its offset.
      ['productivity-trends', 'from=2026-03-01T00:00:00&to=2026-03-02', 'query.from'],
      // An empty period: a date-time `to` at a date `from`'s first instant (Tokyo, UTC+9).
      ['productivity-trends', 'from=2026-03-01&to=2026-02-28T15:00:00Z', 'query.to'],
      // 366 local days at most, counted from the first local day to the last one touched:
      // 2025-01-01 … 2026-01-01 in Tokyo is 366 days, and 15:00Z on 1 January is 2 January.
      ['insights', 'from=2025-01-01&to=2026-01-01T15:00:00.001Z', 'query.to'],
      // 2025-01-01 … 2026-01-02 is 367 days.
      ['insights', 'from=2025-01-01&to=2026-01-02', 'query.to'],
      ['insights', 'tz=Mars%2FOlympus_Mons', 'query.tz'],
      ['insights', 'tz=', 'query.tz'],
      ['insights', 'tz=+05:00', 'query.tz'],
      ['insights', `tz=${'A'.repeat(65)}`, 'query.tz'],
      ['summary', 'week_start=friday', 'query.week_start'],
      ['summary', 'weeks=4', 'query.weeks'],
      ['summary', 'limit=10', 'query.limit'],
      ['weekly', 'weeks=0', 'query.weeks'],
      ['weekly', 'weeks=53', 'query.weeks'],
      ['weekly', 'weeks=2&days=14', 'query.weeks'],
      ['weekly', 'weeks=2&from=2026-03-01&to=2026-03-02', 'query.weeks'],
      ['weekly', 'days=400', 'query.days'],
    ];
    it.each(cases)('/metrics/%s?%s → 422 at %s', async (name, query, location) => {
      const res = await get(`/metrics/${name}?${query}`);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 422, code: 'validation_failed' });
      expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
    });
  });
});

describe('metrics authentication', () => {
  it('every endpoint answers 401 without a token', async () => {
    for (const name of ENDPOINTS) {
      const res = await t.app.inject({ method: 'GET', url: `/metrics/${name}` });
      expect(res.statusCode, name).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Bearer');
    }
  });

  it('a personal access token needs the metrics:read scope', async () => {
    const without = await addPersonalToken(t.app, tokyo.id, ['tasks:read', 'time:read']);
    const withScope = await addPersonalToken(t.app, tokyo.id, ['metrics:read']);
    for (const name of ENDPOINTS) {
      const denied = await get(`/metrics/${name}`, without);
      expect(denied.statusCode, name).toBe(403);
      expect(denied.json().code).toBe('insufficient_scope');
      expect((await get(`/metrics/${name}`, withScope)).statusCode, name).toBe(200);
    }
  });
});
