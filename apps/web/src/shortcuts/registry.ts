// The app's keyboard shortcuts: one registry, one document listener (ShortcutsProvider), and the
// list the `?` dialog and the command palette read. Pages register what they offer while they
// are mounted (useShortcut), so the help always shows what works on the current page.

/**
 * A key, a chord or a sequence, as written in the help: `n`, `?`, `/`, `mod+k` (Ctrl, or Cmd on
 * a Mac), `g d` (g, then d within a second). Letters are lower case.
 */
export type Keys = string;

export interface Shortcut {
  keys: Keys;
  /** What it does, for the help dialog and the palette ("New task"). */
  description: string;
  /** Heading in the help dialog: "Global", "Navigation", "Tasks", ... */
  group: string;
  run: (event: KeyboardEvent) => void;
  /**
   * Also fire while the focus is in a text field. Off by default: typing "n" in a title must not
   * open a new task. Only for chords with a modifier and Escape.
   */
  inInputs?: boolean;
}

type Listener = () => void;

const active: Shortcut[] = [];
let snapshot: readonly Shortcut[] = [];
const listeners = new Set<Listener>();

function changed(): void {
  snapshot = [...active];
  for (const listener of listeners) listener();
}

/** Adds a shortcut; returns its removal. The latest registration of the same keys wins. */
export function register(shortcut: Shortcut): () => void {
  active.push(shortcut);
  changed();
  return () => {
    const index = active.indexOf(shortcut);
    if (index >= 0) active.splice(index, 1);
    changed();
  };
}

/** The shortcuts registered now, in registration order (useSyncExternalStore's snapshot). */
export function list(): readonly Shortcut[] {
  return snapshot;
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Finds what `keys` runs now; the most recent registration wins (a page over the layout). */
export function lookup(keys: Keys): Shortcut | undefined {
  return active.findLast((s) => s.keys === keys);
}

/** True when some shortcut's sequence starts with `first` (e.g. "g" for "g d"). */
export function startsSequence(first: string): boolean {
  return active.some((s) => s.keys.startsWith(`${first} `));
}

/** How the help writes a key combination for this platform ("Ctrl K" or "⌘ K"). */
export function displayKeys(keys: Keys, mac: boolean): string[] {
  return keys.split(' ').map((part) =>
    part
      .split('+')
      .map((k) => (k === 'mod' ? (mac ? '⌘' : 'Ctrl') : k.length === 1 ? k : capitalise(k)))
      .join(' '),
  );
}

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
