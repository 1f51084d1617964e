// Work sessions from a stream of timestamped events: Git commits (the CLI's `git suggest`) and
// editor heartbeats (the API). Pure: the caller reads the events and decides what they mean;
// this only groups them.

export interface SessionOptions {
  /** Events less than this far apart (ms) belong to one session; exactly this far starts a new one. */
  gapMs: number;
  /** A session starts this long (ms) before its first event: the work that led up to it. */
  leadMs: number;
}

export interface Session<T> {
  /** Epoch ms: the first event minus the lead, never before the previous session's end. */
  start: number;
  /** Epoch ms: the last event. */
  end: number;
  /** The events, oldest first. */
  events: T[];
}

/**
 * Groups events into sessions. Input order does not matter (events are sorted by time, ties
 * keep their input order). When the lead is longer than the gap a session's lead would reach
 * back into the previous session; it is clamped to that session's end, so sessions never overlap
 * and no minute is counted twice.
 */
export function formSessions<T>(
  events: readonly T[],
  at: (event: T) => number,
  options: SessionOptions,
): Session<T>[] {
  if (!(options.gapMs > 0)) throw new RangeError('the gap must be positive');
  if (!(options.leadMs >= 0)) throw new RangeError('the lead cannot be negative');
  const sorted = events
    .map((event, index) => ({ event, time: at(event), index }))
    .sort((a, b) => a.time - b.time || a.index - b.index);

  const sessions: Session<T>[] = [];
  let current: Session<T> | undefined;
  for (const { event, time } of sorted) {
    if (current !== undefined && time - current.end < options.gapMs) {
      current.end = time;
      current.events.push(event);
      continue;
    }
    const floor = current?.end ?? -Infinity;
    current = { start: Math.max(time - options.leadMs, floor), end: time, events: [event] };
    sessions.push(current);
  }
  return sessions;
}

export interface Segment<T, K> {
  key: K;
  start: number;
  end: number;
  events: T[];
}

/**
 * A session cut where the key of its events changes (the task a commit names): each run of
 * events with the same key becomes a segment that starts where the previous one ended (the
 * session start for the first) and ends at its last event, so the time between a commit on one
 * task and the next commit on another goes to the latter, the work that led up to it.
 */
export function splitByKey<T, K>(
  session: Session<T>,
  keyOf: (event: T) => K,
  at: (event: T) => number,
): Segment<T, K>[] {
  const segments: Segment<T, K>[] = [];
  let start = session.start;
  for (const event of session.events) {
    const key = keyOf(event);
    const last = segments.at(-1);
    if (last !== undefined && Object.is(last.key, key)) {
      last.end = at(event);
      last.events.push(event);
    } else {
      if (last !== undefined) start = last.end;
      segments.push({ key, start, end: at(event), events: [event] });
    }
  }
  return segments;
}
