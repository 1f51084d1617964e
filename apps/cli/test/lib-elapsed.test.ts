import { expect, it } from 'vitest';
import { formatElapsed } from '../src/lib/elapsed.js';

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
