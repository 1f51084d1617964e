// @ts-check
// `node --test bench/lib/`: the quantiles of the timed runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantile, timing } from './report.mjs';

// 20 runs, not in order: 10, 20, …, 200 ms shuffled.
const samples = [
  70, 200, 10, 150, 40, 90, 180, 30, 120, 60, 110, 20, 190, 50, 160, 80, 140, 100, 170, 130,
];

describe('quantile', () => {
  it('takes p50 and p95 of 20 runs as the 11th and 19th fastest (nearest rank)', () => {
    assert.equal(quantile(samples, 0.5), 110);
    assert.equal(quantile(samples, 0.95), 190);
  });

  it('is NaN without samples, and the one sample of one', () => {
    assert.ok(Number.isNaN(quantile([], 0.5)));
    assert.equal(quantile([42], 0.95), 42);
  });
});

describe('timing', () => {
  it('keeps the samples in run order beside their summary', () => {
    assert.deepEqual(timing([30, 10, 20]), {
      runs: 3,
      p50: 20,
      p95: 30,
      min: 10,
      max: 30,
      samples: [30, 10, 20],
    });
  });
});
