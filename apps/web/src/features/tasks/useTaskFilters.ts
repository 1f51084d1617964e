import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { filtersFromSearch, searchWithFilters, type TaskFilters } from './filters';

export interface SetFiltersOptions {
  /**
   * Replace the history entry instead of adding one: for typing in the search field, where
   * every pause would otherwise be a step for the Back button.
   */
  replace?: boolean;
}

/** The list's filters, read from and written to the URL (bookmarkable, back/forward work). */
export function useTaskFilters(): [
  TaskFilters,
  (next: TaskFilters, options?: SetFiltersOptions) => void,
] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const setFilters = useCallback(
    (next: TaskFilters, options: SetFiltersOptions = {}) => {
      setParams((current) => searchWithFilters(current, next), { replace: options.replace });
    },
    [setParams],
  );
  return [filters, setFilters];
}

/**
 * Runs `action` when the URL carries `name=value` (the global `n` and `/` shortcuts open
 * `/tasks?new=1` and `/tasks?focus=search`), then drops the flag, so a reload or Back does not
 * run it again.
 */
export function useUrlFlag(name: string, value: string, action: () => void): void {
  const [params, setParams] = useSearchParams();
  const raised = params.get(name) === value;
  // Read when the flag is raised, so the caller's function need not be stable.
  const latest = useRef(action);
  latest.current = action;
  useEffect(() => {
    if (!raised) return undefined;
    // After this commit's other effects: the layout moves focus to the page's <main> when the
    // path changes, and would take it straight back from the field this focuses.
    const timer = setTimeout(() => {
      latest.current();
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          next.delete(name);
          return next;
        },
        { replace: true },
      );
    });
    return () => {
      clearTimeout(timer);
    };
  }, [raised, name, setParams]);
}
