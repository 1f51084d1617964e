import { validationError } from '../../shared/errors.js';
import { isValidTimezone } from '../../shared/timezone.js';

/** The longest period any metrics endpoint accepts, in local days (a leap year). */
export const MAX_PERIOD_DAYS = 366;
export const DEFAULT_PERIOD_DAYS = 30;
export const DEFAULT_WEEKS = 4;

export type WeekStart = 'monday' | 'sunday';

export interface PeriodInput {
  days?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  tz?: string | undefined;
  week_start?: WeekStart | undefined;
}

/** A resolved period: inclusive local dates (YYYY-MM-DD) in the zone `tz`. */
export interface Period {
  from: string;
  to: string;
  tz: string;
  weekStart: WeekStart;
  /** The local calendar date of "now" in tz. */
  today: string;
  /** The instant used for "now" (running timers, overdue), from the injectable clock. */
  now: Date;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a YYYY-MM-DD calendar date, or undefined if it is not a real date. */
export function dayNumber(date: string): number | undefined {
  const m = DATE_PATTERN.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a round trip exposes dates that do not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return ms / DAY_MS;
}

export function dateFromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const n = dayNumber(date);
  if (n === undefined) throw new Error(`not a date: ${date}`);
  return dateFromDayNumber(n + days);
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0) + 1;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of an instant in an IANA zone. */
export function localDate(instant: Date, tz: string): string {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    if (formatters.size < 1000) formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year ?? ''}-${parts.month ?? ''}-${parts.day ?? ''}`;
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return (((dayNumber(date) ?? 0) % 7) + 7 + 4) % 7; // 1970-01-01 was a Thursday
}

/** The first day of the local week containing `date`. */
export function weekStartOf(date: string, weekStart: WeekStart): string {
  const offset = weekStart === 'sunday' ? weekday(date) : (weekday(date) + 6) % 7;
  return addDays(date, -offset);
}

function checkDate(name: 'from' | 'to', value: string): void {
  if (dayNumber(value) === undefined) {
    throw validationError(`query.${name}`, 'must be a calendar date formatted YYYY-MM-DD');
  }
}

/**
 * Resolves the common parameters. Either `days` (default 30, ending today) or both `from` and
 * `to`; anything else is a 422 naming the offending parameter. `fallbackTz` is the user's
 * profile zone, used when `tz` is absent.
 */
export function resolvePeriod(input: PeriodInput, fallbackTz: string, now: Date): Period {
  const tz = input.tz ?? fallbackTz;
  if (!isValidTimezone(tz)) {
    throw validationError('query.tz', 'must be an IANA time zone name such as Europe/Berlin');
  }
  const today = localDate(now, tz);
  const weekStart = input.week_start ?? 'monday';
  const hasFrom = input.from !== undefined;
  const hasTo = input.to !== undefined;

  if (input.days !== undefined && (hasFrom || hasTo)) {
    throw validationError('query.days', 'cannot be combined with from/to; send one or the other');
  }
  if (hasFrom !== hasTo) {
    throw validationError(hasFrom ? 'query.to' : 'query.from', 'is required with from/to');
  }
  if (input.from !== undefined && input.to !== undefined) {
    checkDate('from', input.from);
    checkDate('to', input.to);
    const span = daysBetween(input.from, input.to);
    if (span < 1) throw validationError('query.to', 'must not be before from');
    if (span > MAX_PERIOD_DAYS) {
      throw validationError('query.to', `the period must be at most ${MAX_PERIOD_DAYS} days`);
    }
    return { from: input.from, to: input.to, tz, weekStart, today, now };
  }
  const days = input.days ?? DEFAULT_PERIOD_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PERIOD_DAYS) {
    throw validationError('query.days', `must be an integer from 1 to ${MAX_PERIOD_DAYS}`);
  }
  return { from: addDays(today, -(days - 1)), to: today, tz, weekStart, today, now };
}

/**
 * The period of /metrics/weekly: `weeks=N` means the N local weeks ending with the week that
 * contains today (the current week runs up to today). An explicit days/from/to period is used
 * as given instead, and its first and last weeks may be partial.
 */
export function resolveWeeklyPeriod(
  input: PeriodInput & { weeks?: number | undefined },
  fallbackTz: string,
  now: Date,
): Period {
  const explicit = input.days !== undefined || input.from !== undefined || input.to !== undefined;
  if (input.weeks !== undefined && explicit) {
    throw validationError('query.weeks', 'cannot be combined with days or from/to');
  }
  const period = resolvePeriod(input, fallbackTz, now);
  if (explicit) return period;
  const weeks = input.weeks ?? DEFAULT_WEEKS;
  const first = addDays(weekStartOf(period.today, period.weekStart), -7 * (weeks - 1));
  return { ...period, from: first, to: period.today };
}
