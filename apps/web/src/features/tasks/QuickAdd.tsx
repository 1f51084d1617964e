import type { NewTask, Task } from '@devtrackr/client';
import {
  parseQuickAdd,
  toNewTask,
  type QuickAddResult,
  type QuickAddToken,
} from '@devtrackr/quick-add';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type SubmitEvent, type Ref } from 'react';
import { useApi } from '../../api/ApiProvider';
import { inWorkspace, useWorkspaceScope } from '../workspaces/WorkspaceProvider';
import type { Profile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { FieldShell } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toast';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { formatDate, formatDateTime, formatDuration } from '../../lib/format';
import { PRIORITY_LABEL } from './labels';
import { taskKeys } from './taskQueries';

/** The parse of `line` in the profile's zone and week, or undefined for a blank line. */
function parse(
  line: string,
  timeZone: string,
  weekStart: Profile['weekStart'],
): QuickAddResult | undefined {
  if (line.trim() === '') return undefined;
  return parseQuickAdd(line, {
    now: new Date(),
    timeZone,
    weekStartsOn: weekStart === 'sunday' ? 0 : 1,
  });
}

const CHIP_LABEL: Record<QuickAddToken['kind'], string> = {
  category: 'Category',
  tag: 'Tag',
  priority: 'Priority',
  due: 'Due',
  estimate: 'Estimate',
};

function chipValue(token: QuickAddToken, timeZone: string): string {
  switch (token.kind) {
    case 'category':
    case 'tag':
      return token.value;
    case 'priority':
      return PRIORITY_LABEL[token.value];
    case 'due':
      // A date without a time is due at the end of that day: the day says it all.
      return token.allDay
        ? formatDate(token.value, timeZone)
        : formatDateTime(token.value, timeZone);
    case 'estimate':
      return formatDuration(token.value);
  }
}

function Chips({ id, parsed, timeZone }: { id: string; parsed: QuickAddResult; timeZone: string }) {
  return (
    <ul id={id} className="chips" aria-label="Understood so far">
      {parsed.title !== '' && (
        <li className="chip chip--title">
          <span className="chip__label">Title</span> {parsed.title}
        </li>
      )}
      {parsed.tokens.map((token) => (
        <li key={`${token.start}`} className={`chip chip--${token.kind}`}>
          <span className="chip__label">{CHIP_LABEL[token.kind]}</span> {chipValue(token, timeZone)}
        </li>
      ))}
    </ul>
  );
}

export interface QuickAddProps {
  profile: Profile;
  inputRef: Ref<HTMLInputElement>;
}

/**
 * One line to a task: `Fix login redirect #backend !high due:fri ~45m`. Chips show what was
 * understood before Enter, errors show on the field, Enter creates the task and clears the line
 * for the next one (focus stays); a failed create keeps the line as typed.
 */
export function QuickAdd({ profile, inputRef }: QuickAddProps) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const chipsId = useId();
  const [line, setLine] = useState('');
  const [blocked, setBlocked] = useState(false);
  const { timeZone, weekStart } = profile;
  const parsed = useMemo(() => parse(line, timeZone, weekStart), [line, timeZone, weekStart]);

  const { workspaceId } = useWorkspaceScope();
  const create = useMutation({
    // Into the current workspace (issue 15); without one the API's default, the personal one.
    mutationFn: async (task: NewTask): Promise<Task> =>
      (await client.POST('/tasks', { body: inWorkspace(task, workspaceId) })).data,
    onSuccess: (task) => {
      setLine('');
      toast({ title: `Added “${task.title}”`, tone: 'success' });
      return queryClient.invalidateQueries({ queryKey: taskKeys.lists });
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (parsed === undefined || create.isPending) return;
    if (parsed.errors.length > 0) {
      setBlocked(true);
      return;
    }
    setBlocked(false);
    create.mutate(toNewTask(parsed));
  };

  const errors = parsed?.errors.map((error) => error.message).join('; ');
  return (
    <form className="quick-add" onSubmit={submit} aria-label="Quick add">
      <FieldShell
        label="Quick add"
        hint={
          <>
            A title, then any of <code>#category</code> <code>@tag</code> <code>!high</code>{' '}
            <code>due:fri</code> <code>~45m</code>. Enter adds it.
          </>
        }
        error={errors === '' ? undefined : errors}
        // The button sits beside the input, so the hint and the errors span both.
        render={(aria) => (
          <div className="quick-add__line">
            <input
              {...aria}
              ref={inputRef}
              className="field__control"
              type="text"
              autoComplete="off"
              spellCheck={false}
              enterKeyHint="done"
              placeholder="Fix login redirect #backend !high due:fri ~45m"
              value={line}
              aria-describedby={
                [aria['aria-describedby'], parsed && chipsId].filter(Boolean).join(' ') || undefined
              }
              onChange={(event) => {
                setLine(event.target.value);
                setBlocked(false);
                if (create.isError) create.reset();
              }}
            />
            <Button type="submit" variant="primary" pending={create.isPending}>
              Add
            </Button>
          </div>
        )}
      />
      {parsed !== undefined && <Chips id={chipsId} parsed={parsed} timeZone={timeZone} />}
      <div role="status">{blocked && <VisuallyHidden>Not added yet: {errors}</VisuallyHidden>}</div>
      <FormError error={create.error} />
    </form>
  );
}
