import { describe, expect, it } from 'vitest';
import type { Shortcut } from '../../shortcuts/registry';
import { groupShortcuts } from './shortcutGroups';

const shortcut = (keys: string, description: string, group: string): Shortcut => ({
  keys,
  description,
  group,
  run: () => undefined,
});

describe('groupShortcuts', () => {
  it('lists only the latest registration of the same keys, under its own group', () => {
    const registered = [
      shortcut('?', 'Show keyboard shortcuts', 'General'),
      shortcut('n', 'New task', 'General'),
      shortcut('g t', 'Tasks', 'Go to'),
      // The tasks page, mounted later, takes over `n`.
      shortcut('n', 'Focus quick add', 'Tasks'),
      shortcut('j', 'Next task', 'Tasks'),
    ];
    expect(
      groupShortcuts(registered).map(({ group, shortcuts }) => [
        group,
        shortcuts.map((s) => `${s.keys}: ${s.description}`),
      ]),
    ).toEqual([
      ['General', ['?: Show keyboard shortcuts']],
      ['Go to', ['g t: Tasks']],
      ['Tasks', ['n: Focus quick add', 'j: Next task']],
    ]);
  });

  it('drops a group whose every key was taken over', () => {
    const registered = [shortcut('/', 'Search tasks', 'General'), shortcut('/', 'Filter', 'Tasks')];
    expect(groupShortcuts(registered).map((g) => g.group)).toEqual(['Tasks']);
  });
});
