import { useCallback, useMemo, useRef, useState } from 'react';

/** What a selection remembers of a task: enough to send it and to name it in a report. */
export interface Selected {
  id: number;
  title: string;
}

export interface Selection {
  /** The selected tasks, in the order they were selected. */
  items: readonly Selected[];
  has: (id: number) => boolean;
  /**
   * Toggles the task at `index` of `order`. With `range` (shift-click), every task between the
   * last toggled one and this one takes this one's new state, as in a mail client.
   */
  toggle: (order: readonly Selected[], index: number, range?: boolean) => void;
  /** Replaces the selection (e.g. keep only the tasks a bulk change could not change). */
  set: (items: readonly Selected[]) => void;
  clear: () => void;
}

/**
 * Which tasks are selected for a bulk change. Kept by id with the title, so a selection
 * survives pages loading and refetches, and a task that drops out of the filtered list is still
 * named when it fails.
 */
export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlyMap<number, Selected>>(() => new Map());
  const anchor = useRef<number | null>(null);

  const toggle = useCallback((order: readonly Selected[], index: number, range = false) => {
    const target = order[index];
    if (target === undefined) return;
    const from = range && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = range && anchor.current !== null ? Math.max(anchor.current, index) : index;
    anchor.current = index;
    setSelected((current) => {
      const next = new Map(current);
      const select = !current.has(target.id);
      for (const item of order.slice(from, to + 1)) {
        if (select) next.set(item.id, { id: item.id, title: item.title });
        else next.delete(item.id);
      }
      return next;
    });
  }, []);

  const set = useCallback((items: readonly Selected[]) => {
    setSelected(new Map(items.map((item) => [item.id, item])));
  }, []);

  const clear = useCallback(() => {
    setSelected(new Map());
    anchor.current = null;
  }, []);

  const items = useMemo(() => [...selected.values()], [selected]);
  const has = useCallback((id: number) => selected.has(id), [selected]);
  return { items, has, toggle, set, clear };
}
