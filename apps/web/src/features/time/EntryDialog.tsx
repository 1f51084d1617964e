import type { TimeEntry } from '@devtrackr/client';
import { useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toast';
import { EntryForm } from './EntryForm';
import { draftFromEntry, editableOf, emptyDraft, entryPatch, noteValue } from './entryDraft';
import { useEditEntry, useLogTime } from './useTimeEntries';

/** What the dialog is for: logging new time (on a day), or editing one entry. */
export type EntryTarget =
  | { kind: 'new'; day: string; taskId?: number }
  | { kind: 'edit'; entry: TimeEntry; taskTitle?: string };

export interface TaskChoice {
  /** The chosen task, if any yet. */
  taskId: number | undefined;
  /** The picker's own message (nothing chosen), shown on it. */
  error: string | undefined;
}

interface EntryDialogProps {
  target: EntryTarget | null;
  timeZone: string;
  onClose: () => void;
  /**
   * A task picker for new entries that have no task yet (the week view); it reports the choice
   * through `onTask`. Without it, a new entry needs `target.taskId`.
   */
  renderTaskPicker?: (choice: TaskChoice, onTask: (taskId: number) => void) => ReactNode;
}

/** Log time or edit an entry in a dialog that closes only once the save succeeded. */
export function EntryDialog({ target, timeZone, onClose, renderTaskPicker }: EntryDialogProps) {
  return (
    <Dialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      title={target?.kind === 'edit' ? 'Edit time entry' : 'Log time'}
      description={`Times are in ${timeZone}. An end at or before the start is the next day.`}
    >
      {target !== null && (
        <EntryDialogBody
          // A new target is a new form: nothing typed for one entry leaks into another.
          key={target.kind === 'edit' ? `edit-${target.entry.id}` : `new-${target.day}`}
          target={target}
          timeZone={timeZone}
          onClose={onClose}
          renderTaskPicker={renderTaskPicker}
        />
      )}
    </Dialog>
  );
}

function EntryDialogBody({
  target,
  timeZone,
  onClose,
  renderTaskPicker,
}: EntryDialogProps & { target: EntryTarget }) {
  const toast = useToast();
  const log = useLogTime();
  const edit = useEditEntry();
  const [taskId, setTaskId] = useState(target.kind === 'new' ? target.taskId : undefined);
  const [taskError, setTaskError] = useState<string>();

  if (target.kind === 'edit') {
    const { entry } = target;
    const initial = draftFromEntry(entry, timeZone);
    const editable = editableOf(entry);
    return (
      <EntryForm
        initial={initial}
        timeZone={timeZone}
        editable={editable}
        submitLabel="Save"
        pending={edit.isPending}
        error={edit.error}
        onCancel={onClose}
        onSubmit={(result) => {
          const patch = entryPatch(initial, result, editable);
          if (Object.keys(patch).length === 0) {
            onClose();
            return;
          }
          edit.mutate(
            { entry, patch },
            {
              onSuccess: () => {
                toast({ title: 'Time entry saved', tone: 'success' });
                onClose();
              },
            },
          );
        }}
      >
        {/* Shown, not editable: PATCH /time-entries/{id} moves an entry in time only. */}
        {target.taskTitle !== undefined && (
          <p className="entry-form__task">
            Task: <strong>{target.taskTitle}</strong>
          </p>
        )}
      </EntryForm>
    );
  }

  const picker = renderTaskPicker?.({ taskId, error: taskError }, (id) => {
    setTaskId(id);
    setTaskError(undefined);
  });
  return (
    <EntryForm
      initial={emptyDraft(target.day)}
      timeZone={timeZone}
      submitLabel="Log time"
      pending={log.isPending}
      error={log.error}
      ownFields={['task_id']}
      onCancel={onClose}
      onSubmit={({ draft, startedAt, endedAt }) => {
        if (taskId === undefined) {
          setTaskError('Choose a task');
          return;
        }
        log.mutate(
          { taskId, started_at: startedAt, ended_at: endedAt, note: noteValue(draft.note) },
          {
            onSuccess: () => {
              toast({ title: 'Time logged', tone: 'success' });
              onClose();
            },
          },
        );
      }}
    >
      {picker}
    </EntryForm>
  );
}
