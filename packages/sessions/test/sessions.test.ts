import { describe, expect, it } from 'vitest';
import { formSessions, splitByKey } from '../src/index.js';

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 2, 2, 9, 0); // 2026-03-02 09:00Z
const options = { gapMs: 2 * H, leadMs: 30 * MIN };

interface Ev {
  t: number;
  key: string | null;
}
const ev = (offsetMin: number, key: string | null = 'a'): Ev => ({ t: T0 + offsetMin * MIN, key });
const at = (e: Ev) => e.t;

describe('formSessions', () => {
  it('no events, no sessions', () => {
    expect(formSessions([], at, options)).toEqual([]);
  });

  it('a single commit: the lead before it, ending at it', () => {
    const e = ev(0);
    expect(formSessions([e], at, options)).toEqual([
      { start: T0 - 30 * MIN, end: T0, events: [e] },
    ]);
  });

  it('commits less than the gap apart form one session', () => {
    const events = [ev(0), ev(60), ev(60 + 119)];
    expect(formSessions(events, at, options)).toEqual([
      { start: T0 - 30 * MIN, end: T0 + 179 * MIN, events },
    ]);
  });

  it('exactly the gap apart starts a new session', () => {
    const [a, b] = [ev(0), ev(120)];
    expect(formSessions([a, b], at, options)).toEqual([
      { start: T0 - 30 * MIN, end: T0, events: [a] },
      { start: T0 + 90 * MIN, end: T0 + 120 * MIN, events: [b] },
    ]);
  });

  it('one millisecond under the gap stays in the session', () => {
    const a = ev(0);
    const b = { t: T0 + 2 * H - 1, key: 'a' };
    expect(formSessions([a, b], at, options)).toEqual([
      { start: T0 - 30 * MIN, end: T0 + 2 * H - 1, events: [a, b] },
    ]);
  });

  it('the gap is measured from the previous commit, not the session start', () => {
    const events = [ev(0), ev(100), ev(200), ev(300)];
    expect(formSessions(events, at, options)).toHaveLength(1);
  });

  it('sorts unsorted input; equal times keep their order', () => {
    const [a, b, c, d] = [ev(300), ev(0), ev(10, 'x'), ev(10, 'y')];
    expect(formSessions([a, b, c, d], at, options)).toEqual([
      { start: T0 - 30 * MIN, end: T0 + 10 * MIN, events: [b, c, d] },
      { start: T0 + 270 * MIN, end: T0 + 300 * MIN, events: [a] },
    ]);
  });

  it('the lead and gap are configurable; a zero lead starts at the first commit', () => {
    const events = [ev(0), ev(50), ev(100)];
    expect(formSessions(events, at, { gapMs: 45 * MIN, leadMs: 0 })).toEqual([
      { start: T0, end: T0, events: [events[0]] },
      { start: T0 + 50 * MIN, end: T0 + 50 * MIN, events: [events[1]] },
      { start: T0 + 100 * MIN, end: T0 + 100 * MIN, events: [events[2]] },
    ]);
  });

  it('a lead longer than the gap is clamped to the previous session end', () => {
    const [a, b] = [ev(0), ev(60)];
    expect(formSessions([a, b], at, { gapMs: 30 * MIN, leadMs: 90 * MIN })).toEqual([
      { start: T0 - 90 * MIN, end: T0, events: [a] },
      { start: T0, end: T0 + 60 * MIN, events: [b] },
    ]);
  });

  it('rejects a gap that is not positive and a negative lead', () => {
    expect(() => formSessions([], at, { gapMs: 0, leadMs: 0 })).toThrow(RangeError);
    expect(() => formSessions([], at, { gapMs: 1, leadMs: -1 })).toThrow(RangeError);
  });
});

describe('splitByKey', () => {
  const key = (e: Ev) => e.key;

  it('one key: one segment as long as the session', () => {
    const [session] = formSessions([ev(0), ev(30)], at, options);
    expect(splitByKey(session!, key, at)).toEqual([
      { key: 'a', start: T0 - 30 * MIN, end: T0 + 30 * MIN, events: session!.events },
    ]);
  });

  it('a key change starts a segment at the previous segment end', () => {
    const events = [ev(0, 'a'), ev(20, 'a'), ev(50, 'b'), ev(80, null), ev(90, 'a')];
    const [session] = formSessions(events, at, options);
    expect(splitByKey(session!, key, at)).toEqual([
      { key: 'a', start: T0 - 30 * MIN, end: T0 + 20 * MIN, events: events.slice(0, 2) },
      { key: 'b', start: T0 + 20 * MIN, end: T0 + 50 * MIN, events: [events[2]] },
      { key: null, start: T0 + 50 * MIN, end: T0 + 80 * MIN, events: [events[3]] },
      { key: 'a', start: T0 + 80 * MIN, end: T0 + 90 * MIN, events: [events[4]] },
    ]);
  });
});
