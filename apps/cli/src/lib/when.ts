import {
  addDays,
  chronoFields,
  chronoReference,
  chronoWallClock,
  instantOf,
  utcFields,
  wallClockAt,
  type CalendarDate,
} from '@devtrackr/quick-add';
import { casual, type ParsedComponents } from 'chrono-node';

/**
 * `--at` times in natural language (`yesterday 14:00`, `fri 9am`, `2 hours ago`), read in the
 * profile's zone whatever the machine's zone. The zone arithmetic is quick-add's (due dates), so
 * the two agree on what a wall-clock time in a zone is. Unlike a due date, a logged time looks
 * back: a weekday or a time alone is the last one at or before now.
 */

export const WHEN_HELP = 'try "yesterday 14:00", "fri 9am", "2 hours ago" or "2026-03-02 09:30"';

export interface WhenContext {
  now: Date;
  /** The profile's IANA zone. */
  timeZone: string;
}

export type WhenOutcome = { at: Date } | { error: string };

const MINUTE_MS = 60_000;

export function parseWhen(text: string, ctx: WhenContext): WhenOutcome {
  const phrase = text.trim().replace(/\s+/g, ' ');
  if (phrase === '') return { error: `--at needs a time; ${WHEN_HELP}` };
  const nowMs = ctx.now.getTime();
  const reference = chronoReference(wallClockAt(nowMs, ctx.timeZone));
  const results = casual.parse(phrase, reference);
  const [result] = results;
  // The whole phrase must be one time: "fri lunch" is refused, not half-read as "fri".
  if (results.length !== 1 || !result || result.index !== 0 || result.text !== phrase) {
    return { error: `"${phrase}" is not a time I understand; ${WHEN_HELP}` };
  }
  if (result.end) return { error: `"${phrase}" is a range; give one time, ${WHEN_HELP}` };
  const c = result.start;
  const tags = c.tags();
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    // "2 hours ago", "now": an amount of elapsed time, whatever the clocks did meanwhile.
    const shift = utcFields(chronoWallClock(c)) - utcFields(chronoFields(reference));
    return { at: new Date(nowMs + shift) };
  }
  if (!c.isCertain('hour')) {
    return { error: `"${phrase}" has no time of day: say when it started, e.g. "${phrase} 9am"` };
  }

  const wall = chronoWallClock(c);
  const offset = c.isCertain('timezoneOffset') ? c.get('timezoneOffset') : null;
  const instantFor = (d: CalendarDate): number => {
    const w = { ...d, hour: wall.hour, minute: wall.minute, second: wall.second, millisecond: 0 };
    // "9am UTC", "…T09:00+05:30": the text named its own offset.
    return offset === null ? instantOf(w, ctx.timeZone) : utcFields(w) - offset * MINUTE_MS;
  };
  let date: CalendarDate = { year: wall.year, month: wall.month, day: wall.day };
  const step = stepBack(c);
  // chrono takes the nearest such weekday, which may be ahead; one step back is always enough.
  if (step !== 0 && instantFor(date) > nowMs) date = addDays(date, -step);
  return { at: new Date(instantFor(date)) };
}

/** Days to go back when the time is ahead of now: 7 for a weekday alone, 1 for a time alone. */
function stepBack(c: ParsedComponents): number {
  const has = (part: 'year' | 'month' | 'day' | 'weekday'): boolean => c.isCertain(part);
  if (has('year') || has('month') || has('day')) return 0; // a date says which day it is
  return has('weekday') ? 7 : 1;
}
