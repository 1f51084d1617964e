import type { Task } from '@devtrackr/client';
import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { useEffect, useId, useState } from 'react';
import { humanMessage } from '../../api/problem';
import { useApi } from '../../api/ApiProvider';
import { inWorkspace, useWorkspaceScope } from '../workspaces/WorkspaceProvider';

/** How long typing must pause before the search goes out. */
const SEARCH_DELAY_MS = 200;
const RESULTS = 8;

/** `value`, once it has stopped changing for `delay` ms. */
function useSettled(value: string, delay: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const handle = setTimeout(() => {
      setSettled(value);
    }, delay);
    return () => {
      clearTimeout(handle);
    };
  }, [value, delay]);
  return settled;
}

interface TaskPickerProps {
  taskId: number | undefined;
  error: string | undefined;
  onTask: (taskId: number) => void;
}

/**
 * Choose the task to log time on: type to search titles and descriptions (GET /tasks?q=…,
 * most recently updated first), arrows and Enter or a click to choose. A combobox from cmdk
 * (the palette's library): the list is the server's answer, not filtered again here.
 */
export function TaskPicker({ taskId, error, onTask }: TaskPickerProps) {
  const { client } = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string>();
  const q = useSettled(text.trim(), SEARCH_DELAY_MS);
  const search = q === '' || q === chosen ? undefined : q;
  const { workspaceId } = useWorkspaceScope();
  const results = useQuery({
    queryKey: ['tasks', 'picker', search ?? '', workspaceId],
    queryFn: async ({ signal }) =>
      (
        await client.GET('/tasks', {
          params: {
            query: inWorkspace(
              { q: search, sort: '-updated_at' as const, limit: RESULTS },
              workspaceId,
            ),
          },
          signal,
        })
      ).data,
    placeholderData: (previous) => previous,
  });

  const choose = (task: Task) => {
    setText(task.title);
    setChosen(task.title);
    onTask(task.id);
  };
  const settledChoice = chosen !== undefined && text === chosen;
  const errorId = `${id}-error`;
  const selectedId = `${id}-selected`;
  const describedBy = [taskId !== undefined && selectedId, error !== undefined && errorId]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={error === undefined ? 'field' : 'field field--invalid'}>
      {/* cmdk names its input with its own hidden label; this one is what people see. */}
      <span className="field__label" aria-hidden="true">
        Task
      </span>
      <Command label="Task" shouldFilter={false} className="task-picker" loop>
        <Command.Input
          className="field__control"
          value={text}
          onValueChange={(value) => {
            setText(value);
          }}
          placeholder="Search your tasks"
          aria-invalid={error === undefined ? undefined : true}
          aria-describedby={describedBy === '' ? undefined : describedBy}
        />
        <Command.List className="task-picker__list" label="Tasks">
          {/* Once a task is chosen the matches step aside (and Enter has nothing to pick);
              typing again brings them back. */}
          {!settledChoice && (
            <>
              {results.isError && (
                <div className="task-picker__note" role="alert">
                  {humanMessage(results.error)}
                </div>
              )}
              {results.isSuccess && results.data.length === 0 && (
                <Command.Empty className="task-picker__note">No task matches.</Command.Empty>
              )}
              {results.data?.map((task) => (
                <Command.Item
                  key={task.id}
                  value={String(task.id)}
                  className="task-picker__item"
                  onSelect={() => {
                    choose(task);
                  }}
                >
                  <span className="task-picker__title">{task.title}</span>
                  {task.category !== null && (
                    <span className="task-picker__category">{task.category}</span>
                  )}
                </Command.Item>
              ))}
            </>
          )}
        </Command.List>
      </Command>
      {taskId !== undefined && chosen !== undefined && (
        <p id={selectedId} className="field__hint">
          Logging on: {chosen}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
