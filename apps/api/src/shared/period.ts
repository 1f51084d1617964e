import { Type } from '@sinclair/typebox';
import { validationError } from './errors.js';
import { INSTANT_MAX } from './instant.js';
import { isValidTimezone } from './timezone.js';

/**
 * The one rule for every period parameter of the API (`from`/`to` of /time-entries, of both
 * exports and of /metrics/*): a date names a whole local day, a date-time names an instant. It
 * is written down once, here, and each route's parameters say it with these words.
 */
export const PERIOD_RULE =
  'A `YYYY-MM-DD` date names a whole local day in `tz` (default: your profile time zone), and ' +
  'that day is included: as `from` the period starts when the day starts, as `to` it ends ' +
  'when the day ends. An RFC 3339 date-time names an instant: the period starts at `from` ' +
  '(included) and ends at `to` (excluded). The two forms can be mixed; years 1970 to 9999.';

/**
 * `from` or `to`: a `date` or a `date-time`. Both formats stay the request validator's own, so
 * its 1970–9999 range applies (shared/validation.ts).
 */
export function PeriodBoundParam(description: string, example: string) {
  return Type.String({
    anyOf: [
      { type: 'string', format: 'date' },
      { type: 'string', format: 'date-time' },
    ],
    // A bound for the spec linters; the formats bound the text far more tightly.
    maxLength: 64,
    description: `${description} ${PERIOD_RULE}`,
    examples: [example],
  });
}

/** `tz`: the zone in which a date names a local day (and /metrics counts its days). */
export function TimezoneParam(description: string) {
  return Type.String({ minLength: 1, maxLength: 64, description, examples: ['Europe/Berlin'] });
}

export type PeriodEdge = 'from' | 'to';

/** One end of a period, resolved. */
export interface PeriodBound {
  /**
   * As `from`: the first instant inside the period. As `to`: the first instant after it (the
   * period is half-open, [from, to)).
   */
  instant: Date;
  /** The local day, when the parameter was a date. */
  day?: string;
  /** How the API echoes the parameter: the date as given, or the instant in UTC (RFC 3339). */
  text: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** The ms since 1970 of 00:00 UTC on a YYYY-MM-DD date; undefined if no such date exists. */
export function dateMs(date: string): number | undefined {
  // Five-digit years too: the local day after 9999-12-31 (see formatDate).
  const m = /^(\d{4,5})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a round trip exposes dates that do not exist.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return ms;
}

/**
 * YYYY-MM-DD of 00:00 UTC at `ms`. Not toISOString: the end of 9999-12-31 in a zone east of UTC
 * is on 10000-01-01, which it writes `+010000-01-01` and PostgreSQL reads as `10000-01-01`.
 */
function formatDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

export function addDays(date: string, days: number): string {
  const ms = dateMs(date);
  if (ms === undefined) throw new Error(`not a date: ${date}`);
  return formatDate(ms + days * DAY_MS);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size < 1000) formatters.set(tz, f);
  }
  return f;
}

/** The local wall-clock time of an instant in tz, as ms since 1970 "as if it were UTC". */
function wallMs(ms: number, tz: string): number {
  const parts = wallClock(tz).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall + (((ms % 1000) + 1000) % 1000);
}

/** The local calendar date (YYYY-MM-DD) of an instant in an IANA zone. */
export function localDate(instant: Date, tz: string): string {
  return formatDate(wallMs(instant.getTime(), tz));
}

/**
 * The instant a local day starts: its local midnight, resolved the way PostgreSQL resolves
 * `date::timestamp AT TIME ZONE tz`, so the API and the analytics' SQL agree on every day.
 * Where midnight does not exist (clocks jump from 24:00 to 01:00, e.g. America/Santiago) or
 * happens twice (01:00 falls back to 00:00, e.g. America/Havana), PostgreSQL takes the later of
 * the two readings (before and after the change); elsewhere the one reading that holds.
 */
