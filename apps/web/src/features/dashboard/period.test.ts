import { describe, expect, it } from 'vitest';
import { isDay, parsePeriod, periodSearch, rangeErrors, spanDays } from './period';

const parse = (search: string) => parsePeriod(new URLSearchParams(search));

describe('the period in the URL', () => {
  it.each([
    ['', { days: 30 }, false],
    ['?days=7', { days: 7 }, false],
    ['?days=366', { days: 366 }, false],
    ['?from=2026-03-01&to=2026-03-31', { from: '2026-03-01', to: '2026-03-31' }, false],
    ['?days=0', { days: 30 }, true],
    ['?days=367', { days: 30 }, true],
    ['?days=7.5', { days: 30 }, true],
    ['?days=abc', { days: 30 }, true],
    ['?days=7&from=2026-03-01&to=2026-03-31', { days: 30 }, true],
    ['?from=2026-03-01', { days: 30 }, true],
    ['?from=2026-02-30&to=2026-03-31', { days: 30 }, true],
    ['?from=2026-03-31&to=2026-03-01', { days: 30 }, true],
    ['?from=2025-01-01&to=2026-03-01', { days: 30 }, true],
  ])('%s → %o (invalid: %s)', (search, period, invalid) => {
    expect(parse(search)).toEqual({ period, invalid });
  });

  it('writes a period back as the URL reads it', () => {
    expect(periodSearch({ days: 90 }).toString()).toBe('days=90');
    expect(periodSearch({ from: '2026-03-01', to: '2026-03-31' }).toString()).toBe(
      'from=2026-03-01&to=2026-03-31',
    );
  });
});

describe('calendar days', () => {
  it('knows real dates', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-3-1')).toBe(false);
  });

  it('counts both ends', () => {
    expect(spanDays('2026-03-01', '2026-03-01')).toBe(1);
    expect(spanDays('2026-03-01', '2026-03-31')).toBe(31);
    expect(spanDays('2025-03-01', '2026-03-01')).toBe(366);
  });
});

describe('a custom range', () => {
  it.each([
    ['2026-03-01', '2026-03-31', {}],
    ['', '2026-03-31', { from: 'Enter the first day.' }],
    ['2026-03-01', '', { to: 'Enter the last day.' }],
    ['2026-02-30', '2026-03-31', { from: 'Enter a date such as 2026-03-01.' }],
    ['2026-03-31', '2026-03-01', { to: 'The last day must be on or after the first.' }],
    ['2025-02-28', '2026-03-01', { to: 'A period can be at most 366 days.' }],
  ])('%s … %s → %o', (from, to, errors) => {
    expect(rangeErrors(from, to)).toEqual(errors);
  });
});
