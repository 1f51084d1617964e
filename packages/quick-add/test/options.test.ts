import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from '../src/index.js';
import { DEFAULT_OPTIONS } from './table.js';

describe('parseQuickAdd: options', () => {
  it('refuses an unknown time zone (a programming error, not a typing one)', () => {
    expect(() => parseQuickAdd('x', { ...DEFAULT_OPTIONS, timeZone: 'Mars/Olympus' })).toThrow(
      RangeError,
    );
  });

  it('refuses an invalid now', () => {
    expect(() => parseQuickAdd('x', { ...DEFAULT_OPTIONS, now: new Date(Number.NaN) })).toThrow(
      RangeError,
    );
  });

  it('does not change the Date it is given', () => {
    const now = new Date(DEFAULT_OPTIONS.now);
    parseQuickAdd('Ship due:"in 2 hours" due:tomorrow', { ...DEFAULT_OPTIONS, now });
    expect(now.toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });
});
