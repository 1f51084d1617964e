import { en, type ParsedComponents } from 'chrono-node';
import { DUE_MAX_MS, DUE_MIN_MS } from './limits.js';
import { DUE_PREFIX, DUE_QUOTES } from './scan.js';
import type { QuickAddOptions } from './types.js';
import {
  addDays,
  type CalendarDate,
  endOfDay,
  instantOf,
  isRealDate,
  utcFields,
  type WallClock,
  wallClockAt,
  weekdayOf,
} from './zone.js';

/**
 * `due:` values. chrono-node reads the words and numbers; this module decides what they mean as a
 * due date in the profile's zone: a date alone is due at the end of that day, a weekday or a time
 * alone is the next one still ahead, and the wall clock becomes an instant with the zone's rules.
 */

export interface DueContext {
  nowMs: number;
  timeZone: string;
  weekStartsOn: 0 | 1 | 6;
}

export type DueOutcome = { value: string; allDay: boolean } | { error: string };

export const DUE_HELP =
  'try due:fri, due:tomorrow, due:2026-12-24, due:24.12. or due:"next monday 5pm"';

const MINUTE_MS = 60_000;

/**
 * Day-first dates (`24.12.`, `05.06.2026`): the dotted form is day-first wherever it is written.
 * chrono's English parser reads `05.06.2026` month-first and refuses `24.12` without a year
 * (it looks like a version number); after `due:` the trailing dot leaves no doubt.
 */
const DAY_FIRST_START = /^\d{1,2}\.\d{1,2}\./;
const dayFirst = en.GB.clone();
dayFirst.parsers.push({
  pattern: () => /(\d{1,2})\.(\d{1,2})\.(?!\d)/,
  extract: (_context, match) => ({ day: Number(match[1]), month: Number(match[2]) }),
});

/** Days since the week began: 0 on its first day. */
const intoWeek = (d: CalendarDate, weekStartsOn: number): number =>
  (weekdayOf(d) - weekStartsOn + 7) % 7;

/** Shorthands chrono does not know, or reads differently ("next week" is today + 7 there). */
type Keyword = (today: CalendarDate, weekStartsOn: number) => CalendarDate;
const KEYWORDS: ReadonlyMap<string, Keyword> = new Map<string, Keyword>([
  ['eod', (today) => today],
  ['eow', (today, weekStartsOn) => addDays(today, 6 - intoWeek(today, weekStartsOn))],
  ['next week', (today, weekStartsOn) => addDays(today, 7 - intoWeek(today, weekStartsOn))],
]);

/** `word` is the whole `due:…` word as scanned, quotes included. */
export function parseDueWord(word: string, ctx: DueContext): DueOutcome {
  const body = word.slice(DUE_PREFIX.length);
  const closer = DUE_QUOTES.get(body.charAt(0));
  if (closer === undefined) return resolveDue(body, ctx);
  const close = body.indexOf(closer, 1);
  if (close === -1) return { error: `The due date ${body.charAt(0)}… has no closing quote` };
  if (close !== body.length - 1) {
    return { error: `Put a space after the due date's closing quote: ${word}` };
  }
  return resolveDue(body.slice(1, close), ctx);
}

/**
 * A due date on its own (`fri`, `2026-12-24`, `"next monday 5pm"` without the quotes), read as
 * after `due:` in a line: for `devtrackr edit --due fri` and the like.
 */
export function parseDue(text: string, options: QuickAddOptions): DueOutcome {
  const nowMs = options.now.getTime();
  return resolveDue(text, {
    nowMs,
    timeZone: options.timeZone,
    weekStartsOn: options.weekStartsOn ?? 1,
  });
}

function resolveDue(phrase: string, ctx: DueContext): DueOutcome {
  const text = phrase.trim().replace(/\s+/g, ' ');
  if (text === '') return { error: `due: needs a date; ${DUE_HELP}` };
  const now = wallClockAt(ctx.nowMs, ctx.timeZone);
  const keyword = KEYWORDS.get(text.toLowerCase());
  const due = keyword
    ? { ms: instantOf(endOfDay(keyword(now, ctx.weekStartsOn)), ctx.timeZone), allDay: true }
    : fromChrono(text, now, ctx);
  if (due === undefined) return { error: `"${text}" is not a date I understand; ${DUE_HELP}` };
  if (due.ms < DUE_MIN_MS || due.ms > DUE_MAX_MS) {
    return { error: 'A due date falls between 1970-01-01 and 9999-12-31' };
  }
  return { value: new Date(due.ms).toISOString(), allDay: due.allDay };
}

/** Parts that show chrono recognised a date or a time, not just a word ("this week" has none). */
const ANCHORS = ['year', 'month', 'day', 'weekday', 'hour'] as const;

