import type { Task } from '@devtrackr/client';
import { useCallback, useState, type RefObject } from 'react';
import { useShortcut } from '../../shortcuts/useShortcut';

const GROUP = 'Tasks';

export interface ListKeyboard {
  focusedIndex: number | null;
  /** Bumped by every keyboard move, so the list scrolls the row into view and focuses it. */
  focusRequest: number;
  /** A row got focus by other means (Tab, a click): j/k continue from there. */
  setFocusedIndex: (index: number) => void;
}

export interface ListKeyboardOptions {
  tasks: readonly Task[];
  onToggle: (index: number) => void;
  onOpen: (task: Task) => void;
  onTimer: (task: Task) => void;
  /** False for a viewer: `s` starts nothing (issue 15). Default true. */
  canTimer?: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  quickAddRef: RefObject<HTMLInputElement | null>;
}

/**
 * The list's keys (issue 14 §9), registered with the app's one registry so `?` lists them:
 * j/k move the focused row, x selects it, e opens it (Enter too, on the row), s starts or stops
 * its timer; `/` and `n` reach the search and quick-add fields, overriding the global keys
 * (which navigate here) while the list is on screen.
 */
export function useListKeyboard({
  tasks,
  onToggle,
  onOpen,
  onTimer,
  canTimer = true,
  searchRef,
  quickAddRef,
}: ListKeyboardOptions): ListKeyboard {
  const [focusedIndex, setFocused] = useState<number | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);

  // A row index still in the list (it may have shrunk after a filter or a delete).
  const current =
    focusedIndex === null || tasks.length === 0 ? null : Math.min(focusedIndex, tasks.length - 1);
  const focusedTask = current === null ? undefined : tasks[current];

  const move = (step: number) => {
    if (tasks.length === 0) return;
    const from = current ?? (step > 0 ? -1 : tasks.length);
    setFocused(Math.max(0, Math.min(tasks.length - 1, from + step)));
    setFocusRequest((n) => n + 1);
  };

  useShortcut(
    'j',
    () => {
      move(1);
    },
    { description: 'Next task', group: GROUP },
  );
  useShortcut(
    'k',
    () => {
      move(-1);
    },
    { description: 'Previous task', group: GROUP },
  );
  useShortcut(
    'x',
    () => {
      if (current !== null && focusedTask) onToggle(current);
    },
    { description: 'Select or unselect the focused task', group: GROUP },
  );
  useShortcut(
    'e',
    () => {
      if (focusedTask) onOpen(focusedTask);
    },
    { description: 'Open the focused task (or Enter)', group: GROUP },
  );
  useShortcut(
    's',
    () => {
      if (focusedTask) onTimer(focusedTask);
    },
    { description: 'Start or stop the timer on the focused task', group: GROUP, enabled: canTimer },
  );
  useShortcut(
    '/',
    () => {
      searchRef.current?.focus();
    },
    { description: 'Search tasks', group: GROUP },
  );
  useShortcut(
    'n',
    () => {
      quickAddRef.current?.focus();
    },
    { description: 'New task (quick add)', group: GROUP },
  );

  const setFocusedIndex = useCallback((index: number) => {
    setFocused(index);
  }, []);
  return { focusedIndex: current, focusRequest, setFocusedIndex };
}
