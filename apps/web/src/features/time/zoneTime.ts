import { TZDate } from '@date-fns/tz';

// Local calendar days and wall-clock times in the profile's time zone, to and from instants.
// A day is `YYYY-MM-DD`, a time `HH:mm` (what <input type="date"/"time"> read and write).
// Calendar arithmetic on days is done in UTC, where every day has 24 hours; only the step
// between a local day/time and an instant goes through the zone (TZDate).

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayParts(day: string): [number, number, number] | undefined {
  const match = DAY.exec(day);
  if (match === null) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) return undefined;
  return [year, month, date];
}

/** A real calendar day written `YYYY-MM-DD`. */
export const isDay = (day: string): boolean => dayParts(day) !== undefined;

/** A wall-clock time written `HH:mm` (24 h). */
export const isTime = (time: string): boolean => TIME.test(time);

/** `day` moved by `days` calendar days (negative goes back). */
export function addDays(day: string, days: number): string {
  const parts = dayParts(day);
  if (parts === undefined) throw new RangeError(`Not a calendar day: ${day}`);
  const date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2] + days));
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** 0 = Sunday … 6 = Saturday, of a calendar day (no zone: a day is the same weekday everywhere). */
export function weekday(day: string): number {
  const parts = dayParts(day);
  if (parts === undefined) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date(Date.UTC(parts[0], parts[1] - 1, parts[2])).getUTCDay();
}

/** The local day and time (minutes, seconds dropped) of an instant in `timeZone`. */
export function localDateTime(
  instant: string | number,
  timeZone: string,
): { day: string; time: string } {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const local = new TZDate(ms, timeZone);
  return {
    day: `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
  };
}

/** Today's date in `timeZone`. */
export const todayIn = (timeZone: string, now = Date.now()): string =>
  localDateTime(now, timeZone).day;

/**
 * The instant (ms) of wall-clock `time` on `day` in `timeZone`. A time skipped by a clock
 * change (02:30 on a spring-forward night) moves forward by the gap; a repeated one (autumn)
 * is taken as the later of the two, as TZDate resolves it.
 */
export function instantOf(day: string, time: string, timeZone: string): number {
  const parts = dayParts(day);
  const clock = TIME.exec(time);
  if (parts === undefined || clock === null) {
    throw new RangeError(`Not a local day and time: ${day} ${time}`);
  }
  return new TZDate(
    parts[0],
    parts[1] - 1,
    parts[2],
    Number(clock[1]),
    Number(clock[2]),
    0,
    0,
    timeZone,
  ).getTime();
}

/** Where local `day` starts and the next begins, as instants (23 or 25 h apart across DST). */
export function dayBounds(day: string, timeZone: string): { start: number; end: number } {
  return {
    start: instantOf(day, '00:00', timeZone),
    end: instantOf(addDays(day, 1), '00:00', timeZone),
  };
}