/** chrono reads `2026-13-01` as 13 January; a date written the ISO way must mean what it says. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function fromChrono(
  text: string,
  now: WallClock,
  ctx: DueContext,
): { ms: number; allDay: boolean } | undefined {
  const reference = referenceDate(now);
  const results = (DAY_FIRST_START.test(text) ? dayFirst : en.casual).parse(text, reference);
  const [result] = results;
  // The whole phrase must be one date: "fri lunch" or "fri - mon" is refused, not half-read.
  if (results.length !== 1 || !result || result.index !== 0 || result.text !== text || result.end) {
    return undefined;
  }
  const c = result.start;
  if (!ANCHORS.some((part) => c.isCertain(part))) return undefined;
  const iso = ISO_DATE.exec(text);
  const [year, month, day] = [c.get('year'), c.get('month'), c.get('day')];
  if (iso && (Number(iso[1]) !== year || Number(iso[2]) !== month || Number(iso[3]) !== day)) {
    return undefined;
  }

  const tags = c.tags();
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    // "in 2 hours", "now": elapsed time from now, whatever the clocks do meanwhile. chrono added
    // it to the reference's fields, so the difference from those fields is exactly the amount.
    return {
      ms: ctx.nowMs + utcFields(wallClockOf(c)) - utcFields(localFields(reference)),
      allDay: false,
    };
  }
  const timed = c.isCertain('hour');
  const { hour, minute, second } = wallClockOf(c);
  const offset = c.isCertain('timezoneOffset') ? c.get('timezoneOffset') : null;
  const instantFor = (d: CalendarDate): number => {
    if (!timed) return instantOf(endOfDay(d), ctx.timeZone);
    const wall = { ...d, hour, minute, second, millisecond: 0 };
    // "5pm UTC", "…T17:00+05:30": the text named its own offset.
    return offset === null ? instantOf(wall, ctx.timeZone) : utcFields(wall) - offset * MINUTE_MS;
  };
  const date = firstAhead(
    { year: year ?? now.year, month: month ?? now.month, day: day ?? now.day },
    rollOf(c),
    (d) => instantFor(d) > ctx.nowMs,
  );
  return { ms: instantFor(date), allDay: !timed };
}

/**
 * chrono computes "today", "fri" and "tomorrow" from a Date's local fields (its `timezone`
 * reference option takes a fixed offset, not a zone with clock changes). A Date whose local
 * fields show the profile zone's wall clock makes it compute in that zone on any machine; the
 * result's fields are then read as wall-clock values in the profile's zone. Only a wall clock
 * that the machine's own zone skips (an hour a year) would shift by the gap.
 */
export function referenceDate(w: WallClock): Date {
  const d = new Date(2000, 0, 1);
  d.setFullYear(w.year, w.month - 1, w.day);
  d.setHours(w.hour, w.minute, w.second, w.millisecond);
  return d;
}

/** The wall clock a reference Date (or a chrono result's Date) stands for. */
export function localFields(d: Date): WallClock {
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    millisecond: d.getMilliseconds(),
  };
}

/** The wall clock a chrono result names (in the zone its reference Date stood for). */
export function wallClockOf(c: ParsedComponents): WallClock {
  // chrono always fills these, implied from the reference when the text left them out.
  const part = (name: keyof WallClock): number => c.get(name) ?? 0;
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    millisecond: 0,
  };
}

/** Which part the text left open, so the date moves by it until it is ahead of now. */
type Roll = 'day' | 'week' | 'year';

function rollOf(c: ParsedComponents): Roll | undefined {
  const has = (part: 'year' | 'month' | 'day' | 'weekday'): boolean => c.isCertain(part);
  if (!has('year') && !has('month') && !has('day') && !has('weekday')) return 'day'; // "5pm"
  if (has('weekday') && !has('day') && !has('month')) return 'week'; // "fri", "fri 9am"
  if (has('month') && !has('year')) return 'year'; // "24.12.", "dec 24"
  return undefined; // a full date stays put, even in the past: the task is simply overdue
}

/** 29 February may take eight years to come round again (2096 → 2104). */
const MAX_ROLLS = 8;

function firstAhead(
  date: CalendarDate,
  roll: Roll | undefined,
  isAhead: (d: CalendarDate) => boolean,
): CalendarDate {
  if (roll === undefined) return date;
  for (let n = 0; n <= MAX_ROLLS; n += 1) {
    const candidate =
      roll === 'year'
        ? { ...date, year: date.year + n }
        : addDays(date, roll === 'week' ? 7 * n : n);
    if (isRealDate(candidate) && isAhead(candidate)) return candidate;
  }
  return date;
}
