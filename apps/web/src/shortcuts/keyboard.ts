import { lookup, startsSequence, type Keys } from './registry';

// Turns key events into the registry's key names and runs the matching shortcut. Kept apart
// from React so it can be tested with plain KeyboardEvents.

/** How long the second key of a sequence ("g" then "d") may wait. */
export const SEQUENCE_TIMEOUT_MS = 1000;

/** True when the event comes from a place where keys are text: fields, editors, selects. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  // Buttons-like inputs take no text: shortcuts still work from them.
  const type = (target as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}

/** The registry's name for one key press: "k", "mod+k", "?", "escape"; undefined for modifiers. */
export function keyName(event: KeyboardEvent): string | undefined {
  const { key } = event;
  if (['Shift', 'Control', 'Alt', 'Meta', 'CapsLock'].includes(key)) return undefined;
  const base = key.length === 1 ? key.toLowerCase() : key.toLowerCase().replace(/^arrow/, '');
  const mod = event.ctrlKey || event.metaKey;
  if (event.altKey) return undefined; // Alt combinations type characters on many layouts.
  return mod ? `mod+${base}` : base;
}

/**
 * A document keydown handler: runs single keys, chords and two-key sequences. Returns the
 * handler; `now` is injectable for tests.
 */
export function createKeyHandler(now: () => number = () => Date.now()) {
  let pending: { first: string; at: number } | undefined;

  return (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.isComposing) return;
    const name = keyName(event);
    if (name === undefined) return;
    const typing = isTyping(event.target);

    let keys: Keys = name;
    if (pending && now() - pending.at <= SEQUENCE_TIMEOUT_MS && !typing) {
      keys = `${pending.first} ${name}`;
    }
    pending = undefined;

    const shortcut = lookup(keys);
    if (shortcut && (!typing || shortcut.inInputs)) {
      event.preventDefault();
      shortcut.run(event);
      return;
    }
    // Escape leaves a text field, so the page's keys work again (as in Linear or GitHub). Not in
    // a dialog or an open list: there Escape closes what is open, and the component handles it.
    if (typing && name === 'escape' && event.target instanceof HTMLElement) {
      const target = event.target;
      if (
        target.closest('[role="dialog"]') === null &&
        target.getAttribute('aria-expanded') !== 'true'
      ) {
        target.blur();
      }
      return;
    }
    if (!typing && keys === name && startsSequence(name)) pending = { first: name, at: now() };
  };
}
