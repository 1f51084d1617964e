import type { TimeEntry } from '@devtrackr/client';
import { useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { humanMessage } from '../../api/problem';
import { useProfile, type Profile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatDuration } from '../../lib/format';
import { useShortcut } from '../../shortcuts/useShortcut';
import { EntryDialog, type EntryTarget } from '../time/EntryDialog';
import { entryTimes } from '../time/EntryItem';
import { useCanWrite } from '../workspaces/WorkspaceProvider';
import { TaskPicker } from '../time/TaskPicker';
import { useDeleteEntry, useEntriesBetween } from '../time/useTimeEntries';
import { useTaskTitles } from '../time/useTaskTitles';
import { addDays, todayIn } from '../time/zoneTime';
import { WeekDayCard } from './WeekDayCard';
import { WeekNav, weekPath } from './WeekNav';
import { formatWeekday, formatWeekRange } from './weekFormat';
import { groupWeek, weekDays, weekFromParam, weekStartOf } from './weekModel';
import '../time/time.css';
import './week.css';

const GROUP = 'Week';

/**
 * The week's time by local day (issue 14 §6), in the profile's zone and week start: day and
 * week totals, and logging, editing, moving and deleting entries. The week is in the URL
 * (`?week=2026-12-01`), so it can be bookmarked and Back walks the weeks.
 */
export default function WeekPage() {
  const profile = useProfile();
  if (profile === undefined) {
    return (
      <>
        <PageHeader title="Week" />
        <Spinner label="Loading your week" block />
      </>
    );
  }
  return <Week profile={profile} />;
}

function Week({ profile }: { profile: Profile }) {
  const { timeZone, weekStart } = profile;
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const totalsId = useId();
  const today = todayIn(timeZone);
  const thisWeek = weekStartOf(today, weekStart);
  const first = weekFromParam(params.get('week'), today, weekStart);
  const days = weekDays(first);
  const last = addDays(first, 6);

  // From the day before: an entry that began then and ran past midnight counts on the first
  // day. The list filters on the start, and a logged interval lasts at most 24 h; only a timer
  // left running for more than a day before the week would be missed (the API's list has no
  // "overlapping the period" filter).
  const entries = useEntriesBetween(addDays(first, -1), last, timeZone);
  const titles = useTaskTitles(entries.data?.map((entry) => entry.task_id) ?? []);
  const remove = useDeleteEntry();
  const [target, setTarget] = useState<EntryTarget | null>(null);
  const [deleting, setDeleting] = useState<TimeEntry | null>(null);

  const week =
    entries.data === undefined ? undefined : groupWeek(entries.data, days, timeZone, Date.now());
  const logDay = today >= first && today <= last ? today : first;
  const go = (day: string) => {
    void navigate(weekPath(day, thisWeek));
  };
  const idle = target === null && deleting === null;
  const canWrite = useCanWrite();
  useShortcut(
    '[',
    () => {
      go(addDays(first, -7));
    },
    { description: 'Previous week', group: GROUP, enabled: idle },
  );
  useShortcut(
    ']',
    () => {
      go(addDays(first, 7));
    },
    { description: 'Next week', group: GROUP, enabled: idle },
  );
  useShortcut(
    't',
    () => {
      go(thisWeek);
    },
    { description: 'This week', group: GROUP, enabled: idle },
  );
  useShortcut(
    'l',
    () => {
      setTarget({ kind: 'new', day: logDay });
    },
    { description: 'Log time', group: GROUP, enabled: idle && canWrite },
  );

  const titleOf = (entry: TimeEntry) =>
    titles.get(entry.task_id) ?? `Task ${String(entry.task_id)}`;

  return (
    <>
      <PageHeader
        title="Week"
        description={`${formatWeekRange(first, last)} · ${timeZone}`}
        actions={
          canWrite && (
            <Button
              variant="primary"
              onClick={() => {
                setTarget({ kind: 'new', day: logDay });
              }}
            >
              Log time
            </Button>
          )
        }
      />
      <div className="week-toolbar">
        <WeekNav first={first} thisWeek={thisWeek} />
        {week !== undefined && (
          <p className="week-toolbar__total">
            Week total <strong>{formatDuration(week.seconds / 60)}</strong>
          </p>
        )}
      </div>
      {entries.isPending && <Spinner label="Loading the week’s entries" block />}
      {entries.isError && (
        <div role="alert" className="form-error week-error">
          <p>{humanMessage(entries.error)}</p>
          <Button size="sm" onClick={() => void entries.refetch()}>
            Try again
          </Button>
        </div>
      )}
      {week !== undefined && (
        <>
          <section className="week-totals" aria-labelledby={totalsId}>
            <h2 id={totalsId} className="visually-hidden">
              Day totals
            </h2>
            <dl className="week-totals__list">
              {week.days.map((day) => (
                <div key={day.day} className="week-totals__item">
                  <dt>{formatWeekday(day.day)}</dt>
                  <dd>{formatDuration(day.seconds / 60)}</dd>
                </div>
              ))}
            </dl>
          </section>
          <div className="week-days">
            {week.days.map((day) => (
              <WeekDayCard
                key={day.day}
                day={day}
                isToday={day.day === today}
                timeZone={timeZone}
                titles={titles}
                // A viewer of the workspace reads the week (issue 15).
                {...(canWrite && {
                  onLog: (d: string) => {
                    setTarget({ kind: 'new', day: d });
                  },
                  onEdit: (entry: TimeEntry) => {
                    setTarget({ kind: 'edit', entry, taskTitle: titleOf(entry) });
                  },
                  onDelete: setDeleting,
                })}
              />
            ))}
          </div>
        </>
      )}
      <EntryDialog
        target={target}
        timeZone={timeZone}
        onClose={() => {
          setTarget(null);
        }}
        renderTaskPicker={({ taskId, error }, onTask) => (
          <TaskPicker taskId={taskId} error={error} onTask={onTask} />
        )}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => {
          if (!open) setDeleting(null);
        }}
        title="Delete this time entry?"
        message={
          deleting === null
            ? ''
            : `${titleOf(deleting)}, ${entryTimes(deleting, timeZone)}: the time is removed from the task.`
        }
        confirmLabel="Delete entry"
        tone="danger"
        onConfirm={async () => {
          if (deleting !== null) await remove.mutateAsync(deleting);
        }}
      />
    </>
  );
}
