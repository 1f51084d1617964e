import type { Task } from '@devtrackr/client';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { cx } from '../../lib/cx';
import { PRIORITY_LABEL, STATUS_LABEL } from './labels';
import { formatDue, isOverdue, isOverEstimate, timeSummary } from './taskFormat';
import { memberName, teamFieldsOf, useTeamLookupContext } from './teamLookup';

interface TaskMetaProps {
  task: Task;
  timeZone: string;
  /** The board's columns already say the status. */
  showStatus?: boolean;
  /** The timer runs on this task (the timer's own state, fresher than the list's). */
  running: boolean;
}

/**
 * A task's facts in one wrapping line: status, priority, category, tags, due, time. Each has a
 * hidden label, so a screen reader says "Priority: High" rather than a bare "High"; nothing
 * relies on colour alone (an overdue date also says "overdue").
 */
export function TaskMeta({ task, timeZone, showStatus = true, running }: TaskMetaProps) {
  const overdue = isOverdue(task, Date.now());
  const time = timeSummary(task);
  const lookup = useTeamLookupContext();
  const { project_id: projectId, assignee_id: assigneeId } = teamFieldsOf(task);
  const project = lookup.project(projectId);
  const assignee = lookup.member(assigneeId);
  return (
    <ul className="task-meta" aria-label="Details">
      {running && (
        <li className="task-meta__timer">
          <span className="task-meta__dot" aria-hidden="true" />
          Timer running
        </li>
      )}
      {showStatus && (
        <li className={cx('badge', `badge--${task.status}`)}>
          <VisuallyHidden>Status: </VisuallyHidden>
          {STATUS_LABEL[task.status]}
        </li>
      )}
      <li className={cx('badge', `badge--${task.priority}`)}>
        <VisuallyHidden>Priority: </VisuallyHidden>
        {PRIORITY_LABEL[task.priority]}
      </li>
      {project !== undefined && (
        <li className="task-meta__project">
          <span
            className="project-dot"
            style={{ backgroundColor: project.color }}
            aria-hidden="true"
          />
          <VisuallyHidden>Project: </VisuallyHidden>
          {project.name}
        </li>
      )}
      {assignee !== undefined && (
        <li className="task-meta__assignee">
          <VisuallyHidden>Assigned to </VisuallyHidden>
          <span aria-hidden="true">→ </span>
          {memberName(assignee)}
        </li>
      )}
      {task.category !== null && (
        <li className="task-meta__category">
          <VisuallyHidden>Category: </VisuallyHidden>#{task.category}
        </li>
      )}
      {task.tags.length > 0 && (
        <li className="task-meta__tags">
          <VisuallyHidden>Tags: </VisuallyHidden>
          {task.tags.map((tag) => (
            <span key={tag} className="tag">
              @{tag}
            </span>
          ))}
        </li>
      )}
      {task.due_at !== null && (
        <li className={cx('task-meta__due', overdue && 'task-meta__due--overdue')}>
          {overdue ? 'Overdue: ' : 'Due '}
          <time dateTime={task.due_at}>{formatDue(task.due_at, timeZone)}</time>
        </li>
      )}
      {time !== '' && (
        <li className={cx('task-meta__time', isOverEstimate(task) && 'task-meta__time--over')}>
          <VisuallyHidden>Time: </VisuallyHidden>
          {time}
          {isOverEstimate(task) && <VisuallyHidden> (over the estimate)</VisuallyHidden>}
        </li>
      )}
    </ul>
  );
}
