import type { Task } from '@devtrackr/client';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { humanMessage } from '../../api/problem';
import { useProfile, type Profile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { formatNumber } from '../../lib/format';
import { useTimer } from '../timer/useTimer';
import { BulkBar } from './BulkBar';
import { activeFilterCount, listQuery, NO_FILTERS } from './filters';
import { QuickAdd } from './QuickAdd';
import { loadedTasks, useTaskList } from './taskQueries';
import { TaskFilterBar } from './TaskFilters';
import { TaskList } from './TaskList';
import { TeamLookupContext, useTeamLookup } from './teamLookup';
import { useListKeyboard } from './useListKeyboard';
import { useSelection } from './useSelection';
import { useTaskFilters, useUrlFlag } from './useTaskFilters';
import { useCanWrite } from '../workspaces/WorkspaceProvider';
import './tasks.css';

/** The task list (issue 14 §2–4, §9): quick add, filters in the URL, a virtualised list. */
export default function TasksPage() {
  const profile = useProfile();
  if (profile === undefined) {
    return (
      <>
        <PageHeader title="Tasks" />
        <Spinner label="Loading tasks" block />
      </>
    );
  }
  return <TasksView profile={profile} />;
}

function TasksView({ profile }: { profile: Profile }) {
  const navigate = useNavigate();
  const toast = useToast();
  const timer = useTimer();
  const [filters, setFilters] = useTaskFilters();
  const query = useMemo(() => listQuery(filters, profile.timeZone), [filters, profile.timeZone]);
  const list = useTaskList(query);
  const tasks = useMemo(() => loadedTasks(list.data), [list.data]);
  const total = list.data?.pages.at(-1)?.total ?? 0;

  const selection = useSelection();
  // Another filter is another list: a selection made in the old one is not carried over.
  const queryKey = JSON.stringify(query);
  const { clear } = selection;
  useEffect(() => {
    clear();
  }, [queryKey, clear]);

  const searchRef = useRef<HTMLInputElement>(null);
  const quickAddRef = useRef<HTMLInputElement>(null);
  useUrlFlag('new', '1', () => quickAddRef.current?.focus());
  useUrlFlag('focus', 'search', () => searchRef.current?.focus());

  const open = useCallback(
    (task: Task) => {
      void navigate(`/tasks/${task.id}`);
    },
    [navigate],
  );
  const toggleTimer = (task: Task) => {
    const action = timer.running?.taskId === task.id ? timer.stop() : timer.start(task.id);
    action.catch((error: unknown) => {
      toast({ title: 'The timer did not change', description: humanMessage(error), tone: 'error' });
    });
  };
  const { toggle } = selection;
  const onToggle = useCallback(
    (index: number, range: boolean) => {
      toggle(tasks, index, range);
    },
    [toggle, tasks],
  );
  const lookup = useTeamLookup();
  // Viewers read the list: no quick add, no bulk changes (issue 15).
  const canWrite = useCanWrite();
  const keyboard = useListKeyboard({
    tasks,
    onToggle: (index) => {
      onToggle(index, false);
    },
    onOpen: open,
    onTimer: toggleTimer,
    canTimer: canWrite,
    searchRef,
    quickAddRef,
  });

  const filtered = activeFilterCount(filters) > 0;
  const allSelected = tasks.length > 0 && tasks.every((task) => selection.has(task.id));
  return (
    <TeamLookupContext.Provider value={lookup}>
      <PageHeader title="Tasks" />
      {canWrite && <QuickAdd profile={profile} inputRef={quickAddRef} />}
      <TaskFilterBar
        filters={filters}
        onChange={setFilters}
        searchRef={searchRef}
        lookup={lookup}
      />
      {canWrite && selection.items.length > 0 && <BulkBar selection={selection} />}
      <div className="list-toolbar">
        {tasks.length > 0 && (
          <label className="check-group__item">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={() => {
                if (allSelected) selection.clear();
                else selection.set(tasks);
              }}
            />
            Select all {formatNumber(tasks.length)} shown
          </label>
        )}
        <p role="status" className="list-toolbar__count">
          {list.isSuccess &&
            `${formatNumber(total)} ${total === 1 ? 'task' : 'tasks'}${filtered ? ' match' : ''}`}
        </p>
      </div>
      {list.isFetchNextPageError && (
        <div role="alert" className="form-error">
          <p>More tasks could not be loaded. {humanMessage(list.error)}</p>
          <Button onClick={() => void list.fetchNextPage()}>Try again</Button>
        </div>
      )}
      {list.isPending ? (
        <Spinner label="Loading tasks" block />
      ) : tasks.length === 0 && list.isError ? (
        <div role="alert" className="form-error">
          <p>The tasks could not be loaded. {humanMessage(list.error)}</p>
          <Button onClick={() => void list.refetch()}>Try again</Button>
        </div>
      ) : tasks.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No tasks match these filters"
            action={
              <Button
                onClick={() => {
                  setFilters({ ...NO_FILTERS, sort: filters.sort });
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState title="No tasks yet">
            Type one in Quick add above, for example <code>Write the release notes ~30m</code>, and
            press Enter.
          </EmptyState>
        )
      ) : (
        <TaskList
          tasks={tasks}
          total={total}
          // After a failed page, wait for "Try again" rather than asking on every render.
          hasNextPage={list.hasNextPage && !list.isFetchNextPageError}
          fetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={() => void list.fetchNextPage()}
          timeZone={profile.timeZone}
          runningTaskId={timer.running?.taskId ?? null}
          isSelected={selection.has}
          onToggle={onToggle}
          focusedIndex={keyboard.focusedIndex}
          focusRequest={keyboard.focusRequest}
          onFocusRow={keyboard.setFocusedIndex}
          onOpen={open}
        />
      )}
    </TeamLookupContext.Provider>
  );
}
