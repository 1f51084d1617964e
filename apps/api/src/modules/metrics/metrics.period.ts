import { validationError } from '../../shared/errors.js';
import {
  addDays,
  checkTimezone,
  dateMs,
  localDate,
  resolveRange,
  storableInstant,
} from '../../shared/period.js';

export { addDays, localDate };

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

/**
 * A resolved period: the local days (YYYY-MM-DD, inclusive) in the zone `tz` from the start of
 * `from` to the end of `to`. A date-time `from` or `to` starts or ends the period at that
 * instant instead (`startAt`, `endAt`), inside its first or last day, which then counts only
 * in part. Local midnights are left to the SQL (metrics.sql.ts), which resolves them by the
 * same rule as shared/period.ts.
 */
export interface Period {
  /** The first local day of the period. */
  from: string;
  /** The last local day of the period. */
  to: string;
  tz: string;
  weekStart: WeekStart;
  /** The local calendar date of "now" in tz. */
  today: string;
  /** The instant used for "now" (running timers, overdue), from the injectable clock. */
  now: Date;
  /** The instant the period starts at, when `from` was a date-time. */
  startAt?: Date;
  /** The instant the period ends at (excluded), when `to` was a date-time. */
  endAt?: Date;
  /** `from` and `to` as the response echoes them: dates, or the instants given (UTC). */
  echo: { from: string; to: string };
}

const DAY_MS = 86_400_000;

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return ((dateMs(to) ?? 0) - (dateMs(from) ?? 0)) / DAY_MS + 1;
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
function weekday(date: string): number {
  return new Date(dateMs(date) ?? 0).getUTCDay();
}

/** The first day of the local week containing `date`. */
export function weekStartOf(date: string, weekStart: WeekStart): string {
  const offset = weekStart === 'sunday' ? weekday(date) : (weekday(date) + 6) % 7;
  return addDays(date, -offset);
}

/**
 * Resolves the common parameters. Either `days` (default 30, ending today) or both `from` and
 * `to` (each a date or a date-time: shared/period.ts); anything else is a 422 naming the
 * offending parameter. `fallbackTz` is the user's profile zone, used when `tz` is absent.
 */
export function resolvePeriod(input: PeriodInput, fallbackTz: string, now: Date): Period {
  const tz = checkTimezone(input.tz ?? fallbackTz);
  const today = localDate(now, tz);
  const base = { tz, weekStart: input.week_start ?? 'monday', today, now };
  const hasFrom = input.from !== undefined;
  const hasTo = input.to !== undefined;

  if (input.days !== undefined && (hasFrom || hasTo)) {
    throw validationError('query.days', 'cannot be combined with from/to; send one or the other');
  }
  if (hasFrom !== hasTo) {
    throw validationError(hasFrom ? 'query.to' : 'query.from', 'is required with from/to');
  }
  if (input.from !== undefined && input.to !== undefined) {
    const { from, to } = resolveRange({ from: input.from, to: input.to }, tz);
    if (!from || !to) throw new Error('resolveRange dropped a bound');
    const first = from.day ?? localDate(from.instant, tz);
    // The end is exclusive: the last day is that of the instant just before it.
    const last = to.day ?? localDate(new Date(to.instant.getTime() - 1), tz);
    if (daysBetween(first, last) > MAX_PERIOD_DAYS) {
      throw validationError('query.to', `the period must be at most ${MAX_PERIOD_DAYS} days`);
    }
    return {
      ...base,
      from: first,
      to: last,
      ...(from.day === undefined ? { startAt: storableInstant(from.instant) } : {}),
      ...(to.day === undefined ? { endAt: storableInstant(to.instant) } : {}),
      echo: { from: from.text, to: to.text },
    };
  }
  const days = input.days ?? DEFAULT_PERIOD_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_PERIOD_DAYS) {
    throw validationError('query.days', `must be an integer from 1 to ${MAX_PERIOD_DAYS}`);
  }
  const from = addDays(today, -(days - 1));
  return { ...base, from, to: today, echo: { from, to: today } };
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
  return { ...period, from: first, to: period.today, echo: { from: first, to: period.today } };
}
