import { describe, expect, it } from 'vitest';
import { formatElapsed, formatMinutes } from '../src/lib/elapsed.js';

it.each([
  [0, '0:00:00'],
  [59, '0:00:59'],
  [245, '0:04:05'], // 4 × 60 + 5
  [3725, '1:02:05'], // 3600 + 2 × 60 + 5
  [43_200, '12:00:00'],
  [90_061, '25:01:01'], // 25 h, 1 min, 1 s: a timer left running overnight is not wrapped
  [61.9, '0:01:01'], // fractions are cut, never rounded up into the next second
  [-5, '0:00:00'],
])('%d seconds read %s', (seconds, text) => {
  expect(formatElapsed(seconds)).toBe(text);
});

describe('formatMinutes', () => {
  it.each([
    [0, '0m'],
    [45, '45m'],
    [60, '1h'],
    [90, '1h 30m'],
    [1505, '25h 5m'], // 25 × 60 + 5
    [-65, '-1h 5m'],
  ])('%i minutes read %j', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
