import { formatDay, formatDuration, formatNumber } from '../../lib/format';

// How the dashboard writes the API's figures. Only formatting happens here: every value is the
// API's own, shown with the precision the API gives (ratios 4 decimals, percentages and hours
// 2), so a figure on screen can be checked against the JSON.

/** Shown for a figure the API reports as null (a rate over nothing, no sample). */
export const NONE = '—';

/** Whole minutes as "1 h 05 min". */
export const minutes = (value: number): string => formatDuration(value);

/** A count with the locale's grouping. */
export const count = (value: number): string => formatNumber(value);

/** A number with at most `digits` decimals (a target of 2.14 completions, 8.57 points). */
export const decimal = (value: number, digits = 2): string =>
  formatNumber(value, { maximumFractionDigits: digits });

/** Hours as the API gives them (2 decimals): "30 h", "41.5 h". */
export const hours = (value: number | null): string =>
  value === null ? NONE : `${decimal(value)} h`;

/** A ratio the API gives with 4 decimals (0.8571) as a percentage: "85.71%". */
export const ratioPercent = (value: number | null): string =>
  value === null ? NONE : formatNumber(value, { style: 'percent', maximumFractionDigits: 2 });

/** A percentage the API already gives as one (accuracy 80.25) in the locale's style: "80.25%". */
export const percent = (value: number | null): string =>
  value === null ? NONE : formatNumber(value / 100, { style: 'percent', maximumFractionDigits: 2 });

/** actual ÷ estimate as a factor: "1.15×" (1 is exactly on estimate). */
export const factor = (value: number | null): string =>
  value === null ? NONE : `${decimal(value, 4)}×`;

/** A local day (YYYY-MM-DD) in full: "Mar 5, 2026". */
export const day = (value: string): string => formatDay(value);

// Axis labels need the short form; one formatter, built once (building one costs far more).
const shortDayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A local day (YYYY-MM-DD) for an axis: "Mar 5". Noon UTC is that calendar day everywhere. */
export const shortDay = (value: string): string =>
  shortDayFormat.format(new Date(`${value}T12:00:00Z`));

/** A range of local days: "Mar 2 – Mar 8". */
export const dayRange = (from: string, to: string): string =>
  from === to ? shortDay(from) : `${shortDay(from)} – ${shortDay(to)}`;
