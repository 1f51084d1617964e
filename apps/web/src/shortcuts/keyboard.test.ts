import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKeyHandler, isTyping, keyName, SEQUENCE_TIMEOUT_MS } from './keyboard';
import { displayKeys, list, register } from './registry';

const removals: (() => void)[] = [];
afterEach(() => {
  while (removals.length > 0) removals.pop()!();
  document.body.innerHTML = '';
});

function offer(keys: string, inInputs = false) {
  const run = vi.fn();
  removals.push(register({ keys, description: keys, group: 'Test', run, inInputs }));
  return run;
}

function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

describe('keyName', () => {
  it('names letters in lower case, chords with mod, and ignores bare modifiers and Alt', () => {
    expect(keyName(press('N', document.body, { shiftKey: true }))).toBe('n');
    expect(keyName(press('?', document.body, { shiftKey: true }))).toBe('?');
    expect(keyName(press('k', document.body, { ctrlKey: true }))).toBe('mod+k');
    expect(keyName(press('k', document.body, { metaKey: true }))).toBe('mod+k');
    expect(keyName(press('Escape'))).toBe('escape');
    expect(keyName(press('ArrowDown'))).toBe('down');
    expect(keyName(press('Shift'))).toBeUndefined();
    expect(keyName(press('j', document.body, { altKey: true }))).toBeUndefined();
  });
});

describe('isTyping', () => {
  it('is true in text fields, text areas, selects and editable content only', () => {
    const make = (html: string) => {
      document.body.innerHTML = html;
      return document.body.firstElementChild!;
    };
    expect(isTyping(make('<input type="text">'))).toBe(true);
    expect(isTyping(make('<input type="search">'))).toBe(true);
    expect(isTyping(make('<textarea></textarea>'))).toBe(true);
    expect(isTyping(make('<select></select>'))).toBe(true);
    const editable = make('<div contenteditable="true"></div>') as HTMLElement;
    // jsdom does not derive isContentEditable from the attribute.
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    expect(isTyping(editable)).toBe(true);
    expect(isTyping(make('<input type="checkbox">'))).toBe(false);
    expect(isTyping(make('<button>x</button>'))).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});

describe('createKeyHandler', () => {
  it('runs a single key, and not while typing in a field', () => {
    const newTask = offer('n');
    const handle = createKeyHandler();
    handle(press('n'));
    expect(newTask).toHaveBeenCalledTimes(1);
    document.body.innerHTML = '<input type="text">';
    handle(press('n', document.body.firstElementChild!));
    expect(newTask).toHaveBeenCalledTimes(1);
  });

  it('runs chords marked inInputs from a field (the command palette)', () => {
    const palette = offer('mod+k', true);
    document.body.innerHTML = '<input type="text">';
    createKeyHandler()(press('k', document.body.firstElementChild!, { ctrlKey: true }));
    expect(palette).toHaveBeenCalledTimes(1);
  });

  it('runs a two-key sequence within the timeout, and not after it', () => {
    const goDashboard = offer('g d');
    let now = 0;
    const handle = createKeyHandler(() => now);
    handle(press('g'));
    now += SEQUENCE_TIMEOUT_MS - 1;
    handle(press('d'));
    expect(goDashboard).toHaveBeenCalledTimes(1);
    handle(press('g'));
    now += SEQUENCE_TIMEOUT_MS + 1;
    handle(press('d'));
    expect(goDashboard).toHaveBeenCalledTimes(1);
  });

  it('the latest registration of the same keys wins, and removal restores the earlier one', () => {
    const layout = offer('s');
    const page = offer('s');
    const handle = createKeyHandler();
    handle(press('s'));
    expect(page).toHaveBeenCalledTimes(1);
    expect(layout).not.toHaveBeenCalled();
    removals.pop()!();
    handle(press('s'));
    expect(layout).toHaveBeenCalledTimes(1);
  });

  it('Escape leaves a text field (not inside a dialog or an open list)', () => {
    const handle = createKeyHandler();
    document.body.innerHTML =
      '<input id="a" type="text"><div role="dialog"><input id="b" type="text"></div>' +
      '<input id="c" type="text" aria-expanded="true">';
    for (const id of ['a', 'b', 'c']) {
      const field = document.getElementById(id) as HTMLInputElement;
      field.focus();
      handle(press('Escape', field));
      expect(document.activeElement === field, id).toBe(id !== 'a');
    }
  });

  it('prevents the browser default only when a shortcut ran', () => {
    offer('/');
    const handle = createKeyHandler();
    const used = press('/');
    handle(used);
    expect(used.defaultPrevented).toBe(true);
    const unused = press('q');
    handle(unused);
    expect(unused.defaultPrevented).toBe(false);
  });
});

describe('registry', () => {
  it('lists what is registered now, and writes keys for the platform', () => {
    offer('g t');
    expect(list().map((s) => s.keys)).toEqual(['g t']);
    expect(displayKeys('mod+k', true)).toEqual(['⌘ k']);
    expect(displayKeys('mod+k', false)).toEqual(['Ctrl k']);
    expect(displayKeys('g d', false)).toEqual(['g', 'd']);
    expect(displayKeys('escape', false)).toEqual(['Escape']);
  });
});
