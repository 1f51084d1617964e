import { describe, expect, it } from 'vitest';
import { instantAt, isDay, nextDay, startOfDayAt, wallClock } from './zoned';

describe('days and wall-clock times in a zone', () => {
  it('reads only real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-3-1')).toBe(false);
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
  });

  it('turns a day and time in the zone into a UTC instant, the end of the day without a time', () => {
    expect(instantAt('2025-07-01', '09:30', 'Europe/Berlin')).toBe('2025-07-01T07:30:00.000Z');
    expect(instantAt('2025-01-15', '', 'America/New_York')).toBe('2025-01-16T04:59:59.999Z');
    expect(startOfDayAt('2025-03-10', 'Asia/Tokyo')).toBe('2025-03-09T15:00:00.000Z');
  });

  it('moves a time skipped by the spring clock change forward by the gap', () => {
    // Berlin skips 02:00–03:00 on 30 March 2025; 02:30 does not exist and becomes 03:30 CEST.
    expect(instantAt('2025-03-30', '02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
  });

  it('shows an instant as the day and time of the zone, end of day as no time', () => {
    expect(wallClock('2025-07-01T07:30:00.000Z', 'Europe/Berlin')).toEqual({
      day: '2025-07-01',
      time: '09:30',
    });
    expect(wallClock('2025-01-16T04:59:59.999Z', 'America/New_York')).toEqual({
      day: '2025-01-15',
      time: '',
    });
    // The same instant is still the 15th in New York but already the 16th in Berlin.
    expect(wallClock('2025-01-16T04:59:59.999Z', 'Europe/Berlin')).toEqual({
      day: '2025-01-16',
      time: '05:59',
    });
  });
});
