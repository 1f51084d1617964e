/**
 * The one range of instants and dates the API accepts, anywhere: 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59.999Z. Outside it, values did not survive the trip through PostgreSQL and
 * node-postgres (year 0050 came back as 1950, year 0000 and years past 9999 were 500s), and a
 * leap second (`…:60Z`) is valid RFC 3339 that a JavaScript Date cannot hold (issue 12, D7).
 */
export const INSTANT_MIN = new Date('1970-01-01T00:00:00.000Z');
export const INSTANT_MAX = new Date('9999-12-31T23:59:59.999Z');
export const INSTANT_RANGE_TEXT = 'between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

export function isInstantInRange(text: string): boolean {
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && ms >= INSTANT_MIN.getTime() && ms <= INSTANT_MAX.getTime();
}

/** A `YYYY-MM-DD` calendar date whose year is within the instant range. */
export function isDateInRange(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= 1970 && year <= 9999;
}
