import type { TimeEntry } from '@devtrackr/client';
import type { ReactNode } from 'react';
import { Button } from '../../components/Button';
import { formatDate, formatDuration, formatTime } from '../../lib/format';
import { addDays, localDateTime } from './zoneTime';

/**
 * "09:00 – 10:30"; an end on the next local day says so ("22:30 – 01:15 (next day)"), a later
 * one gives its date.
 */
export function entryTimes(entry: TimeEntry, timeZone: string): string {
  const start = formatTime(entry.started_at, timeZone);
  if (entry.source === 'adjustment') return start;
  if (entry.ended_at === null) return `${start} – now`;
  const startDay = localDateTime(entry.started_at, timeZone).day;
  const endDay = localDateTime(entry.ended_at, timeZone).day;
  const end = formatTime(entry.ended_at, timeZone);
  if (endDay === startDay) return `${start} – ${end}`;
  if (endDay === addDays(startDay, 1)) return `${start} – ${end} (next day)`;
  return `${start} – ${formatDate(entry.ended_at, timeZone)} ${end}`;
}

/** The entry's length: "1 h 30 min", "running", or an adjustment's signed minutes. */
export function entryLength(entry: TimeEntry): string {
  if (entry.duration_seconds === null) return 'running';
  const text = formatDuration(entry.duration_seconds / 60);
  return entry.source === 'adjustment' && entry.duration_seconds > 0 ? `+${text}` : text;
}

const SOURCE_LABEL: Record<TimeEntry['source'], string> = {
  timer: 'Timer',
  manual: 'Logged',
  adjustment: 'Adjustment',
};

interface EntryItemProps {
  entry: TimeEntry;
  timeZone: string;
  /** Shown before the times (the week view names the task, the task page the date). */
  heading: ReactNode;
  /** A short name for the buttons' labels ("Fix login, 09:00 – 10:30"). */
  name: string;
  /** What to show as its length, when not the whole entry (the week view's share of a day). */
  length?: string;
  /** Without them (a viewer's list) the entry has no Edit and Delete buttons. */
  onEdit?: () => void;
  onDelete?: () => void;
}

/** One time entry: what, when, how long, the note, and its Edit and Delete buttons. */
export function EntryItem({
  entry,
  timeZone,
  heading,
  name,
  length,
  onEdit,
  onDelete,
}: EntryItemProps) {
  return (
    <div className="entry">
      <div className="entry__main">
        <div className="entry__heading">{heading}</div>
        <div className="entry__meta">
          <span>{entryTimes(entry, timeZone)}</span>
          <span className="entry__source">{SOURCE_LABEL[entry.source]}</span>
        </div>
        {entry.note !== null && entry.note !== '' && <p className="entry__note">{entry.note}</p>}
      </div>
      <span className="entry__length">{length ?? entryLength(entry)}</span>
      {onEdit !== undefined && onDelete !== undefined && (
        <div className="entry__actions">
          <Button size="sm" variant="ghost" aria-label={`Edit ${name}`} onClick={onEdit}>
            Edit
          </Button>
          <Button size="sm" variant="ghost" aria-label={`Delete ${name}`} onClick={onDelete}>
            Delete
          </Button>
        </div>
      )}
    </div>
  );
}
