// The subpath keeps TZDate out of the web bundle (@date-fns/tz is not marked side-effect free).
import { tzOffset } from '@date-fns/tz/tzOffset';

/**
 * Calendar dates and wall-clock times in an IANA zone, converted to and from instants with the
 * zone's offsets only (Intl through @date-fns/tz). Nothing here reads the machine's zone: plain
 * `Date` getters and TZDate's constructor both do, and TZDate resolves an ambiguous autumn time
 * differently depending on where it runs, so the arithmetic below is done on UTC fields.
 */

export interface CalendarDate {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
}

export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Throws a RangeError for a zone the runtime does not know (Intl's own check and message). */
export function assertTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

/** The zone's offset from UTC at an instant, in minutes (+60 for Berlin in winter). */
const offsetMinutes = (timeZone: string, ms: number): number => tzOffset(timeZone, new Date(ms));

/** The wall clock read as if it were UTC, in ms. Years 0-99 stay themselves (Date.UTC maps them to 19xx). */
export function utcFields(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

function fromUtcFields(ms: number): WallClock {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** What a clock on the wall in `timeZone` shows at the instant `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  return fromUtcFields(ms + offsetMinutes(timeZone, ms) * MINUTE_MS);
}

/**
 * The instant at which the wall clock in `timeZone` shows `w`, resolved as RFC 5545 and
 * Temporal's "compatible" mode do: a time skipped by the spring change moves forward by the
 * length of the gap (02:30 → 03:30), and a time that happens twice in autumn is its first
 * occurrence (still on summer time).
 */
export function instantOf(w: WallClock, timeZone: string): number {
  const local = utcFields(w);
  // The offsets in force a day before and a day after: every zone changes at most once in between.
  const before = offsetMinutes(timeZone, local - DAY_MS);
  const after = offsetMinutes(timeZone, local + DAY_MS);
  const matches = [local - before * MINUTE_MS, local - after * MINUTE_MS].filter(
    (ms) => ms + offsetMinutes(timeZone, ms) * MINUTE_MS === local,
  );
  // No match: the time is in the gap; the earlier offset carries it past the change.
  return matches.length > 0 ? Math.min(...matches) : local - before * MINUTE_MS;
}

const midnight = (d: CalendarDate): WallClock => ({
  year: d.year,
  month: d.month,
  day: d.day,
  hour: 0,
  minute: 0,
  second: 0,
  millisecond: 0,
});

/** Calendar arithmetic: 31 January + 1 is 1 February. */
export function addDays(d: CalendarDate, days: number): CalendarDate {
  const { year, month, day } = fromUtcFields(utcFields(midnight(d)) + days * DAY_MS);
  return { year, month, day };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(d: CalendarDate): number {
  return new Date(utcFields(midnight(d))).getUTCDay();
}

/** False for 29 February in a common year, 31 April and the like. */
export function isRealDate(d: CalendarDate): boolean {
  const back = addDays(d, 0);
  return back.year === d.year && back.month === d.month && back.day === d.day;
}

/**
 * The last millisecond of the day: a task due on a date is due until that day is over where the
 * user lives, so it turns overdue when the day ends there, not at its start or at UTC midnight.
 */
export function endOfDay(d: CalendarDate): WallClock {
  return { ...midnight(d), hour: 23, minute: 59, second: 59, millisecond: 999 };
}
