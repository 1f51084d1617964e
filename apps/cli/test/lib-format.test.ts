import { describe, expect, it } from 'vitest';
import { calendarOf, type WeeklyReport } from '../src/lib/calendar.js';
import { formatDateTime, formatDay, formatDue, taskLabel } from '../src/lib/format.js';

describe('formatDateTime and formatDue', () => {
  it('shows the wall clock of the profile zone', () => {
    // 13:00 UTC on Tuesday 3 March 2026 is 14:00 in Berlin (CET) and 08:00 in New York (EST).
    expect(formatDateTime('2026-03-03T13:00:00.000Z', 'Europe/Berlin')).toBe('Tue 3 Mar 14:00');
    expect(formatDateTime('2026-03-03T13:00:00.000Z', 'America/New_York')).toBe('Tue 3 Mar 08:00');
  });

  it('shows a due date at the end of a local day as the day alone', () => {
    // 22:59:59.999 UTC is 23:59:59.999 in Berlin on Friday 6 March: what due:fri makes there.
    expect(formatDue('2026-03-06T22:59:59.999Z', 'Europe/Berlin')).toBe('Fri 6 Mar');
    // The same instant in UTC is a time of day, not the end of one.
    expect(formatDue('2026-03-06T22:59:59.999Z', 'UTC')).toBe('Fri 6 Mar 22:59');
    expect(formatDue('2026-03-06T16:00:00.000Z', 'Europe/Berlin')).toBe('Fri 6 Mar 17:00');
  });
});

describe('formatDay', () => {
  it.each([
    ['2026-03-02', 'Mon  2 Mar'],
    ['2026-12-31', 'Thu 31 Dec'],
    ['2024-02-29', 'Thu 29 Feb'],
  ])('%s reads %j', (date, label) => {
    expect(formatDay(date)).toBe(label);
  });
});

it('names a task by id and title', () => {
  expect(taskLabel({ id: 42, title: 'Fix login' })).toBe('#42 Fix login');
});

describe('calendarOf', () => {
  const weekly = (weekStart: 'monday' | 'sunday', tz: string) =>
    ({
      period: { from: '2026-03-01', to: '2026-03-04', tz },
      week_start: weekStart,
      weeks: [],
    }) as WeeklyReport;

  it('reads the zone and week start /metrics/weekly used', () => {
    expect(calendarOf(weekly('sunday', 'America/New_York'))).toStrictEqual({
      timeZone: 'America/New_York',
      weekStart: 'sunday',
      weekStartsOn: 0,
    });
    expect(calendarOf(weekly('monday', 'UTC'))).toStrictEqual({
      timeZone: 'UTC',
      weekStart: 'monday',
      weekStartsOn: 1,
    });
  });
});
