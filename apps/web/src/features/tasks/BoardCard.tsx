import type { Task, TaskStatus } from '@devtrackr/client';
import { useDraggable } from '@dnd-kit/core';
import { useCanWrite } from '../workspaces/WorkspaceProvider';
import { Link } from 'react-router';
import { cx } from '../../lib/cx';
import { StatusMenu } from './StatusMenu';
import { TaskMeta } from './TaskMeta';

interface BoardCardProps {
  task: Task;
  status: TaskStatus;
  timeZone: string;
  running: boolean;
  moving: boolean;
  onMove: (task: Task, to: TaskStatus) => void;
}

/**
 * A task on the board. The pointer drags the whole card; the keyboard picks it up from its
 * handle (a button, described by the board's instructions), so Space on the title link or the
 * status menu still does what they do.
 */
export function BoardCard({ task, status, timeZone, running, moving, onMove }: BoardCardProps) {
  // A viewer reads the board: nothing to drag, no status menu (issue 15).
  const canWrite = useCanWrite();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } =
    useDraggable({ id: task.id, disabled: !canWrite });
  return (
    <li
      ref={setNodeRef}
      {...listeners}
      className={cx(
        'board-card',
        isDragging && 'board-card--dragging',
        moving && 'board-card--moving',
      )}
      style={
        transform === null
          ? undefined
          : { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` }
      }
    >
      <div className="board-card__top">
        {canWrite && (
          <button
            ref={setActivatorNodeRef}
            {...attributes}
            type="button"
            className="board-card__handle"
            aria-label={`Move ${task.title}`}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
        <Link className="board-card__title" to={`/tasks/${task.id}`} draggable={false}>
          {task.title}
        </Link>
        {canWrite && (
          <StatusMenu
            title={task.title}
            status={status}
            onChange={(to) => {
              onMove(task, to);
            }}
          />
        )}
      </div>
      <TaskMeta task={task} timeZone={timeZone} running={running} showStatus={false} />
    </li>
  );
}
