import { describe, expect, it } from 'vitest';
import { entry } from '../time/testing';
import { groupWeek, weekDays, weekFromParam, weekStartOf } from './weekModel';

const minutes = (seconds: number) => seconds / 60;

describe('weekStartOf / weekFromParam', () => {
  it.each([
    ['2026-12-01', 'monday', '2026-11-30'], // a Tuesday
    ['2026-12-01', 'sunday', '2026-11-29'],
    ['2026-11-30', 'monday', '2026-11-30'], // a Monday is its own week's start
    ['2026-11-29', 'monday', '2026-11-23'], // a Sunday closes the Monday week
    ['2026-11-29', 'sunday', '2026-11-29'],
    ['2027-01-01', 'monday', '2026-12-28'], // across the new year
  ] as const)('%s, weeks from %s → %s', (day, start, expected) => {
    expect(weekStartOf(day, start)).toBe(expected);
  });

  it('takes the URL’s day, or this week when it is missing or not a date', () => {
    expect(weekFromParam('2026-12-03', '2026-05-05', 'monday')).toBe('2026-11-30');
    expect(weekFromParam(null, '2026-05-05', 'monday')).toBe('2026-05-04');
    expect(weekFromParam('2026-02-30', '2026-05-05', 'sunday')).toBe('2026-05-03');
  });
});

describe('groupWeek', () => {
  it('splits entries across midnight and the spring-forward Sunday (Berlin, Monday weeks)', () => {
    // Week of Monday 23 March 2026; on Sunday 29 March Berlin goes from CET (+1) to CEST (+2)
    // at 01:00Z, so that Sunday is 23 hours long.
    const entries = [
      // Sun 22 Mar 23:30 → Mon 00:45 CET: only Monday's 45 minutes are in this week.
      entry({ id: 6, started_at: '2026-03-22T22:30:00Z', ended_at: '2026-03-22T23:45:00Z' }),
      // Mon 09:00–10:30 CET: 90 minutes.
      entry({ id: 1, started_at: '2026-03-23T08:00:00Z', ended_at: '2026-03-23T09:30:00Z' }),
      // Tue 22:30 → Wed 01:15 CET: 90 on Tuesday, 75 on Wednesday (docs/metrics.md's example).
      entry({ id: 2, started_at: '2026-03-24T21:30:00Z', ended_at: '2026-03-25T00:15:00Z' }),
      // Thu: an adjustment of +10 minutes at 13:00 CET.
      entry({
        id: 4,
        started_at: '2026-03-26T12:00:00Z',
        ended_at: '2026-03-26T12:00:00Z',
        source: 'adjustment',
        duration_seconds: 600,
      }),
      // Fri: an adjustment of −5 minutes.
      entry({
        id: 5,
        started_at: '2026-03-27T10:00:00Z',
        ended_at: '2026-03-27T10:00:00Z',
        source: 'adjustment',
        duration_seconds: -300,
      }),
      // Sat 23:00 CET → Sun 04:00 CEST: 5 wall-clock hours but 4 real ones; 60 + 180 minutes.
      entry({ id: 3, started_at: '2026-03-28T22:00:00Z', ended_at: '2026-03-29T02:00:00Z' }),
      // Sun 10:00 CEST, still running at 11:30 CEST: 90 minutes so far.
      entry({ id: 7, started_at: '2026-03-29T08:00:00Z', ended_at: null, source: 'timer' }),
    ];
    const week = groupWeek(
      entries,
      weekDays('2026-03-23'),
      'Europe/Berlin',
      Date.parse('2026-03-29T09:30:00Z'),
    );

    expect(week.days.map((day) => [day.day, minutes(day.seconds)])).toEqual([
      ['2026-03-23', 135],
      ['2026-03-24', 90],
      ['2026-03-25', 75],
      ['2026-03-26', 10],
      ['2026-03-27', -5],
      ['2026-03-28', 60],
      ['2026-03-29', 270],
    ]);
    expect(minutes(week.seconds)).toBe(635);
    // An entry across midnight is listed on both of its days, marked as split.
    expect(week.days[1]?.shares.map((s) => [s.entry.id, minutes(s.seconds), s.split])).toEqual([
      [2, 90, true],
    ]);
    expect(week.days[2]?.shares.map((s) => [s.entry.id, minutes(s.seconds), s.split])).toEqual([
      [2, 75, true],
    ]);
    expect(week.days[0]?.shares.map((s) => [s.entry.id, s.split])).toEqual([
      [6, true],
      [1, false],
    ]);
  });

  it('counts the fall-back Sunday’s 25 hours (New York, Sunday weeks)', () => {
    // Sunday 1 November 2026: EDT (−4) becomes EST (−5) at 06:00Z.
    const entries = [
      // Sun 00:30 EDT → 03:00 EST: 2½ wall-clock hours, 3½ real ones.
      entry({ id: 1, started_at: '2026-11-01T04:30:00Z', ended_at: '2026-11-01T08:00:00Z' }),
      // Sat 7 Nov 23:00 → Sun 8 Nov 01:00 EST: the week ends at Saturday midnight.
      entry({ id: 2, started_at: '2026-11-08T04:00:00Z', ended_at: '2026-11-08T06:00:00Z' }),
    ];
    const week = groupWeek(
      entries,
      weekDays('2026-11-01'),
      'America/New_York',
      Date.parse('2026-11-09T12:00:00Z'),
    );
    expect(week.days.map((day) => minutes(day.seconds))).toEqual([210, 0, 0, 0, 0, 0, 60]);
    expect(minutes(week.seconds)).toBe(270);
    expect(week.days[6]?.shares.map((s) => s.split)).toEqual([true]);
  });
});
