import { Link } from 'react-router';
import { humanMessage } from '../../api/problem';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { ElapsedTime } from './ElapsedTime';
import { useTimer, useTimerQuery } from './useTimer';
import { useTimerSync } from './useTimerSync';
import './TimerBar.css';

/**
 * The running timer on every page (issue 14 §5): the task (a link to it), the elapsed time
 * ticking, Stop. Rendered by the layout. No global shortcut: `s` starts or stops the timer on
 * the focused task of the tasks page, and every other free key would be one more to learn for
 * what the Stop button (one Tab stop after the navigation) already does.
 */
export default function TimerBar() {
  useTimerSync();
  const { isSuccess } = useTimerQuery();
  const { running, stop, pending } = useTimer();
  const toast = useToast();

  // Until the first answer (or when the server cannot say), nothing: no false "not running".
  if (!isSuccess) return null;
  if (running === null) {
    return (
      <section className="timer-bar timer-bar--idle" aria-label="Timer">
        <p className="timer-bar__idle">No timer running</p>
      </section>
    );
  }
  return (
    <section className="timer-bar" aria-label="Timer">
      <span className="timer-bar__dot" aria-hidden="true" />
      <Link className="timer-bar__task" to={`/tasks/${String(running.taskId)}`}>
        {running.taskTitle}
      </Link>
      <ElapsedTime startedAt={running.startedAt} taskTitle={running.taskTitle} />
      <Button
        size="sm"
        variant="secondary"
        pending={pending}
        aria-label={`Stop the timer on ${running.taskTitle}`}
        onClick={() => {
          stop().catch((error: unknown) => {
            toast({
              title: 'The timer could not be stopped',
              description: humanMessage(error),
              tone: 'error',
            });
          });
        }}
      >
        Stop
      </Button>
    </section>
  );
}
