/** A running timer's elapsed time as `h:mm:ss` (`0:04:05`, `12:00:00`); hours are not capped at 24. */
export function formatElapsed(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${hours}:${two(minutes)}:${two(seconds)}`;
}
