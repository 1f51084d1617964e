import { formatElapsed } from '../../lib/format';

/**
 * A running timer's elapsed time at `now`, as h:mm:ss. Instants only: `now − started_at` in
 * milliseconds, never a difference of local wall clocks, so a night with a clock change (23 or
 * 25 hours long) and midnight itself need no special case.
 */
export function elapsedText(startedAt: string, now: number): string {
  return formatElapsed(now - Date.parse(startedAt));
}

/** Milliseconds until the display next changes (the next whole second of elapsed time). */
export function msToNextSecond(startedAt: string, now: number): number {
  const elapsed = now - Date.parse(startedAt);
  // Before the start (a clock behind the server's) the display shows 0:00:00 until it begins.
  if (elapsed < 0) return -elapsed;
  return 1000 - (elapsed % 1000);
}
