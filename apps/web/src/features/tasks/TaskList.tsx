import type { Task } from '@devtrackr/client';
import { measureElement, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Spinner } from '../../components/Spinner';
import { TaskRow } from './TaskRow';

/** A row's height before it is measured: two lines (title, facts). Wrapped rows measure taller. */
const ROW_ESTIMATE = 64;
/** Rows rendered beyond each edge of the window, so a quick j/k or scroll never shows a gap. */
const OVERSCAN = 8;

export interface TaskListProps {
  tasks: readonly Task[];
  total: number;
  hasNextPage: boolean;
  fetchingNextPage: boolean;
  fetchNextPage: () => void;
  timeZone: string;
  runningTaskId: number | null;
  isSelected: (id: number) => boolean;
  onToggle: (index: number, range: boolean) => void;
  focusedIndex: number | null;
  /** Changes on each keyboard move: scroll the focused row into view and focus it. */
  focusRequest: number;
  onFocusRow: (index: number) => void;
  onOpen: (task: Task) => void;
}

/**
 * The task list, virtualised against the window: only the rows in view (plus a few) are in the
 * DOM, so 100,000 tasks scroll as lightly as 100. The next page loads as its placeholder row
 * comes into view. The page scrolls as a whole (no box in a box), which also suits a phone.
 */
export function TaskList({
  tasks,
  total,
  hasNextPage,
  fetchingNextPage,
  fetchNextPage,
  timeZone,
  runningTaskId,
  isSelected,
  onToggle,
  focusedIndex,
  focusRequest,
  onFocusRow,
  onOpen,
}: TaskListProps) {
  const listRef = useRef<HTMLDivElement>(null);
  // Where the list starts on the page: the virtualiser counts from the top of the document.
  const [offsetTop, setOffsetTop] = useState(0);
  useLayoutEffect(() => {
    const top = listRef.current?.offsetTop ?? 0;
    if (top !== offsetTop) setOffsetTop(top);
  });

  const count = hasNextPage ? tasks.length + 1 : tasks.length;
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => ROW_ESTIMATE,
    overscan: OVERSCAN,
    scrollMargin: offsetTop,
    getItemKey: (index) => tasks[index]?.id ?? 'more',
    // A row that has no size yet (not laid out: hidden, or no layout engine at all, as in
    // jsdom) keeps its estimate; zero would pull every remaining row into the window.
    measureElement: (element, entry, instance) =>
      measureElement(element, entry, instance) || ROW_ESTIMATE,
  });
  const items = virtualizer.getVirtualItems();

  const lastIndex = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (hasNextPage && !fetchingNextPage && lastIndex >= tasks.length - 1) fetchNextPage();
  }, [hasNextPage, fetchingNextPage, lastIndex, tasks.length, fetchNextPage]);

  // A keyboard move: bring the row into view, then focus it once it is rendered.
  const pendingFocus = useRef<number | null>(null);
  useEffect(() => {
    if (focusRequest === 0 || focusedIndex === null) return;
    pendingFocus.current = focusedIndex;
    virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
    // The virtualiser is a stable instance; only a new request should scroll.
  }, [focusRequest]);
  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      pendingFocus.current = null;
      row.focus({ preventScroll: true });
    }
  });

  const measure = useCallback(
    (node: HTMLDivElement | null) => {
      virtualizer.measureElement(node);
    },
    [virtualizer],
  );

  return (
    <div
      ref={listRef}
      role="list"
      aria-label="Tasks"
      aria-busy={fetchingNextPage || undefined}
      className="task-list"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {items.map((item) => {
        const task = tasks[item.index];
        const top = item.start - virtualizer.options.scrollMargin;
        if (task === undefined) {
          return (
            <div
              key={item.key}
              ref={measure}
              data-index={item.index}
              role="listitem"
              className="task-row task-row--more"
              style={{ transform: `translateY(${top}px)` }}
            >
              <Spinner label="Loading more tasks" />
            </div>
          );
        }
        return (
          <TaskRow
            key={item.key}
            rowRef={measure}
            task={task}
            index={item.index}
            total={total}
            top={top}
            selected={isSelected(task.id)}
            focused={focusedIndex === item.index}
            running={runningTaskId === task.id}
            timeZone={timeZone}
            onToggle={onToggle}
            onFocusRow={onFocusRow}
            onOpen={onOpen}
          />
        );
      })}
    </div>
  );
}
