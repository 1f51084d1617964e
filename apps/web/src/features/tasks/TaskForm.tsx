import type { Task } from '@devtrackr/client';
import type { SubmitEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { Select } from '../../components/Select';
import { TextArea, TextField } from '../../components/TextField';
import { formatDateTime, formatDuration } from '../../lib/format';
import { isPriority, isStatus, PRIORITY_OPTIONS, STATUS_OPTIONS } from './labels';
import { memberName, useTeamLookup, type TeamLookup } from './teamLookup';
import type { TaskEditor } from './useTaskEditor';

/** The API's field names the form shows an error on (the others go to the form's message). */
const SHOWN = [
  'title',
  'description',
  'category',
  'tags',
  'status',
  'priority',
  'due_at',
  'estimated_minutes',
  'project_id',
  'assignee_id',
];

/** Projects to pick: the active ones, and the task's own even when archived. */
function projectChoices(lookup: TeamLookup, chosen: string) {
  return [
    { value: '', label: 'No project' },
    ...lookup.projects
      .filter((project) => !project.archived || String(project.id) === chosen)
      .map((project) => ({
        value: String(project.id),
        label: project.archived ? `${project.name} (archived)` : project.name,
      })),
  ];
}

function assigneeChoices(lookup: TeamLookup, chosen: string) {
  const choices = [
    { value: '', label: 'Unassigned' },
    ...lookup.members.map((member) => ({
      value: String(member.user_id),
      label: memberName(member),
    })),
  ];
  // Members not loaded (yet): the current assignee still shows as chosen, not as "Unassigned".
  if (!choices.some((choice) => choice.value === chosen)) {
    choices.push({ value: chosen, label: `Member ${chosen}` });
  }
  return choices;
}

interface TaskFormProps {
  task: Task;
  editor: TaskEditor;
  timeZone: string;
  /** A viewer's form: every field shown, none editable, no save. */
  readOnly?: boolean;
}

/** Every editable field of a task; tracked time and the timestamps are shown, not edited. */
export function TaskForm({ task, editor, timeZone, readOnly = false }: TaskFormProps) {
  const { draft, update } = editor;
  const lookup = useTeamLookup();
  if (draft === undefined) return null;
  const errors = fieldErrors(editor.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    editor.save();
  };

  return (
    <form
      className="task-form"
      aria-label={readOnly ? 'Task' : 'Edit task'}
      onSubmit={submit}
      noValidate
    >
      <FormError error={editor.error} fields={SHOWN} />
      {/* display: contents; a viewer's fields are disabled in one place. */}
      <fieldset className="task-form__fieldset" disabled={readOnly}>
        <TextField
          label="Title"
          value={draft.title}
          required
          error={errors.title}
          onChange={(event) => {
            update({ title: event.target.value });
          }}
        />
        <TextArea
          label="Description"
          value={draft.description}
          error={errors.description}
          onChange={(event) => {
            update({ description: event.target.value });
          }}
        />
        <div className="task-form__grid">
          <Select
            label="Status"
            options={STATUS_OPTIONS}
            value={draft.status}
            error={errors.status}
            onChange={(event) => {
              if (isStatus(event.target.value)) update({ status: event.target.value });
            }}
          />
          <Select
            label="Priority"
            options={PRIORITY_OPTIONS}
            value={draft.priority}
            error={errors.priority}
            onChange={(event) => {
              if (isPriority(event.target.value)) update({ priority: event.target.value });
            }}
          />
          <TextField
            label="Category"
            value={draft.category}
            error={errors.category}
            onChange={(event) => {
              update({ category: event.target.value });
            }}
          />
          <TextField
            label="Tags"
            hint="Separated by commas or spaces, e.g. api, v2"
            value={draft.tags}
            error={errors.tags}
            onChange={(event) => {
              update({ tags: event.target.value });
            }}
          />
          <TextField
            label="Due date"
            type="date"
            hint={`In your time zone, ${timeZone}`}
            value={draft.dueDay}
            error={errors.due_at}
            onChange={(event) => {
              // No day, no time: a time alone cannot be due.
              const dueDay = event.target.value;
              update(dueDay === '' ? { dueDay, dueTime: '' } : { dueDay });
            }}
          />
          <TextField
            label="Due time"
            type="time"
            hint="Optional: without one, it is due at the end of the day"
            value={draft.dueTime}
            disabled={draft.dueDay === ''}
            onChange={(event) => {
              update({ dueTime: event.target.value });
            }}
          />
          <TextField
            label="Estimate (minutes)"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            value={draft.estimate}
            error={errors.estimated_minutes}
            onChange={(event) => {
              update({ estimate: event.target.value });
            }}
          />
          {(lookup.projects.length > 0 || draft.project !== '') && (
            <Select
              label="Project"
              options={projectChoices(lookup, draft.project)}
              value={draft.project}
              error={errors.project_id}
              onChange={(event) => {
                update({ project: event.target.value });
              }}
            />
          )}
          {(lookup.members.length > 1 || draft.assignee !== '') && (
            <Select
              label="Assignee"
              options={assigneeChoices(lookup, draft.assignee)}
              value={draft.assignee}
              error={errors.assignee_id}
              onChange={(event) => {
                update({ assignee: event.target.value });
              }}
            />
          )}
        </div>
      </fieldset>
      <dl className="task-facts">
        <div>
          <dt>Tracked</dt>
          <dd>{formatDuration(task.actual_minutes)}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(task.created_at, timeZone)}</dd>
        </div>
        <div>
          <dt>Changed</dt>
          <dd>{formatDateTime(task.updated_at, timeZone)}</dd>
        </div>
        {task.completed_at !== null && (
          <div>
            <dt>Completed</dt>
            <dd>{formatDateTime(task.completed_at, timeZone)}</dd>
          </div>
        )}
      </dl>
      {!readOnly && (
        <div className="task-form__actions">
          <Button type="submit" variant="primary" pending={editor.saving} disabled={!editor.dirty}>
            Save
          </Button>
          {editor.dirty && (
            <Button variant="ghost" onClick={editor.discard}>
              Discard changes
            </Button>
          )}
          <p role="status" className="task-form__status">
            {editor.saves > 0 && !editor.dirty && !editor.saving ? 'Saved' : ''}
          </p>
        </div>
      )}
    </form>
  );
}
