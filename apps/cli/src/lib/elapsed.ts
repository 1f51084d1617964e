/**
 * Amounts of time for people. Kept apart from duration.ts (parsing), which loads the quick-add
 * grammar and chrono: status, stop, tasks and report print times without paying for them.
 */

/** A running timer's elapsed time as `h:mm:ss` (`0:04:05`, `12:00:00`); hours are not capped at 24. */
export function formatElapsed(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${hours}:${two(minutes)}:${two(seconds)}`;
}

/** Minutes for people: `0m`, `45m`, `2h`, `1h 30m`; a negative total (adjustments) keeps its sign. */
export function formatMinutes(total: number): string {
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(Math.round(total));
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  if (hours === 0) return `${sign}${minutes}m`;
  return minutes === 0 ? `${sign}${hours}h` : `${sign}${hours}h ${minutes}m`;
}
