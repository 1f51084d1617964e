import type { TimeEntry } from '@devtrackr/client';
import { useId, useState } from 'react';
import { humanMessage } from '../../api/problem';
import { useProfile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Spinner } from '../../components/Spinner';
import { formatDate } from '../../lib/format';
import { EntryDialog, type EntryTarget } from './EntryDialog';
import { EntryItem, entryTimes } from './EntryItem';
import { useDeleteEntry, useTaskEntries } from './useTimeEntries';
import { todayIn } from './zoneTime';
import './time.css';

/**
 * A task's time entries (issue 14 §4), newest first: each can be edited or deleted, and time
 * can be logged on the task by hand. Used by the task detail page.
 */
export default function TaskEntries({
  taskId,
  readOnly = false,
}: {
  taskId: number;
  /** A viewer's list (issue 15): the entries without Log time, Edit or Delete. */
  readOnly?: boolean;
}) {
  const headingId = useId();
  const profile = useProfile();
  const entries = useTaskEntries(taskId);
  const remove = useDeleteEntry();
  const [target, setTarget] = useState<EntryTarget | null>(null);
  const [deleting, setDeleting] = useState<TimeEntry | null>(null);

  const timeZone = profile?.timeZone;
  const name = (entry: TimeEntry) =>
    timeZone === undefined
      ? `entry ${entry.id}`
      : `entry of ${formatDate(entry.started_at, timeZone)}, ${entryTimes(entry, timeZone)}`;

  let body;
  if (entries.isPending || timeZone === undefined) {
    body = <Spinner label="Loading time entries" />;
  } else if (entries.isError) {
    body = (
      <p role="alert" className="form-error">
        {humanMessage(entries.error)}
      </p>
    );
  } else if (entries.data.length === 0) {
    body = <p className="time-entries__empty">No time tracked on this task yet.</p>;
  } else {
    body = (
      <ul className="entry-list">
        {entries.data.toReversed().map((entry) => (
          <li key={entry.id}>
            <EntryItem
              entry={entry}
              timeZone={timeZone}
              heading={formatDate(entry.started_at, timeZone)}
              name={name(entry)}
              onEdit={
                readOnly
                  ? undefined
                  : () => {
                      setTarget({ kind: 'edit', entry });
                    }
              }
              onDelete={
                readOnly
                  ? undefined
                  : () => {
                      setDeleting(entry);
                    }
              }
            />
          </li>
        ))}
      </ul>
    );
  }

  return (
    <section className="time-entries" aria-labelledby={headingId}>
      <div className="time-entries__header">
        <h2 id={headingId} className="time-entries__title">
          Time entries
        </h2>
        {!readOnly && (
          <Button
            size="sm"
            disabled={timeZone === undefined}
            onClick={() => {
              if (timeZone !== undefined) {
                setTarget({ kind: 'new', day: todayIn(timeZone), taskId });
              }
            }}
          >
            Log time
          </Button>
        )}
      </div>
      {body}
      {timeZone !== undefined && (
        <EntryDialog
          target={target}
          timeZone={timeZone}
          onClose={() => {
            setTarget(null);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title="Delete this time entry?"
        message={deleting === null ? '' : `The ${name(deleting)} is removed from the task.`}
        confirmLabel="Delete entry"
        tone="danger"
        onConfirm={async () => {
          if (deleting !== null) await remove.mutateAsync(deleting);
        }}
      />
    </section>
  );
}
