import { formatDay } from '../../lib/format';

// A calendar day with its weekday, in the browser's locale ("Monday, Mar 23"). Like
// lib/format's formatDay it formats noon UTC in UTC: a `YYYY-MM-DD` names a day, not an
// instant, so no zone may move it.
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

export function formatWeekday(day: string, locale?: string): string {
  const key = locale ?? '';
  let format = weekdayFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    weekdayFormats.set(key, format);
  }
  return format.format(new Date(`${day}T12:00:00Z`));
}

/** "Mar 23, 2026 – Mar 29, 2026": the week's first and last day. */
export const formatWeekRange = (first: string, last: string, locale?: string): string =>
  `${formatDay(first, locale)} – ${formatDay(last, locale)}`;
