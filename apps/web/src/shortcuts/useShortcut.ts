import { useEffect, useRef, useSyncExternalStore } from 'react';
import { createKeyHandler } from './keyboard';
import { list, register, subscribe, type Keys, type Shortcut } from './registry';

export interface ShortcutOptions {
  description: string;
  group: string;
  /** Register only while true (e.g. while a list has a focused row). Default true. */
  enabled?: boolean;
  inInputs?: boolean;
}

/**
 * Offers `keys` while the calling component is mounted. The handler may change on every render
 * without re-registering (it is read through a ref), so callers need no useCallback.
 */
export function useShortcut(
  keys: Keys,
  run: (event: KeyboardEvent) => void,
  { description, group, enabled = true, inInputs = false }: ShortcutOptions,
): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (!enabled) return undefined;
    const shortcut: Shortcut = {
      keys,
      description,
      group,
      inInputs,
      run: (event) => {
        latest.current(event);
      },
    };
    return register(shortcut);
  }, [keys, description, group, enabled, inInputs]);
}

/** The shortcuts available now, for the `?` dialog and the command palette. */
export function useShortcutList(): readonly Shortcut[] {
  return useSyncExternalStore(subscribe, list, list);
}

/** Installs the one document listener; mount once, inside the app's layout. */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const handler = createKeyHandler();
    document.addEventListener('keydown', handler);
    return () => {
      document.removeEventListener('keydown', handler);
    };
  }, []);
}
