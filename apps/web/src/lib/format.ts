// Dates and numbers in the browser's locale (Intl), shown in the profile's time zone. `locale`
// is left undefined by the app (the browser's choice); tests pin it to get exact strings.

// Building an Intl formatter costs far more than using one; lists format thousands of values.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `d|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function numberFormat(
  locale: string | undefined,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `n|${locale ?? ''}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

type Instant = string | number | Date;
const toDate = (value: Instant): Date => (value instanceof Date ? value : new Date(value));

/** An instant's calendar date in `timeZone`, e.g. "Mar 5, 2025". */
export function formatDate(value: Instant, timeZone: string, locale?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeZone }).format(toDate(value));
}

/** An instant's date and time in `timeZone`, e.g. "Mar 5, 2025, 2:30 PM". */
export function formatDateTime(value: Instant, timeZone: string, locale?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    toDate(value),
  );
}

/** An instant's time of day in `timeZone`, e.g. "2:30 PM". */
export function formatTime(value: Instant, timeZone: string, locale?: string): string {
  return dateFormat(locale, { timeStyle: 'short', timeZone }).format(toDate(value));
}

/**
 * A calendar date (`YYYY-MM-DD`, e.g. a due date) as is: it names a day, not an instant, so no
 * time zone may shift it. Formatted at noon UTC in UTC, which is that day everywhere.
 */
export function formatDay(day: string, locale?: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A number with the locale's grouping and decimal mark. */
export function formatNumber(
  value: number,
  options: Intl.NumberFormatOptions = {},
  locale?: string,
): string {
  return numberFormat(locale, options).format(value);
}

/** A ratio (0.25) as a percentage ("25%"). */
export function formatPercent(ratio: number, locale?: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/**
 * Minutes as hours and minutes, "1 h 05 min", "45 min", "0 min"; negative with a minus sign
 * (a difference against an estimate). Fractions of a minute are rounded.
 */
export function formatDuration(minutes: number, locale?: string): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? '−' : '';
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  const h = numberFormat(locale, { maximumFractionDigits: 0 }).format(hours);
  return `${sign}${h} h ${String(rest).padStart(2, '0')} min`;
}

/** A running timer's elapsed time as h:mm:ss ("0:04:07", "26:00:00"); never negative. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
