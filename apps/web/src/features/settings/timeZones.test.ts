import { describe, expect, it } from 'vitest';
import { browserTimeZones, filterTimeZones, withCurrent } from './timeZones';

const ZONES = [
  'America/Miquelon',
  'America/New_York',
  'Arctic/Longyearbyen',
  'Europe/Berlin',
  'Europe/London',
  'UTC',
];

describe('filterTimeZones', () => {
  it.each([
    ['', ZONES],
    ['berlin', ['Europe/Berlin']],
    ['new york', ['America/New_York']],
    ['NEW_YORK', ['America/New_York']],
    ['europe lon', ['Europe/London']],
    // Cities starting with the text first, then the rest, each in list order.
    ['lon', ['Arctic/Longyearbyen', 'Europe/London', 'America/Miquelon']],
    ['mars', []],
  ])('"%s"', (query, expected) => {
    expect(filterTimeZones(ZONES, query)).toEqual(expected);
  });
});

describe('the zones offered', () => {
  it('are the browser’s, sorted, with UTC', () => {
    const zones = browserTimeZones();
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/Berlin');
    expect([...zones].sort()).toEqual(zones);
  });

  it('include the saved zone when the browser does not list it', () => {
    expect(withCurrent(['Europe/Berlin'], 'US/Pacific')).toEqual(['US/Pacific', 'Europe/Berlin']);
    expect(withCurrent(['Europe/Berlin'], 'Europe/Berlin')).toEqual(['Europe/Berlin']);
  });
});
