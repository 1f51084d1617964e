import type { Task, TaskStatus } from '@devtrackr/client';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { useMemo, useRef, useState } from 'react';
import { useProfile } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useTimer } from '../timer/useTimer';
import { BoardColumn } from './BoardColumn';
import {
  boardAnnouncements,
  columnKeyboardCoordinates,
  columnUnderDrag,
  SCREEN_READER_INSTRUCTIONS,
  statusOfColumn,
} from './boardDnd';
import { listQuery, NO_FILTERS, type TaskSort } from './filters';
import { STATUS_LABEL, STATUSES } from './labels';
import { loadedTasks, useTaskList } from './taskQueries';
import { TeamLookupContext, useTeamLookup } from './teamLookup';
import { useMoveTask } from './useMoveTask';
import './tasks.css';
import './board.css';

/** Most urgent on top: what to pick up next. */
const BOARD_SORT: TaskSort = 'priority';
/** A click on a card's title or menu must not become a drag: it starts after this many pixels. */
const DRAG_DISTANCE_PX = 6;

/** The board by status (issue 14 §2): drag a card, move it with the keyboard, or use its menu. */
export default function BoardPage() {
  const profile = useProfile();
  return (
    <>
      <PageHeader
        title="Board"
        description="Drag a card to another column, pick it up from its handle with Space and the arrow keys, or use its status menu."
      />
      {profile === undefined ? (
        <Spinner label="Loading the board" block />
      ) : (
        <Board timeZone={profile.timeZone} />
      )}
    </>
  );
}

function useColumn(status: TaskStatus, timeZone: string) {
  const query = useMemo(
    () => listQuery({ ...NO_FILTERS, status: [status], sort: BOARD_SORT }, timeZone),
    [status, timeZone],
  );
  return useTaskList(query);
}

function Board({ timeZone }: { timeZone: string }) {
  const lists = {
    todo: useColumn('todo', timeZone),
    doing: useColumn('doing', timeZone),
    done: useColumn('done', timeZone),
  };
  const { statusOf, pending, move } = useMoveTask();
  const timer = useTimer();
  const [said, setSaid] = useState('');

  const { todo, doing, done } = lists;
  const byId = useMemo(
    () =>
      new Map(
        [todo.data, doing.data, done.data].flatMap(loadedTasks).map((task) => [task.id, task]),
      ),
    [todo.data, doing.data, done.data],
  );
  // dnd-kit keeps the announcements and the keyboard's coordinate getter from the first
  // render: they read the board's current state through this ref.
  const latest = useRef({ byId, statusOf });
  latest.current = { byId, statusOf };
  const [dnd] = useState(() => {
    const taskOf = (id: UniqueIdentifier) => latest.current.byId.get(Number(id));
    const statusNow = (id: UniqueIdentifier) => {
      const task = taskOf(id);
      return task === undefined ? undefined : latest.current.statusOf(task);
    };
    return {
      taskOf,
      announcements: boardAnnouncements(taskOf, (task) => latest.current.statusOf(task)),
      coordinateGetter: columnKeyboardCoordinates(statusNow),
    };
  });
  const { taskOf, announcements } = dnd;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: DRAG_DISTANCE_PX } }),
    useSensor(KeyboardSensor, { coordinateGetter: dnd.coordinateGetter }),
  );

  const moveTo = (task: Task, to: TaskStatus, announce: boolean) => {
    if (statusOf(task) === to) return;
    void move(task, to).then((moved) => {
      // A drag is announced by dnd-kit itself; a menu choice is announced here.
      if (moved && announce) setSaid(`“${task.title}” moved to ${STATUS_LABEL[to]}.`);
    });
  };
  const lookup = useTeamLookup();
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const task = taskOf(active.id);
    const to = statusOfColumn(over?.id);
    if (task !== undefined && to !== undefined) moveTo(task, to, false);
  };

  return (
    <TeamLookupContext.Provider value={lookup}>
      <DndContext
        sensors={sensors}
        collisionDetection={columnUnderDrag}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: SCREEN_READER_INSTRUCTIONS },
        }}
      >
        <div className="board">
          {STATUSES.map((status) => {
            const list = lists[status];
            // A moved card shows in its new column at once, on top; the counts follow.
            const own = loadedTasks(list.data);
            const movedIn = [...pending].flatMap(([id, to]) => {
              const task = byId.get(id);
              return task !== undefined && to === status && task.status !== status ? [task] : [];
            });
            const stayed = own.filter((task) => statusOf(task) === status);
            const movedOut = own.length - stayed.length;
            const total = (list.data?.pages.at(-1)?.total ?? 0) + movedIn.length - movedOut;
            return (
              <BoardColumn
                key={status}
                status={status}
                tasks={[...movedIn, ...stayed]}
                total={total}
                loading={list.isPending}
                error={list.error}
                hasMore={list.hasNextPage}
                loadingMore={list.isFetchingNextPage}
                onMore={() => void list.fetchNextPage()}
                onRetry={() => void list.refetch()}
                timeZone={timeZone}
                runningTaskId={timer.running?.taskId ?? null}
                moving={pending}
                onMove={(task, to) => {
                  moveTo(task, to, true);
                }}
              />
            );
          })}
        </div>
        <p role="status" className="visually-hidden">
          {said}
        </p>
      </DndContext>
    </TeamLookupContext.Provider>
  );
}
