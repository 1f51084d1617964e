import { TZDate } from '@date-fns/tz';

// Calendar days and wall-clock times in the profile's time zone, to and from the API's UTC
// instants. A due date without a time means "by the end of that day where the user lives"
// (23:59:59.999 local), the same rule as the quick-add grammar, so a task typed as `due:fri`
// and one picked in the date field are due at the same instant.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;

/** `YYYY-MM-DD` when `day` is a real calendar date, else undefined. */
export function parseDay(day: string): { year: number; month: number; date: number } | undefined {
  const match = DAY.exec(day);
  if (match === null) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return undefined;
  if (check.getUTCDate() !== date) return undefined;
  return { year, month, date };
}

export function isDay(day: string): boolean {
  return parseDay(day) !== undefined;
}

/** The calendar day after `day` (`2025-02-28` → `2025-03-01`). */
export function nextDay(day: string): string {
  const parts = parseDay(day);
  if (parts === undefined) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date(Date.UTC(parts.year, parts.month - 1, parts.date + 1)).toISOString().slice(0, 10);
}

/**
 * The instant of a wall-clock time on `day` in `timeZone`, as RFC 3339 UTC. `time` is `HH:mm`;
 * empty means the end of the day. A time skipped by a clock change moves forward by the gap.
 */
export function instantAt(day: string, time: string, timeZone: string): string {
  const parts = parseDay(day);
  if (parts === undefined) throw new RangeError(`Not a calendar day: ${day}`);
  const clock = TIME.exec(time);
  const [hours, minutes, seconds, ms] =
    clock === null ? [23, 59, 59, 999] : [Number(clock[1]), Number(clock[2]), 0, 0];
  const local = new TZDate(
    parts.year,
    parts.month - 1,
    parts.date,
    hours,
    minutes,
    seconds,
    ms,
    timeZone,
  );
  return new Date(local.getTime()).toISOString();
}

/** Midnight at the start of `day` in `timeZone`, as RFC 3339 UTC. */
export function startOfDayAt(day: string, timeZone: string): string {
  return instantAt(day, '00:00', timeZone);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * An instant as the day and time a person in `timeZone` sees: `{ day: '2025-03-07', time:
 * '17:00' }`. The end of a day (23:59:59.999, what a date without a time becomes) gives time ''.
 */
export function wallClock(instant: string, timeZone: string): { day: string; time: string } {
  const local = new TZDate(Date.parse(instant), timeZone);
  const day = `${String(local.getFullYear()).padStart(4, '0')}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  const endOfDay =
    local.getHours() === 23 &&
    local.getMinutes() === 59 &&
    local.getSeconds() === 59 &&
    local.getMilliseconds() === 999;
  return { day, time: endOfDay ? '' : `${pad(local.getHours())}:${pad(local.getMinutes())}` };
}

/** True when the instant is the end of a local day: a due date that has no time of its own. */
export function isAllDay(instant: string, timeZone: string): boolean {
  return wallClock(instant, timeZone).time === '';
}
