import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantOf,
  isRealDate,
  wallClockAt,
  weekdayOf,
  type WallClock,
} from '../src/zone.js';

/** Expected instants are worked out by hand from the zone's published offsets. */

const wall = (
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): WallClock => ({ year, month, day, hour, minute, second, millisecond });

const iso = (ms: number): string => new Date(ms).toISOString();

describe('instantOf', () => {
  it.each([
    // [zone, wall clock, instant, why]
    ['Europe/Berlin', wall(2026, 1, 15, 12), '2026-01-15T11:00:00.000Z', 'CET, UTC+1'],
    ['Europe/Berlin', wall(2026, 7, 15, 12), '2026-07-15T10:00:00.000Z', 'CEST, UTC+2'],
    ['Europe/Berlin', wall(2026, 3, 29, 1, 59), '2026-03-29T00:59:00.000Z', 'last minute of CET'],
    ['Europe/Berlin', wall(2026, 3, 29, 2, 30), '2026-03-29T01:30:00.000Z', 'gap: 03:30 CEST'],
    ['Europe/Berlin', wall(2026, 3, 29, 3, 0), '2026-03-29T01:00:00.000Z', 'first CEST time'],
    ['Europe/Berlin', wall(2026, 10, 25, 2, 30), '2026-10-25T00:30:00.000Z', 'twice: CEST first'],
    ['Europe/Berlin', wall(2026, 10, 25, 3, 0), '2026-10-25T02:00:00.000Z', 'CET again'],
    ['America/New_York', wall(2026, 3, 8, 2, 30), '2026-03-08T07:30:00.000Z', 'gap: 03:30 EDT'],
    ['America/New_York', wall(2026, 11, 1, 1, 30), '2026-11-01T05:30:00.000Z', 'twice: EDT first'],
    ['Asia/Kathmandu', wall(2026, 3, 6, 0, 0), '2026-03-05T18:15:00.000Z', 'UTC+5:45'],
    ['Pacific/Kiritimati', wall(2026, 3, 7, 0, 0), '2026-03-06T10:00:00.000Z', 'UTC+14'],
    // Samoa skipped Friday 30 December 2011 (UTC-10 → UTC+14): the lost day moves forward a day.
    ['Pacific/Apia', wall(2011, 12, 30, 12), '2011-12-30T22:00:00.000Z', '= 31 Dec 12:00 +14'],
  ])('%s %o is %s (%s)', (zone, w, expected) => {
    expect(iso(instantOf(w, zone))).toBe(expected);
  });
});

describe('wallClockAt', () => {
  it('reads the zone, not the machine', () => {
    expect(wallClockAt(Date.parse('2026-03-06T11:00:00.000Z'), 'Pacific/Kiritimati')).toEqual(
      wall(2026, 3, 7, 1), // Saturday 01:00 at UTC+14
    );
    expect(wallClockAt(Date.parse('2026-10-25T00:30:00.000Z'), 'Europe/Berlin')).toEqual(
      wall(2026, 10, 25, 2, 30), // the first 02:30 (CEST)
    );
  });
});

describe('calendar helpers', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays({ year: 2026, month: 1, day: 31 }, 1)).toEqual({ year: 2026, month: 2, day: 1 });
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({
      year: 2028,
      month: 2,
      day: 29,
    });
    expect(addDays({ year: 2026, month: 1, day: 1 }, -1)).toEqual({
      year: 2025,
      month: 12,
      day: 31,
    });
  });

  it('names weekdays from Sunday (0)', () => {
    expect(weekdayOf({ year: 2026, month: 3, day: 6 })).toBe(5); // a Friday
    expect(weekdayOf({ year: 2026, month: 3, day: 8 })).toBe(0); // a Sunday
  });

  it('knows which dates exist', () => {
    expect(isRealDate({ year: 2028, month: 2, day: 29 })).toBe(true);
    expect(isRealDate({ year: 2026, month: 2, day: 29 })).toBe(false);
    expect(isRealDate({ year: 2026, month: 4, day: 31 })).toBe(false);
  });
});
