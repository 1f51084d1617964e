/** A page of the main navigation, as the layout lists it (NAV_ITEMS). */
export interface NavPage {
  to: string;
  label: string;
}

/**
 * The second key of each page's `g` sequence: g d dashboard, g t tasks, g b board, g w week,
 * g s settings (issue 14 §9). A page without one is still reachable from the palette.
 */
const GO_KEYS: Readonly<Record<string, string>> = {
  '/': 'd',
  '/tasks': 't',
  '/board': 'b',
  '/week': 'w',
  '/settings': 's',
};

/** The `g …` sequence that opens `page`, if it has one. */
export function goToKeys(page: NavPage): string | undefined {
  const key = GO_KEYS[page.to];
  return key === undefined ? undefined : `g ${key}`;
}

/** Where `n` and `/` go; the tasks page reads these parameters (and overrides both keys). */
export const NEW_TASK_PATH = '/tasks?new=1';
export const SEARCH_TASKS_PATH = '/tasks?focus=search';
