import { describe, expect, it } from 'vitest';
import { parseDuration } from '../src/lib/duration.js';

describe('parseDuration', () => {
  it.each([
    ['1h30m', 90],
    ['45m', 45],
    ['45min', 45],
    ['1.5h', 90],
    ['2h', 120],
    ['1:30', 90],
    ['90', 90], // a bare number is minutes
    [' 20m ', 20],
    ['0.1h', 6],
  ])('%j is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toStrictEqual({ minutes });
  });

  it.each(['', 'soon', '1d', '1h 30m', '-5m', '1:75'])('%j is refused with the forms', (text) => {
    const outcome = parseDuration(text);
    expect(outcome).toStrictEqual({
      error: `"${text}" is not a duration: write it like 1h30m, 45m, 1.5h, 1:30 or 90 (minutes)`,
    });
  });

  it.each(['0', '0m', '0.001h'])('%j is less than a minute', (text) => {
    expect(parseDuration(text)).toStrictEqual({ error: 'A duration is at least 1 minute' });
  });
});
