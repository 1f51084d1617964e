import { describe, expect, it } from 'vitest';
import { chunk, length, merge, overlaps, subtract } from '../src/index.js';

const i = (start: number, end: number) => ({ start, end });

describe('merge', () => {
  it('sorts, joins overlapping and touching intervals, drops empty ones', () => {
    expect(merge([i(5, 7), i(1, 3), i(3, 4), i(6, 9), i(10, 10), i(12, 11)])).toEqual([
      i(1, 4),
      i(5, 9),
    ]);
  });

  it('keeps a gap of one unit', () => {
    expect(merge([i(1, 2), i(3, 4)])).toEqual([i(1, 2), i(3, 4)]);
  });

  it('an interval inside another disappears into it', () => {
    expect(merge([i(0, 10), i(2, 3)])).toEqual([i(0, 10)]);
  });

  it('does not change its input', () => {
    const input = [i(1, 3), i(2, 5)];
    merge(input);
    expect(input).toEqual([i(1, 3), i(2, 5)]);
  });
});

describe('subtract', () => {
  it('no cuts: the base as it is', () => {
    expect(subtract(i(0, 10), [])).toEqual([i(0, 10)]);
  });

  it('a cut in the middle splits the base in two', () => {
    expect(subtract(i(0, 10), [i(4, 6)])).toEqual([i(0, 4), i(6, 10)]);
  });

  it('a cut covering the base removes it', () => {
    expect(subtract(i(2, 8), [i(0, 10)])).toEqual([]);
    expect(subtract(i(2, 8), [i(2, 8)])).toEqual([]);
  });

  it('cuts over either edge trim it', () => {
    expect(subtract(i(0, 10), [i(-5, 3)])).toEqual([i(3, 10)]);
    expect(subtract(i(0, 10), [i(7, 15)])).toEqual([i(0, 7)]);
    expect(subtract(i(0, 10), [i(-5, 3), i(7, 15)])).toEqual([i(3, 7)]);
  });

  it('half-open: cuts that only touch an edge remove nothing', () => {
    expect(subtract(i(0, 10), [i(-5, 0), i(10, 20)])).toEqual([i(0, 10)]);
  });

  it('cuts sharing the edge exactly', () => {
    expect(subtract(i(0, 10), [i(0, 4)])).toEqual([i(4, 10)]);
    expect(subtract(i(0, 10), [i(6, 10)])).toEqual([i(0, 6)]);
  });

  it('several cuts, unsorted and overlapping each other', () => {
    expect(subtract(i(0, 100), [i(50, 60), i(10, 20), i(15, 30), i(90, 200)])).toEqual([
      i(0, 10),
      i(30, 50),
      i(60, 90),
    ]);
  });

  it('cuts entirely outside change nothing', () => {
    expect(subtract(i(10, 20), [i(0, 5), i(25, 30)])).toEqual([i(10, 20)]);
  });

  it('an infinite cut (the future) trims the end', () => {
    expect(subtract(i(0, 10), [i(8, Infinity)])).toEqual([i(0, 8)]);
  });
});

describe('length, overlaps, chunk', () => {
  it('length is never negative', () => {
    expect(length(i(3, 10))).toBe(7);
    expect(length(i(10, 3))).toBe(0);
  });

  it('overlaps is false for touching intervals', () => {
    expect(overlaps(i(0, 5), i(5, 9))).toBe(false);
    expect(overlaps(i(0, 5), i(4, 9))).toBe(true);
    expect(overlaps(i(4, 9), i(0, 5))).toBe(true);
    expect(overlaps(i(0, 10), i(2, 3))).toBe(true);
  });

  it('chunk cuts into pieces of at most the size, the last one the remainder', () => {
    expect(chunk(i(0, 25), 10)).toEqual([i(0, 10), i(10, 20), i(20, 25)]);
    expect(chunk(i(0, 20), 10)).toEqual([i(0, 10), i(10, 20)]);
    expect(chunk(i(0, 5), 10)).toEqual([i(0, 5)]);
    expect(chunk(i(5, 5), 10)).toEqual([]);
    expect(() => chunk(i(0, 5), 0)).toThrow(RangeError);
  });
});
