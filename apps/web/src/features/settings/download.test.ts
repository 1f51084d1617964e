import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './download';

describe('filenameFromDisposition', () => {
  it.each([
    ['attachment; filename="tasks-2026-03-01.csv"', 'tasks-2026-03-01.csv'],
    ['attachment; filename=time-entries.json', 'time-entries.json'],
    ['attachment; filename="a \\"quoted\\" name.csv"', 'a "quoted" name.csv'],
    ['attachment; filename="fallback.csv"; filename*=UTF-8\'\'t%C3%A2ches.csv', 'tâches.csv'],
    ['attachment; filename="../../etc/passwd"', '.._.._etc_passwd'],
    ['attachment', 'export.csv'],
    ['attachment; filename=""', 'export.csv'],
    [null, 'export.csv'],
  ])('%s → %s', (header, expected) => {
    expect(filenameFromDisposition(header, 'export.csv')).toBe(expected);
  });
});
