import { describe, expect, it } from 'vitest';
import { localDateTime } from '../time/zoneTime';
import { elapsedText, msToNextSecond } from './elapsed';

// Each case names the local wall clocks at start and now, to show they would give the wrong
// answer: the elapsed time is the instants' difference. Offsets from the tz database:
// Berlin CET +1 / CEST +2 (switches 2026-03-29 01:00Z and 2026-10-25 01:00Z); New York
// EST −5 / EDT −4 (switches 2026-03-08 07:00Z and 2026-11-01 06:00Z).
describe('elapsedText', () => {
  it.each([
    {
      case: 'across midnight in Berlin',
      zone: 'Europe/Berlin',
      start: '2026-01-14T22:59:30Z', // 23:59 local
      now: '2026-01-14T23:00:10Z', // 00:00 local, the next day
      walls: ['23:59', '00:00'],
      expected: '0:00:40',
    },
    {
      case: 'across the spring-forward night in Berlin (02:00 → 03:00)',
      zone: 'Europe/Berlin',
      start: '2026-03-29T00:30:00Z', // 01:30 CET
      now: '2026-03-29T01:30:00Z', // 03:30 CEST: two wall-clock hours, one real
      walls: ['01:30', '03:30'],
      expected: '1:00:00',
    },
    {
      case: 'across the fall-back night in Berlin (03:00 → 02:00)',
      zone: 'Europe/Berlin',
      start: '2026-10-25T00:30:00Z', // 02:30 CEST
      now: '2026-10-25T01:30:00Z', // 02:30 CET: the same wall clock, one real hour later
      walls: ['02:30', '02:30'],
      expected: '1:00:00',
    },
    {
      case: 'across the spring-forward night in New York (02:00 → 03:00)',
      zone: 'America/New_York',
      start: '2026-03-08T06:45:00Z', // 01:45 EST
      now: '2026-03-08T07:15:05Z', // 03:15 EDT
      walls: ['01:45', '03:15'],
      expected: '0:30:05',
    },
    {
      case: 'across the fall-back night in New York (02:00 → 01:00)',
      zone: 'America/New_York',
      start: '2026-11-01T05:50:00Z', // 01:50 EDT
      now: '2026-11-01T06:10:00Z', // 01:10 EST: earlier on the wall, 20 minutes later
      walls: ['01:50', '01:10'],
      expected: '0:20:00',
    },
    {
      case: 'across midnight and a DST change together in New York, over a day',
      zone: 'America/New_York',
      start: '2026-03-07T04:00:00Z', // 23:00 EST on 6 March
      now: '2026-03-08T07:00:01Z', // 03:00:01 EDT on 8 March: 28 wall hours, 27 real
      walls: ['23:00', '03:00'],
      expected: '27:00:01',
    },
    {
      case: 'started more than 24 hours ago',
      zone: 'Europe/Berlin',
      start: '2026-05-01T08:00:00Z',
      now: '2026-05-03T10:03:09Z',
      walls: ['10:00', '12:03'],
      expected: '50:03:09',
    },
  ])('$case', ({ zone, start, now, walls, expected }) => {
    expect([localDateTime(start, zone).time, localDateTime(now, zone).time]).toEqual(walls);
    expect(elapsedText(start, Date.parse(now))).toBe(expected);
  });

  it('shows 0:00:00 when this clock is behind the server’s start', () => {
    expect(elapsedText('2026-05-01T08:00:05Z', Date.parse('2026-05-01T08:00:00Z'))).toBe('0:00:00');
  });
});

describe('msToNextSecond', () => {
  it.each([
    ['2026-05-01T08:00:00.000Z', '2026-05-01T08:00:10.250Z', 750],
    ['2026-05-01T08:00:00.400Z', '2026-05-01T08:00:10.400Z', 1000],
    ['2026-05-01T08:00:00.000Z', '2026-05-01T07:59:59.700Z', 300],
  ])('started %s, now %s → %i ms', (start, now, expected) => {
    expect(msToNextSecond(start, Date.parse(now))).toBe(expected);
  });
});
