import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productivityScore, trend, toMinutes } from '../src/modules/metrics/metrics.formulas.js';
import {
  addDays,
  localDate,
  resolvePeriod,
  weekStartOf,
} from '../src/modules/metrics/metrics.period.js';

const week = fc.record({
  days: fc.integer({ min: 1, max: 7 }),
  completed: fc.integer({ min: 0, max: 50 }),
  accuracyTasks: fc.integer({ min: 0, max: 20 }),
  accuracy: fc.double({ min: 0, max: 1, noNaN: true }),
  activeDays: fc.integer({ min: 0, max: 7 }),
});

function score(w: {
  days: number;
  completed: number;
  accuracyTasks: number;
  accuracy: number;
  activeDays: number;
}): number {
  return productivityScore({
    days: w.days,
    completed: w.completed,
    accuracyTasks: w.accuracyTasks,
    accuracySum: w.accuracy * w.accuracyTasks,
    activeDays: Math.min(w.activeDays, w.days),
  }).score;
}

describe('productivity score', () => {
  it('stays within 0..100', () => {
    fc.assert(
      fc.property(week, (w) => {
        const s = score(w);
        return Number.isInteger(s) && s >= 0 && s <= 100;
      }),
    );
  });

  it('is monotonic in completions, estimation accuracy and active days', () => {
    fc.assert(
      fc.property(week, fc.integer({ min: 1, max: 10 }), (w, more) => {
        expect(score({ ...w, completed: w.completed + more })).toBeGreaterThanOrEqual(score(w));
        if (w.accuracyTasks > 0) {
          const better = Math.min(1, w.accuracy + more / 10);
          expect(score({ ...w, accuracy: better })).toBeGreaterThanOrEqual(score(w));
        }
        const active = Math.min(w.days, w.activeDays);
        if (active < w.days) {
          expect(score({ ...w, activeDays: active + 1 })).toBeGreaterThan(score(w) - 1e-9);
        }
      }),
    );
  });

  it('a perfect week scores 100 and an empty one 0', () => {
    expect(
      productivityScore({ days: 7, completed: 5, accuracyTasks: 2, accuracySum: 2, activeDays: 7 })
        .score,
    ).toBe(100);
    expect(
      productivityScore({ days: 7, completed: 0, accuracyTasks: 0, accuracySum: 0, activeDays: 0 })
        .score,
    ).toBe(0);
  });
});

describe('trend direction', () => {
  it('is flat below max(0.25, 10 % of the mean) of fitted change', () => {
    // 30 days, slope 0.01 → change 0.29 ≥ 0.25 with a small mean: up.
    expect(trend(0.01, 1, 30).direction).toBe('up');
    // The same change with a mean of 5 completions/day: threshold 0.5 → flat.
    expect(trend(0.01, 5, 30)).toMatchObject({ threshold: 0.5, direction: 'flat' });
    expect(trend(-0.02, 5, 30)).toMatchObject({ change: -0.58, direction: 'down' });
    expect(trend(null, 0, 1)).toEqual({
      slope: 0,
      change: 0,
      mean: 0,
      threshold: 0.25,
      direction: 'flat',
    });
  });
});

describe('period helpers', () => {
  it('rounds minutes half up like actual_minutes', () => {
    expect(toMinutes(89)).toBe(1);
    expect(toMinutes(90)).toBe(2);
    expect(toMinutes(-600)).toBe(-10);
  });

  it('computes local dates and week starts', () => {
    expect(localDate(new Date('2026-03-02T20:00:00Z'), 'Asia/Tokyo')).toBe('2026-03-03');
    expect(localDate(new Date('2026-03-02T20:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    // Sunday 2026-03-29: its ISO week starts Monday the 23rd; a Sunday week starts that day.
    expect(weekStartOf('2026-03-29', 'monday')).toBe('2026-03-23');
    expect(weekStartOf('2026-03-29', 'sunday')).toBe('2026-03-29');
    expect(weekStartOf('2026-03-28', 'sunday')).toBe('2026-03-22');
  });

  it('resolves the period from days or from/to', () => {
    const now = new Date('2026-01-01T03:00:00Z');
    expect(resolvePeriod({ days: 3 }, 'UTC', now)).toMatchObject({
      from: '2025-12-30',
      to: '2026-01-01',
    });
    // In Los Angeles it is still 31 December.
    expect(resolvePeriod({}, 'America/Los_Angeles', now)).toMatchObject({
      from: '2025-12-02',
      to: '2025-12-31',
      weekStart: 'monday',
    });
  });
});
