import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDay,
  formatDuration,
  formatElapsed,
  formatNumber,
  formatPercent,
  formatTime,
} from './format';

describe('formatElapsed (h:mm:ss)', () => {
  it.each([
    [0, '0:00:00'],
    [999, '0:00:00'],
    [1000, '0:00:01'],
    [(4 * 60 + 7) * 1000, '0:04:07'],
    [(1 * 3600 + 2 * 60 + 3) * 1000, '1:02:03'],
    [26 * 3600 * 1000, '26:00:00'],
    [-5000, '0:00:00'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatElapsed(ms)).toBe(expected);
  });
});

describe('formatDuration (minutes)', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [59.6, '1 h 00 min'],
    [65, '1 h 05 min'],
    [-90, '−1 h 30 min'],
    [-0.2, '0 min'],
    [60 * 1234, '1,234 h 00 min'],
  ])('%d → %s', (minutes, expected) => {
    expect(formatDuration(minutes, 'en-US')).toBe(expected);
  });
});

describe('dates in the profile time zone', () => {
  // 23:30 UTC on 5 March is already 6 March in Tokyo and still 5 March in New York.
  const instant = '2025-03-05T23:30:00Z';

  it('shows the calendar date of the zone', () => {
    expect(formatDate(instant, 'Asia/Tokyo', 'en-US')).toBe('Mar 6, 2025');
    expect(formatDate(instant, 'America/New_York', 'en-US')).toBe('Mar 5, 2025');
  });

  it('shows the time of day of the zone', () => {
    expect(formatTime(instant, 'Asia/Tokyo', 'en-GB')).toBe('08:30');
    expect(formatDateTime(instant, 'UTC', 'en-GB')).toBe('5 Mar 2025, 23:30');
  });

  it('never shifts a calendar day', () => {
    expect(formatDay('2025-03-05', 'en-US')).toBe('Mar 5, 2025');
  });
});

describe('numbers in the locale', () => {
  it('groups and marks decimals as the locale does', () => {
    expect(formatNumber(1234.5, {}, 'en-US')).toBe('1,234.5');
    expect(formatNumber(1234.5, {}, 'de-DE')).toBe('1.234,5');
    expect(formatPercent(0.256, 'en-US')).toBe('26%');
  });
});