export function startOfLocalDay(date: string, tz: string): Date {
  const wall = dateMs(date);
  if (wall === undefined) throw new Error(`not a date: ${date}`);
  return new Date(startOfWallDay(wall, tz));
}

/** startOfLocalDay of the day whose 00:00 UTC is `wall` (ms). */
function startOfWallDay(wall: number, tz: string): number {
  // The UTC offsets in force a day before and a day after; any change in between is the one.
  const offsets = [wall - DAY_MS, wall + DAY_MS].map((ms) => wallMs(ms, tz) - ms);
  const readings = [...new Set(offsets)].map((offset) => wall - offset);
  const valid = readings.filter((ms) => wallMs(ms, tz) === wall);
  const candidates = valid.length === 1 ? valid : readings;
  return Math.max(...candidates);
}

/**
 * Resolves one period parameter in tz: a date to the start of that local day (`from`) or the
 * start of the next one (`to`), a date-time to its instant. Instants past 9999 (the end of
 * 9999-12-31 east of UTC) are held at the last one the API stores.
 */
export function resolveBound(value: string, edge: PeriodEdge, tz: string): PeriodBound {
  if (DATE_PATTERN.test(value)) {
    const ms = dateMs(value);
    if (ms === undefined) {
      throw validationError(
        `query.${edge}`,
        'must be a date (YYYY-MM-DD) or an RFC 3339 date-time',
      );
    }
    const day = edge === 'from' ? ms : ms + DAY_MS;
    return { instant: new Date(startOfWallDay(day, tz)), day: value, text: value };
  }
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) {
    throw validationError(`query.${edge}`, 'must be a date (YYYY-MM-DD) or an RFC 3339 date-time');
  }
  return { instant, text: instant.toISOString() };
}

/** The instant as the database gets it: no later than the last instant the API stores. */
export function storableInstant(instant: Date): Date {
  return instant.getTime() > INSTANT_MAX.getTime() ? INSTANT_MAX : instant;
}

export interface PeriodRange {
  from?: PeriodBound;
  to?: PeriodBound;
}

/**
 * `from` and `to`, each optional, resolved in tz, with the one ordering rule: the period must
 * not be empty (a date `to` may equal a date `from`: one whole day).
 */
export function resolveRange(query: { from?: string; to?: string }, tz: string): PeriodRange {
  const from = query.from === undefined ? undefined : resolveBound(query.from, 'from', tz);
  const to = query.to === undefined ? undefined : resolveBound(query.to, 'to', tz);
  if (from && to && to.instant.getTime() <= from.instant.getTime()) {
    throw validationError(
      'query.to',
      from.day !== undefined && to.day !== undefined
        ? 'must not be before from'
        : 'must be after from',
    );
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** A `tz` parameter, checked: an IANA zone that both Node and the database know. */
export function checkTimezone(tz: string): string {
  if (!isValidTimezone(tz)) {
    throw validationError('query.tz', 'must be an IANA time zone name such as Europe/Berlin');
  }
  return tz;
}

/**
 * The instants of a list's or an export's `from`/`to` ([from, to), each optional). The zone is
 * `tz` when given, else the profile's, which is only looked up when a date needs it.
 */
export async function resolveInstantRange(
  query: { from?: string | undefined; to?: string | undefined; tz?: string | undefined },
  profileTimezone: () => Promise<string>,
): Promise<{ from?: Date; to?: Date }> {
  const given = query.tz === undefined ? undefined : checkTimezone(query.tz);
  const needsZone = [query.from, query.to].some((v) => v !== undefined && DATE_PATTERN.test(v));
  const tz = given ?? (needsZone ? await profileTimezone() : 'UTC');
  const range = resolveRange(
    {
      ...(query.from === undefined ? {} : { from: query.from }),
      ...(query.to === undefined ? {} : { to: query.to }),
    },
    tz,
  );
  return {
    ...(range.from ? { from: storableInstant(range.from.instant) } : {}),
    ...(range.to ? { to: storableInstant(range.to.instant) } : {}),
  };
}
