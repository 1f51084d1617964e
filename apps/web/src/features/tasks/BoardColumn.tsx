import type { Task, TaskStatus } from '@devtrackr/client';
import { useDroppable } from '@dnd-kit/core';
import { humanMessage } from '../../api/problem';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { cx } from '../../lib/cx';
import { formatNumber } from '../../lib/format';
import { BoardCard } from './BoardCard';
import { columnId } from './boardDnd';
import { STATUS_LABEL } from './labels';

export interface BoardColumnProps {
  status: TaskStatus;
  tasks: readonly Task[];
  /** Every task with this status, loaded or not. */
  total: number;
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  onRetry: () => void;
  timeZone: string;
  runningTaskId: number | null;
  moving: ReadonlyMap<number, TaskStatus>;
  onMove: (task: Task, to: TaskStatus) => void;
}

/** One status: its cards (a page at a time), a drop target for dragged cards. */
export function BoardColumn({
  status,
  tasks,
  total,
  loading,
  error,
  hasMore,
  loadingMore,
  onMore,
  onRetry,
  timeZone,
  runningTaskId,
  moving,
  onMove,
}: BoardColumnProps) {
  const { setNodeRef, isOver } = useDroppable({ id: columnId(status) });
  const headingId = `board-${status}`;
  return (
    <section
      ref={setNodeRef}
      aria-labelledby={headingId}
      className={cx('board-column', isOver && 'board-column--over')}
      data-column={status}
    >
      <h2 id={headingId} className="board-column__title">
        {STATUS_LABEL[status]} <span className="board-column__count">{formatNumber(total)}</span>
      </h2>
      {loading ? (
        <Spinner label={`Loading ${STATUS_LABEL[status]}`} />
      ) : error !== null && tasks.length === 0 ? (
        <div role="alert" className="form-error">
          <p>{humanMessage(error)}</p>
          <Button size="sm" onClick={onRetry}>
            Try again
          </Button>
        </div>
      ) : (
        <ul className="board-column__cards" aria-labelledby={headingId}>
          {tasks.map((task) => (
            <BoardCard
              key={task.id}
              task={task}
              status={status}
              timeZone={timeZone}
              running={runningTaskId === task.id}
              moving={moving.has(task.id)}
              onMove={onMove}
            />
          ))}
        </ul>
      )}
      {tasks.length === 0 && !loading && error === null && (
        <p className="board-column__empty">No tasks here.</p>
      )}
      {hasMore && (
        <Button size="sm" variant="ghost" pending={loadingMore} onClick={onMore}>
          Show more
        </Button>
      )}
    </section>
  );
}
