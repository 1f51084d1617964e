import type { TimeEntry } from '@devtrackr/client';
import { useId } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/Button';
import { formatDuration } from '../../lib/format';
import { EntryItem, entryLength, entryTimes } from '../time/EntryItem';
import { formatWeekday } from './weekFormat';
import type { DayShare, WeekDay } from './weekModel';

interface WeekDayCardProps {
  day: WeekDay;
  isToday: boolean;
  timeZone: string;
  titles: ReadonlyMap<number, string>;
  /** Without them (a viewer, issue 15) the day has no Log time, Edit or Delete. */
  onLog?: (day: string) => void;
  onEdit?: (entry: TimeEntry) => void;
  onDelete?: (entry: TimeEntry) => void;
}

/**
 * "1 h 30 min of 2 h 45 min" for an entry across midnight, "12 min so far" for the running
 * timer; else undefined (the entry's own length).
 */
function shareLength(share: DayShare): string | undefined {
  if (share.entry.ended_at === null) return `${formatDuration(share.seconds / 60)} so far`;
  if (!share.split) return undefined;
  return `${formatDuration(share.seconds / 60)} of ${entryLength(share.entry)}`;
}

/** One local day of the week: its total, its entries (each with its share), and Log time. */
export function WeekDayCard({
  day,
  isToday,
  timeZone,
  titles,
  onLog,
  onEdit,
  onDelete,
}: WeekDayCardProps) {
  const headingId = useId();
  const label = formatWeekday(day.day);
  return (
    <section
      className={isToday ? 'week-day week-day--today' : 'week-day'}
      aria-labelledby={headingId}
    >
      <header className="week-day__header">
        <h2 id={headingId} className="week-day__title">
          {label}
          {isToday && <span className="week-day__today"> (today)</span>}
        </h2>
        <span className="week-day__total">{formatDuration(day.seconds / 60)}</span>
        {onLog !== undefined && (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Log time on ${label}`}
            onClick={() => {
              onLog(day.day);
            }}
          >
            Log time
          </Button>
        )}
      </header>
      {day.shares.length === 0 ? (
        <p className="week-day__empty">No time logged.</p>
      ) : (
        <ul className="entry-list">
          {day.shares.map((share) => {
            const { entry } = share;
            const title = titles.get(entry.task_id) ?? `Task ${String(entry.task_id)}`;
            return (
              <li key={entry.id}>
                <EntryItem
                  entry={entry}
                  timeZone={timeZone}
                  heading={<Link to={`/tasks/${String(entry.task_id)}`}>{title}</Link>}
                  name={`${title}, ${entryTimes(entry, timeZone)}`}
                  length={shareLength(share)}
                  onEdit={
                    onEdit &&
                    (() => {
                      onEdit(entry);
                    })
                  }
                  onDelete={
                    onDelete &&
                    (() => {
                      onDelete(entry);
                    })
                  }
                />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
