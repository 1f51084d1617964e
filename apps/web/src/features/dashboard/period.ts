// The dashboard's period, as the URL carries it (`?days=30` or `?from=YYYY-MM-DD&to=YYYY-MM-DD`)
// and as the /metrics routes take it. Dates are local calendar days of the profile's time zone:
// the API resolves them there (and resolves "today" for `days`), so the app never converts them;
// the arithmetic below is on calendar dates only, done in UTC where every day has 24 hours.

/** The presets the picker offers. */
export const PRESET_DAYS = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;
/** The API's limit on any period (docs/metrics.md). */
export const MAX_PERIOD_DAYS = 366;

/**
 * A period, which is also the /metrics routes' query as is (the time zone is left to the API's
 * default, the profile's).
 */
export type Period = { days: number } | { from: string; to: string };

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDay(value: string): boolean {
  if (!DATE.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}

/** How many days from `from` to `to`, both included (1 for a single day). */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export type RangeField = 'from' | 'to';

/** Why a custom range cannot be asked for, by field; empty when it can. */
export function rangeErrors(from: string, to: string): Partial<Record<RangeField, string>> {
  const errors: Partial<Record<RangeField, string>> = {};
  if (from === '') errors.from = 'Enter the first day.';
  else if (!isDay(from)) errors.from = 'Enter a date such as 2026-03-01.';
  if (to === '') errors.to = 'Enter the last day.';
  else if (!isDay(to)) errors.to = 'Enter a date such as 2026-03-31.';
  if (errors.from !== undefined || errors.to !== undefined) return errors;
  const span = spanDays(from, to);
  if (span < 1) errors.to = 'The last day must be on or after the first.';
  else if (span > MAX_PERIOD_DAYS) errors.to = `A period can be at most ${MAX_PERIOD_DAYS} days.`;
  return errors;
}

export interface ParsedPeriod {
  period: Period;
  /** True when the URL named a period that could not be used (the default is shown instead). */
  invalid: boolean;
}

/** The period in the URL; nothing (or something unusable) means the last 30 days. */
export function parsePeriod(search: URLSearchParams): ParsedPeriod {
  const days = search.get('days');
  const from = search.get('from');
  const to = search.get('to');
  const fallback = { period: { days: DEFAULT_DAYS }, invalid: true };
  if (days === null && from === null && to === null) return { ...fallback, invalid: false };
  if (days !== null) {
    if (from !== null || to !== null || !/^\d{1,3}$/.test(days)) return fallback;
    const n = Number(days);
    return n >= 1 && n <= MAX_PERIOD_DAYS ? { period: { days: n }, invalid: false } : fallback;
  }
  if (from === null || to === null) return fallback;
  return Object.keys(rangeErrors(from, to)).length === 0
    ? { period: { from, to }, invalid: false }
    : fallback;
}

/** The URL search of a period. */
export function periodSearch(period: Period): URLSearchParams {
  return new URLSearchParams(
    'days' in period ? { days: String(period.days) } : { from: period.from, to: period.to },
  );
}
