/** One entry of the command palette. */
export interface PaletteCommand {
  /** Unique among the palette's entries (cmdk's value). */
  id: string;
  label: string;
  /** Other words that find it: "theme" finds "Use dark theme", "logout" finds "Sign out". */
  keywords?: readonly string[];
  /** Its keyboard shortcut, shown beside it so the palette teaches the keys. */
  keys?: string;
  run: () => void;
}

export interface PaletteGroup {
  heading: string;
  commands: PaletteCommand[];
}

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean);

/**
 * Whether `command` answers `search`: every word typed is the start of a word of its label or
 * keywords ("go tas" finds "Go to Tasks", "dark" finds "Use dark theme"). Prefixes rather than
 * cmdk's fuzzy scoring, so the list never shows a command for letters scattered across it.
 */
export function matchesSearch(command: PaletteCommand, search: string): boolean {
  const wanted = words(search);
  if (wanted.length === 0) return true;
  const have = words([command.label, ...(command.keywords ?? [])].join(' '));
  return wanted.every((word) => have.some((candidate) => candidate.startsWith(word)));
}

/** The groups with only the commands matching `search`; empty groups are left out. */
export function filterGroups(groups: readonly PaletteGroup[], search: string): PaletteGroup[] {
  return groups
    .map((group) => ({
      ...group,
      commands: group.commands.filter((command) => matchesSearch(command, search)),
    }))
    .filter((group) => group.commands.length > 0);
}
