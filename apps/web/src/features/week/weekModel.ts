import type { TimeEntry } from '@devtrackr/client';
import type { WeekStart } from '../../auth/useMe';
import { addDays, dayBounds, isDay, localDateTime, weekday } from '../time/zoneTime';

// The week view's arithmetic: which local days make the week, and how much of each entry falls
// on each day. The rule is the API's metrics rule (docs/metrics.md "How things are counted"),
// so the week's figures equal the dashboard's: an interval counts on every local day it
// touches by the seconds it spends there; a running timer counts up to now; an adjustment
// counts its signed seconds on the day of its instant.

const FIRST_WEEKDAY: Record<WeekStart, number> = { sunday: 0, monday: 1 };

/** The first day of the week that holds `day`. */
export function weekStartOf(day: string, weekStart: WeekStart): string {
  return addDays(day, -((weekday(day) - FIRST_WEEKDAY[weekStart] + 7) % 7));
}

/** The seven local days of the week starting on `first`. */
export function weekDays(first: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/**
 * The week the URL names (`?week=2026-12-01`, any day of it), else the week of `today`. A day
 * that is not the week's first is taken to mean its week.
 */
export function weekFromParam(param: string | null, today: string, weekStart: WeekStart): string {
  return weekStartOf(param !== null && isDay(param) ? param : today, weekStart);
}

/** One entry's part of one day. */
export interface DayShare {
  entry: TimeEntry;
  /** Seconds of the entry on this day (signed for an adjustment). */
  seconds: number;
  /** The entry also counts on other days (it crosses midnight). */
  split: boolean;
}

export interface WeekDay {
  day: string;
  shares: DayShare[];
  /** Exact seconds of the day (rounded to minutes only when shown). */
  seconds: number;
}

export interface WeekTotals {
  days: WeekDay[];
  seconds: number;
}

/** Seconds of an entry's interval inside [start, end) (ms instants). */
function overlapSeconds(entry: TimeEntry, start: number, end: number, now: number): number {
  const from = Date.parse(entry.started_at);
  const to = entry.ended_at === null ? now : Date.parse(entry.ended_at);
  return Math.max(0, Math.min(to, end) - Math.max(from, start)) / 1000;
}

/**
 * The week's entries by local day in `timeZone`, with each day's and the week's exact seconds.
 * `entries` may include entries from before the week (they count for what falls inside it).
 */
export function groupWeek(
  entries: readonly TimeEntry[],
  days: readonly string[],
  timeZone: string,
  now: number,
): WeekTotals {
  const bounds = days.map((day) => dayBounds(day, timeZone));
  const result = days.map((day): WeekDay => ({ day, shares: [], seconds: 0 }));
  for (const entry of entries) {
    if (entry.source === 'adjustment') {
      const index = days.indexOf(localDateTime(entry.started_at, timeZone).day);
      const target = result[index];
      if (target !== undefined) {
        const seconds = entry.duration_seconds ?? 0;
        target.shares.push({ entry, seconds, split: false });
        target.seconds += seconds;
      }
      continue;
    }
    const parts = bounds.map(({ start, end }) => overlapSeconds(entry, start, end, now));
    const touched = parts.filter((seconds) => seconds > 0).length;
    parts.forEach((seconds, index) => {
      const target = result[index];
      if (seconds <= 0 || target === undefined) return;
      target.shares.push({ entry, seconds, split: touched > 1 || crossesWeek(entry, bounds, now) });
      target.seconds += seconds;
    });
  }
  return { days: result, seconds: result.reduce((sum, day) => sum + day.seconds, 0) };
}

/** The entry reaches outside the week (it began the day before, or runs on past it). */
function crossesWeek(
  entry: TimeEntry,
  bounds: readonly { start: number; end: number }[],
  now: number,
): boolean {
  const first = bounds[0];
  const last = bounds[bounds.length - 1];
  if (first === undefined || last === undefined) return false;
  const end = entry.ended_at === null ? now : Date.parse(entry.ended_at);
  return Date.parse(entry.started_at) < first.start || end > last.end;
}
