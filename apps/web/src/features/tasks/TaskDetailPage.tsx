import { DevTrackrError } from '@devtrackr/client';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { humanMessage } from '../../api/problem';
import { useProfile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { useShortcut } from '../../shortcuts/useShortcut';
import TaskEntries from '../time/TaskEntries';
import { timerKey } from '../timer/runningTimer';
import { useTimer } from '../timer/useTimer';
import { ConflictDialog } from './ConflictDialog';
import { TaskForm } from './TaskForm';
import { taskKeys, useTask } from './taskQueries';
import { teamFieldsOf } from './teamLookup';
import { useTaskEditor } from './useTaskEditor';
import { useRoleIn } from '../workspaces/WorkspaceProvider';
import './tasks.css';
import './detail.css';

const GROUP = 'Task';

/** One task (issue 14 §4): every field, saved with If-Match; the timer; its time entries. */
export default function TaskDetailPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id < 1) return <Missing />;
  return <TaskDetail id={id} />;
}

function Missing() {
  return (
    <>
      <PageHeader title="Task not found" />
      <EmptyState title="This task does not exist, or it was deleted.">
        <Link to="/tasks">Back to the tasks</Link>
      </EmptyState>
    </>
  );
}

function TaskDetail({ id }: { id: number }) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const profile = useProfile();
  const detail = useTask(id);
  const timeZone = profile?.timeZone ?? 'UTC';
  const editor = useTaskEditor(id, timeZone, profile === undefined ? undefined : detail.data);
  const timer = useTimer();
  const [deleting, setDeleting] = useState(false);
  const role = useRoleIn(
    detail.data === undefined ? undefined : teamFieldsOf(detail.data.task).workspace_id,
  );

  const running = timer.running?.taskId === id;
  const toggleTimer = () => {
    (running ? timer.stop() : timer.start(id)).catch((error: unknown) => {
      toast({ title: 'The timer did not change', description: humanMessage(error), tone: 'error' });
    });
  };
  useShortcut('s', toggleTimer, {
    description: 'Start or stop the timer on this task',
    group: GROUP,
  });
  useShortcut('mod+s', editor.save, { description: 'Save the task', group: GROUP, inInputs: true });

  const remove = async () => {
    await client.DELETE('/tasks/{id}', { params: { path: { id } } });
    queryClient.removeQueries({ queryKey: taskKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.lists });
    // Its time entries went with it, a timer running on it included.
    void queryClient.invalidateQueries({ queryKey: timerKey });
    toast({ title: 'Task deleted', tone: 'success' });
    void navigate('/tasks');
  };

  if (detail.isError && detail.error instanceof DevTrackrError && detail.error.status === 404) {
    return <Missing />;
  }
  const task = detail.data?.task;
  // A viewer of the task's workspace reads it: no save, no timer, no delete (issue 15).
  const viewer = role === 'viewer';
  return (
    <>
      <p className="back-link">
        <Link to="/tasks">← All tasks</Link>
      </p>
      <PageHeader
        title={task?.title ?? 'Task'}
        actions={
          task !== undefined &&
          !viewer && (
            <>
              <Button
                variant={running ? 'secondary' : 'primary'}
                pending={timer.pending}
                onClick={toggleTimer}
              >
                {running ? 'Stop timer' : 'Start timer'}
              </Button>
              <Button
                variant="danger"
                onClick={() => {
                  setDeleting(true);
                }}
              >
                Delete
              </Button>
            </>
          )
        }
      />
      {detail.isError ? (
        <div role="alert" className="form-error">
          <p>The task could not be loaded. {humanMessage(detail.error)}</p>
          <Button onClick={() => void detail.refetch()}>Try again</Button>
        </div>
      ) : task === undefined || profile === undefined ? (
        <Spinner label="Loading the task" block />
      ) : (
        <>
          <TaskForm task={task} editor={editor} timeZone={profile.timeZone} readOnly={viewer} />
          <TaskEntries taskId={id} readOnly={viewer} />
        </>
      )}
      <ConflictDialog
        pending={editor.conflict}
        onKeepMine={editor.keepMine}
        onTakeTheirs={editor.takeTheirs}
        onDecideLater={editor.dismissConflict}
      />
      <ConfirmDialog
        open={deleting}
        onOpenChange={setDeleting}
        title="Delete this task?"
        message={`“${task?.title ?? ''}” and all its tracked time will be deleted. This cannot be undone.`}
        confirmLabel="Delete task"
        tone="danger"
        onConfirm={remove}
      />
    </>
  );
}
