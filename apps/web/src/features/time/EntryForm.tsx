import { useState, type SubmitEvent, type ReactNode } from 'react';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { TextArea, TextField } from '../../components/TextField';
import {
  changeDraft,
  resolveDraft,
  type DraftErrors,
  type DraftField,
  type EntryDraft,
  type EntryEditable,
} from './entryDraft';
import { isTime } from './zoneTime';

/** The server's field names and the form field that shows each one's message. */
const SERVER_FIELDS = { started_at: 'start', ended_at: 'end', note: 'note' } as const;
const SHOWN = Object.keys(SERVER_FIELDS);

export interface EntryFormProps {
  /** The form's values when it opens; afterwards it owns them, so nothing typed is lost. */
  initial: EntryDraft;
  timeZone: string;
  /** Only the note can change (an adjustment is an instant; a running entry has no end). */
  editable?: EntryEditable;
  /** Fields above the times (the week view's task picker). */
  children?: ReactNode;
  submitLabel: string;
  pending: boolean;
  /** The last submit's error: its field messages land on the fields, the rest above them. */
  error: unknown;
  /** Messages of the caller's own fields, already on them (left out of the summary). */
  ownFields?: readonly string[];
  onSubmit: (result: { draft: EntryDraft; startedAt: string; endedAt: string }) => void;
  onCancel: () => void;
}

/** Start, end or duration, and a note, in the profile's zone: log, edit or move an entry. */
export function EntryForm({
  initial,
  timeZone,
  editable = 'all',
  children,
  submitLabel,
  pending,
  error,
  ownFields = [],
  onSubmit,
  onCancel,
}: EntryFormProps) {
  const [draft, setDraft] = useState(initial);
  const [local, setLocal] = useState<DraftErrors>({});
  const server = fieldErrors(error);
  const errorOf = (field: DraftField): string | undefined => {
    const serverName = Object.entries(SERVER_FIELDS).find(([, shown]) => shown === field)?.[0];
    return local[field] ?? (serverName === undefined ? undefined : server[serverName]);
  };
  const bind = (field: DraftField) => ({
    value: draft[field],
    error: errorOf(field),
    onChange: (event: { target: { value: string } }) => {
      setDraft((current) => changeDraft(current, field, event.target.value, timeZone));
    },
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (pending) return;
    if (editable === 'note') {
      setLocal({});
      onSubmit({ draft, startedAt: '', endedAt: '' });
      return;
    }
    // A running entry has no end: only its start is checked (with a stand-in end).
    const resolved = resolveDraft(
      editable === 'start-and-note' ? { ...draft, end: '', duration: '1' } : draft,
      timeZone,
    );
    if (!resolved.ok) {
      setLocal(resolved.errors);
      return;
    }
    setLocal({});
    onSubmit({ draft, startedAt: resolved.startedAt, endedAt: resolved.endedAt });
  };

  const times = editable !== 'note';
  const nextDay = isTime(draft.start) && isTime(draft.end) && draft.end <= draft.start;
  return (
    <form className="entry-form" onSubmit={submit} noValidate>
      <FormError error={error} fields={[...SHOWN, ...ownFields]} />
      {children}
      {times && (
        <div className="entry-form__times">
          <TextField label="Date" type="date" required {...bind('day')} />
          <TextField label="Start" type="time" required {...bind('start')} />
          {editable === 'all' && (
            <>
              <TextField
                label="End"
                type="time"
                hint={nextDay ? 'The next day' : undefined}
                {...bind('end')}
              />
              <TextField
                label="Duration"
                hint="1:30, 90m or 1.5h"
                inputMode="text"
                autoComplete="off"
                {...bind('duration')}
              />
            </>
          )}
        </div>
      )}
      <TextArea label="Note" rows={2} maxLength={500} {...bind('note')} />
      <div className="entry-form__actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" pending={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
