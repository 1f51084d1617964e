import type { Task } from '@devtrackr/client';
import { memo, type ChangeEvent, type KeyboardEvent, type Ref } from 'react';
import { Link } from 'react-router';
import { cx } from '../../lib/cx';
import { TaskMeta } from './TaskMeta';

export interface TaskRowProps {
  task: Task;
  index: number;
  /** Every task matching the filters, for aria-setsize (most are not in the DOM). */
  total: number;
  /** Pixels from the top of the list (the virtualiser places each row). */
  top: number;
  selected: boolean;
  focused: boolean;
  running: boolean;
  timeZone: string;
  rowRef: Ref<HTMLDivElement>;
  onToggle: (index: number, range: boolean) => void;
  onFocusRow: (index: number) => void;
  onOpen: (task: Task) => void;
}

/** Was the click that toggled a checkbox made with Shift held (a range selection)? */
function withShift(event: ChangeEvent<HTMLInputElement>): boolean {
  const native = event.nativeEvent;
  return native instanceof MouseEvent && native.shiftKey;
}

/**
 * One task in the list: selection checkbox, title link, facts. The row itself takes the focus
 * that j/k move (a visible ring, Enter opens), and any focus inside it makes it the focused row.
 */
export const TaskRow = memo(function TaskRow({
  task,
  index,
  total,
  top,
  selected,
  focused,
  running,
  timeZone,
  rowRef,
  onToggle,
  onFocusRow,
  onOpen,
}: TaskRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) {
      event.preventDefault();
      onOpen(task);
    }
  };
  return (
    <div
      ref={rowRef}
      role="listitem"
      aria-posinset={index + 1}
      aria-setsize={total}
      data-index={index}
      tabIndex={-1}
      className={cx(
        'task-row',
        selected && 'task-row--selected',
        focused && 'task-row--focused',
        task.status === 'done' && 'task-row--done',
      )}
      style={{ transform: `translateY(${top}px)` }}
      onFocus={() => {
        onFocusRow(index);
      }}
      onKeyDown={onKeyDown}
    >
      <input
        type="checkbox"
        className="task-row__check"
        aria-label={`Select ${task.title}`}
        checked={selected}
        onChange={(event) => {
          onToggle(index, withShift(event));
        }}
      />
      <div className="task-row__body">
        <Link className="task-row__title" to={`/tasks/${task.id}`}>
          {task.title}
        </Link>
        <TaskMeta task={task} timeZone={timeZone} running={running} />
      </div>
    </div>
  );
});
