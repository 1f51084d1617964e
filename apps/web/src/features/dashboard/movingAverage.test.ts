import { describe, expect, it } from 'vitest';
import { trailingMean } from './movingAverage';

describe('trailingMean', () => {
  it('divides the day and the six before it by 7, the lead-in days included', () => {
    // docs/metrics.md: 1 completion 6 days before and 2 three days before, none on the first
    // day → (1 + 2 + 0) / 7.
    const before = [1, 0, 0, 2, 0, 0];
    expect(trailingMean([0, 7], before)).toEqual([3 / 7, 9 / 7]);
  });

  it('slides the window along the period', () => {
    const values = [7, 0, 0, 0, 0, 0, 0, 14];
    expect(trailingMean(values, [0, 0, 0, 0, 0, 0])).toEqual([1, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('uses only the last six days of a longer lead-in, and a short one as it is', () => {
    expect(trailingMean([0], [70, 7, 7, 7, 7, 7, 7])).toEqual([6]);
    expect(trailingMean([7], [])).toEqual([1]);
  });

  it('keeps negative days (an adjustment can take time away)', () => {
    expect(trailingMean([-14], [0, 0, 0, 0, 0, 0])).toEqual([-2]);
  });
});
