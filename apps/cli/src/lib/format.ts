/** Dates and times for people, in the profile's zone (never the machine's). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${String(withTime)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/** `Tue 3 Mar 14:00` (Intl puts a comma after the weekday in en-GB; a terminal needs none). */
export function formatDateTime(iso: string, timeZone: string): string {
  return formatter(timeZone, true).format(new Date(iso)).replace(',', '');
}

/**
 * A due date: `Fri 6 Mar` when it is due at the end of a day (what `due:fri` makes, 23:59:59.999
 * local time), else with its time.
 */
export function formatDue(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return isEndOfDay(ms, timeZone)
    ? formatter(timeZone, false).format(new Date(ms)).replace(',', '')
    : formatDateTime(iso, timeZone);
}

/**
 * Whether the wall clock in `timeZone` shows 23:59:59.999 at `ms`. Intl rather than quick-add's
 * zone helpers: importing those loads chrono too, which the listing commands do not need.
 */
function isEndOfDay(ms: number, timeZone: string): boolean {
  if (new Date(ms).getUTCMilliseconds() !== 999) return false; // zones shift whole minutes
  const clock = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(ms));
  return clock === '23:59:59';
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** A local day as the API names it (`2026-03-02`) → `Mon  2 Mar`, aligned for a chart's labels. */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const d = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
  return `${WEEKDAYS[d.getUTCDay()] ?? ''} ${String(d.getUTCDate()).padStart(2)} ${MONTHS[d.getUTCMonth()] ?? ''}`;
}

/** `#42 Fix login redirect`, how every command names a task. */
export function taskLabel(task: { id: number; title: string }): string {
  return `#${task.id} ${task.title}`;
}
