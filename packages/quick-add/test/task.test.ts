import { describe, expect, it } from 'vitest';
import { DUE_HELP } from '../src/due.js';
import { parseDue, parseMinutes, parseQuickAdd, toNewTask } from '../src/index.js';
import { DEFAULT_OPTIONS } from './table.js';

describe('toNewTask', () => {
  it('sends every field the line set, and only those', () => {
    // Friday 6 March 2026 in Berlin (CET): due:fri is today, until 23:59:59.999 local time.
    const parsed = parseQuickAdd(
      'Fix login redirect #backend @ui @API !high due:fri ~1h30m',
      DEFAULT_OPTIONS,
    );
    expect(toNewTask(parsed)).toStrictEqual({
      title: 'Fix login redirect',
      category: 'backend',
      tags: ['ui', 'api'],
      priority: 'high',
      due_at: '2026-03-06T22:59:59.999Z',
      estimated_minutes: 90,
    });
  });

  it('sends the title alone when the line has no tokens', () => {
    const parsed = parseQuickAdd('Just a title', DEFAULT_OPTIONS);
    expect(toNewTask(parsed)).toStrictEqual({ title: 'Just a title' });
  });

  it('never sends the chips or the errors', () => {
    const task = toNewTask(parseQuickAdd('Ship #web', DEFAULT_OPTIONS));
    expect(Object.keys(task).sort()).toStrictEqual(['category', 'title']);
  });
});

describe('parseMinutes', () => {
  it.each([
    ['45m', 45],
    ['45min', 45],
    ['2h', 120],
    ['1h30m', 90],
    ['1h30', 90],
    ['1.5h', 90],
    ['0.25h', 15],
    ['1:30', 90],
    ['90', 90],
    ['0', 0],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseMinutes(text)).toBe(minutes);
  });

  it.each(['', '1d', 'h', '1:75', '-5m', '1h 30m', 'abc'])('%j is no duration', (text) => {
    expect(parseMinutes(text)).toBeUndefined();
  });
});

describe('parseDue', () => {
  // Friday 6 March 2026, 11:00 in Berlin (CET, UTC+1).
  it('reads a due date as after due: in a line', () => {
    expect(parseDue('fri', DEFAULT_OPTIONS)).toStrictEqual({
      value: '2026-03-06T22:59:59.999Z', // today, end of day
      allDay: true,
    });
    expect(parseDue('next monday 5pm', DEFAULT_OPTIONS)).toStrictEqual({
      value: '2026-03-09T16:00:00.000Z', // Mon 9 March 17:00 CET
      allDay: false,
    });
  });

  it('explains what it cannot read', () => {
    expect(parseDue('someday', DEFAULT_OPTIONS)).toStrictEqual({
      error: `"someday" is not a date I understand; ${DUE_HELP}`,
    });
  });
});
