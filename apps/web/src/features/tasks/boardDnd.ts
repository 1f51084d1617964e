import type { Task, TaskStatus } from '@devtrackr/client';
import type {
  Announcements,
  CollisionDetection,
  KeyboardCoordinateGetter,
  UniqueIdentifier,
} from '@dnd-kit/core';
import { isStatus, STATUS_LABEL, STATUSES } from './labels';

// How the board's drag and drop understands columns: their droppable ids, which column a drag
// is over, where the arrow keys take a card, and what a screen reader hears.

const COLUMN_PREFIX = 'column:';

export function columnId(status: TaskStatus): string {
  return `${COLUMN_PREFIX}${status}`;
}

/** The status of a column's droppable id, or undefined for anything else. */
export function statusOfColumn(id: UniqueIdentifier | undefined): TaskStatus | undefined {
  if (typeof id !== 'string' || !id.startsWith(COLUMN_PREFIX)) return undefined;
  const status = id.slice(COLUMN_PREFIX.length);
  return isStatus(status) ? status : undefined;
}

/**
 * The column under the pointer, or under the dragged card's centre for the keyboard. Columns
 * are tall and of unequal height (and stacked on a phone), so "nearest centre" would often
 * pick a neighbour; "inside" never does.
 */
export const columnUnderDrag: CollisionDetection = ({
  collisionRect,
  droppableRects,
  droppableContainers,
  pointerCoordinates,
}) => {
  const point = pointerCoordinates ?? {
    x: collisionRect.left + collisionRect.width / 2,
    y: collisionRect.top + collisionRect.height / 2,
  };
  return droppableContainers
    .filter((container) => {
      const rect = droppableRects.get(container.id);
      return (
        rect !== undefined &&
        point.x >= rect.left &&
        point.x <= rect.right &&
        point.y >= rect.top &&
        point.y <= rect.bottom
      );
    })
    .map((container) => ({ id: container.id, data: { droppableContainer: container, value: 0 } }));
};

/** How far below a column's top the keyboard puts a card's centre (in its header's reach). */
const KEYBOARD_DROP_OFFSET = 48;

/**
 * The arrow keys move a picked-up card one column at a time: Right or Down to the next status,
 * Left or Up to the previous one, in the board's order whatever the layout (side by side on a
 * wide screen, stacked on a phone).
 */
export function columnKeyboardCoordinates(
  homeOf: (active: UniqueIdentifier) => TaskStatus | undefined,
): KeyboardCoordinateGetter {
  return (event, { active, context }) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.code];
    if (step === undefined) return undefined;
    event.preventDefault();
    const from = statusOfColumn(context.over?.id) ?? homeOf(active);
    if (from === undefined) return undefined;
    const to = STATUSES[STATUSES.indexOf(from) + step];
    const target = to === undefined ? undefined : context.droppableRects.get(columnId(to));
    const card = context.collisionRect;
    if (target === undefined || card === null) return undefined;
    return {
      x: target.left + target.width / 2 - card.width / 2,
      y: target.top + Math.min(target.height / 2, KEYBOARD_DROP_OFFSET) - card.height / 2,
    };
  };
}

export const SCREEN_READER_INSTRUCTIONS =
  'To move a task to another column, press Space or Enter to pick it up, the arrow keys to ' +
  'choose the column, then Space or Enter to drop it there, or Escape to cancel. Each card ' +
  'also has a Status menu.';

/**
 * What a screen reader hears during a drag, in the board's own words. Only a change of column
 * is announced: dnd-kit reports the card "over" its own column as the drag starts, which would
 * otherwise replace "Picked up …" before it is read. Create it once per board (it remembers the
 * column last announced).
 */
export function boardAnnouncements(
  taskOf: (id: UniqueIdentifier) => Task | undefined,
  statusOf: (task: Task) => TaskStatus,
): Announcements {
  /** The dragged card's column when it was picked up: the drop moves it. */
  let from: TaskStatus | undefined;
  let lastOver: TaskStatus | undefined;
  const name = (id: UniqueIdentifier) => {
    const task = taskOf(id);
    return task === undefined ? 'The task' : `“${task.title}”`;
  };
  const label = (status: TaskStatus | undefined) =>
    status === undefined ? 'its column' : STATUS_LABEL[status];
  return {
    onDragStart: ({ active }) => {
      const task = taskOf(active.id);
      from = task === undefined ? undefined : statusOf(task);
      lastOver = from;
      return `Picked up ${name(active.id)}, in ${label(from)}.`;
    },
    onDragOver: ({ active, over }) => {
      const target = statusOfColumn(over?.id);
      if (target === lastOver) return undefined;
      lastOver = target;
      return target === undefined
        ? `${name(active.id)} is not over a column.`
        : `${name(active.id)} is over ${STATUS_LABEL[target]}.`;
    },
    onDragEnd: ({ active, over }) => {
      const target = statusOfColumn(over?.id);
      if (target === undefined) {
        return `${name(active.id)} was dropped outside the columns; it stays in ${label(from)}.`;
      }
      return target === from
        ? `${name(active.id)} was dropped back in ${STATUS_LABEL[target]}.`
        : `${name(active.id)} was moved to ${STATUS_LABEL[target]}.`;
    },
    onDragCancel: ({ active }) =>
      `Moving ${name(active.id)} was cancelled; it stays in ${label(from)}.`,
  };
}
