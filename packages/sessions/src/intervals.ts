// Half-open time intervals [start, end) in epoch milliseconds. Pure on purpose: `git suggest`
// trims its sessions around logged time with these, and the editor heartbeats (issue 17) will
// do the same with theirs, so nothing here knows about Git, the SDK or the clock.

export interface Interval {
  /** Inclusive, epoch ms. */
  start: number;
  /** Exclusive, epoch ms. */
  end: number;
}

export const MINUTE_MS = 60_000;

/** Length in ms (0 for an empty or inverted interval). */
export function length(interval: Interval): number {
  return Math.max(0, interval.end - interval.start);
}

/**
 * Sorted, non-overlapping, non-empty intervals covering the same instants. Intervals that only
 * touch ([1,2) and [2,3)) are joined: their union has no gap.
 */
export function merge(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ start: next.start, end: next.end });
  }
  return merged;
}

/**
 * The parts of `base` that none of `cuts` covers, oldest first. A cut inside `base` splits it
 * in two; a cut covering it removes it; half-open bounds mean a cut ending exactly where base
 * starts removes nothing.
 */
export function subtract(base: Interval, cuts: readonly Interval[]): Interval[] {
  const pieces: Interval[] = [];
  let cursor = base.start;
  for (const cut of merge(cuts)) {
    if (cut.end <= cursor) continue;
    if (cut.start >= base.end) break;
    if (cut.start > cursor) pieces.push({ start: cursor, end: cut.start });
    cursor = Math.max(cursor, cut.end);
    if (cursor >= base.end) break;
  }
  if (cursor < base.end) pieces.push({ start: cursor, end: base.end });
  return pieces;
}

/** Whether the two intervals share an instant (touching ones do not). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * `interval` cut into consecutive pieces of at most `maxMs` each (the API takes a manual entry
 * of at most 24 h), the last one holding the remainder.
 */
export function chunk(interval: Interval, maxMs: number): Interval[] {
  if (!(maxMs > 0)) throw new RangeError('chunk size must be positive');
  const pieces: Interval[] = [];
  for (let start = interval.start; start < interval.end; start += maxMs) {
    pieces.push({ start, end: Math.min(start + maxMs, interval.end) });
  }
  return pieces;
}
