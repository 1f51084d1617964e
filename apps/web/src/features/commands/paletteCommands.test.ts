import { describe, expect, it } from 'vitest';
import { filterGroups, matchesSearch, type PaletteCommand } from './paletteCommands';

const command = (label: string, keywords?: string[]): PaletteCommand => ({
  id: label,
  label,
  keywords,
  run: () => undefined,
});

describe('matchesSearch', () => {
  it.each([
    ['', true],
    ['tasks', true],
    ['go tas', true],
    ['TAS', true],
    ['page', true],
    ['asks', false],
    ['go week', false],
  ])('"%s" → %s for "Go to Tasks"', (search, expected) => {
    expect(matchesSearch(command('Go to Tasks', ['page']), search)).toBe(expected);
  });
});

describe('filterGroups', () => {
  it('keeps the matching commands and leaves out empty groups', () => {
    const groups = [
      { heading: 'Go to', commands: [command('Go to Tasks'), command('Go to Week')] },
      { heading: 'Account', commands: [command('Sign out', ['logout'])] },
    ];
    expect(
      filterGroups(groups, 'week').map((g) => [g.heading, g.commands.map((c) => c.label)]),
    ).toEqual([['Go to', ['Go to Week']]]);
    expect(
      filterGroups(groups, 'logout').map((g) => [g.heading, g.commands.map((c) => c.label)]),
    ).toEqual([['Account', ['Sign out']]]);
  });
});
