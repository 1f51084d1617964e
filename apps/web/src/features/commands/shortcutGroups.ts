import type { Shortcut } from '../../shortcuts/registry';

export interface ShortcutGroup {
  group: string;
  shortcuts: Shortcut[];
}

/**
 * What works now, grouped for the help: of several registrations of the same keys only the
 * latest runs (a page overriding a global key), so only it is listed, under its own group.
 * Groups and shortcuts keep registration order: the layout's first, the page's after.
 */
export function groupShortcuts(registered: readonly Shortcut[]): ShortcutGroup[] {
  const effective = registered.filter(
    (shortcut, index) => !registered.slice(index + 1).some((later) => later.keys === shortcut.keys),
  );
  const groups = new Map<string, Shortcut[]>();
  for (const shortcut of effective) {
    const list = groups.get(shortcut.group);
    if (list === undefined) groups.set(shortcut.group, [shortcut]);
    else list.push(shortcut);
  }
  return [...groups].map(([group, shortcuts]) => ({ group, shortcuts }));
}

/** True on Apple platforms, where `mod` is ⌘ rather than Ctrl. */
export function isApplePlatform(): boolean {
  // The user agent rather than navigator.platform (deprecated); iPadOS says "Macintosh".
  return /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);
}
