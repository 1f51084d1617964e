import type { Task, TaskPatch, TaskPriority, TaskStatus } from '@devtrackr/client';
import { formatDuration } from '../../lib/format';
import { PRIORITY_LABEL, STATUS_LABEL } from './labels';
import { formatDue } from './taskFormat';
import { teamFieldsOf } from './teamLookup';
import { instantAt, wallClock } from './zoned';

// The detail form's state: every editable field as the text its control holds. Comparing
// drafts (not tasks) tells what the person changed and what the server changed, field by field,
// in the same terms the form shows them.

export interface TaskDraft {
  title: string;
  description: string;
  category: string;
  /** "api, v2": comma or space separated, as typed. */
  tags: string;
  status: TaskStatus;
  priority: TaskPriority;
  /** `YYYY-MM-DD` in the profile zone; '' for no due date. */
  dueDay: string;
  /** `HH:mm` in the profile zone; '' for the end of the day. */
  dueTime: string;
  /** Whole minutes as typed; '' for none. */
  estimate: string;
  /** The project's id; '' for none (teams, issue 15). */
  project: string;
  /** The assignee's user id; '' for nobody. */
  assignee: string;
}

/** A PATCH body, teams' fields included. */
export type TeamTaskPatch = TaskPatch;

/** The draft's fields, in the form's order. `due` covers the day and the time together. */
export type DraftField = Exclude<keyof TaskDraft, 'dueDay' | 'dueTime'> | 'due';

export const FIELD_LABEL: Record<DraftField, string> = {
  title: 'Title',
  description: 'Description',
  category: 'Category',
  tags: 'Tags',
  status: 'Status',
  priority: 'Priority',
  due: 'Due',
  estimate: 'Estimate',
  project: 'Project',
  assignee: 'Assignee',
};

const FIELDS = Object.keys(FIELD_LABEL) as DraftField[];

export function parseTags(text: string): string[] {
  const tags = text
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^@/, '').toLowerCase())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

export function draftOf(task: Task, timeZone: string): TaskDraft {
  const due = task.due_at === null ? { day: '', time: '' } : wallClock(task.due_at, timeZone);
  const { project_id: projectId, assignee_id: assigneeId } = teamFieldsOf(task);
  return {
    title: task.title,
    description: task.description ?? '',
    category: task.category ?? '',
    tags: task.tags.join(', '),
    status: task.status,
    priority: task.priority,
    dueDay: due.day,
    dueTime: due.time,
    estimate: task.estimated_minutes === null ? '' : String(task.estimated_minutes),
    project: projectId == null ? '' : String(projectId),
    assignee: assigneeId == null ? '' : String(assigneeId),
  };
}

/** A field's value as the API will store it, as text: equal texts mean an unchanged field. */
function canonical(draft: TaskDraft, field: DraftField): string {
  switch (field) {
    case 'title':
    case 'category':
    case 'estimate':
      return draft[field].trim();
    case 'tags':
      return parseTags(draft.tags).join(',');
    case 'due':
      return draft.dueDay === '' ? '' : `${draft.dueDay} ${draft.dueTime}`;
    default:
      return draft[field];
  }
}

/** The fields whose values differ between two drafts. */
export function changedFields(from: TaskDraft, to: TaskDraft): DraftField[] {
  return FIELDS.filter((field) => canonical(from, field) !== canonical(to, field));
}

/** The PATCH body that turns `base` into `draft`: only the changed fields (PATCH semantics). */
export function patchBetween(base: TaskDraft, draft: TaskDraft, timeZone: string): TeamTaskPatch {
  const patch: TeamTaskPatch = {};
  for (const field of changedFields(base, draft)) {
    switch (field) {
      case 'title':
        patch.title = draft.title.trim();
        break;
      case 'description':
        patch.description = draft.description === '' ? null : draft.description;
        break;
      case 'category':
        patch.category = draft.category.trim() === '' ? null : draft.category.trim();
        break;
      case 'tags':
        patch.tags = parseTags(draft.tags);
        break;
      case 'status':
        patch.status = draft.status;
        break;
      case 'priority':
        patch.priority = draft.priority;
        break;
      case 'due':
        patch.due_at =
          draft.dueDay === '' ? null : instantAt(draft.dueDay, draft.dueTime, timeZone);
        break;
      case 'estimate':
        // Whatever was typed goes to the API, which explains a non-integer on the field.
        patch.estimated_minutes = draft.estimate.trim() === '' ? null : Number(draft.estimate);
        break;
      case 'project':
        patch.project_id = draft.project === '' ? null : Number(draft.project);
        break;
      case 'assignee':
        patch.assignee_id = draft.assignee === '' ? null : Number(draft.assignee);
        break;
    }
  }
  return patch;
}

/** `theirs` with the fields the person changed (from `base` to `mine`) laid over it. */
export function rebase(base: TaskDraft, mine: TaskDraft, theirs: TaskDraft): TaskDraft {
  const merged = { ...theirs };
  for (const field of changedFields(base, mine)) {
    if (field === 'due') {
      merged.dueDay = mine.dueDay;
      merged.dueTime = mine.dueTime;
    } else {
      Object.assign(merged, { [field]: mine[field] });
    }
  }
  return merged;
}

/** A field's value as the conflict dialog shows it. */
export function displayValue(draft: TaskDraft, field: DraftField, timeZone: string): string {
  switch (field) {
    case 'status':
      return STATUS_LABEL[draft.status];
    case 'priority':
      return PRIORITY_LABEL[draft.priority];
    case 'tags': {
      const tags = parseTags(draft.tags);
      return tags.length === 0 ? '(none)' : tags.join(', ');
    }
    case 'due':
      return draft.dueDay === ''
        ? '(none)'
        : formatDue(instantAt(draft.dueDay, draft.dueTime, timeZone), timeZone);
    case 'estimate': {
      const minutes = Number(draft.estimate);
      return draft.estimate.trim() === '' || !Number.isFinite(minutes)
        ? draft.estimate.trim() || '(none)'
        : formatDuration(minutes);
    }
    default:
      return draft[field].trim() === '' ? '(none)' : draft[field];
  }
}

export interface ConflictRow {
  field: DraftField;
  label: string;
  yours: string;
  theirs: string;
}

export interface Conflict {
  /** Fields you changed that now differ from the server's: keeping yours overwrites these. */
  contested: ConflictRow[];
  /** Fields only the server changed: its values stay whichever side you keep. */
  serverOnly: ConflictRow[];
}

/** What a 412 means for this edit: `base` is what you started from, `theirs` the server's now. */
export function conflictOf(
  base: TaskDraft,
  mine: TaskDraft,
  theirs: TaskDraft,
  timeZone: string,
): Conflict {
  const yoursChanged = new Set(changedFields(base, mine));
  const row = (field: DraftField): ConflictRow => ({
    field,
    label: FIELD_LABEL[field],
    yours: displayValue(yoursChanged.has(field) ? mine : base, field, timeZone),
    theirs: displayValue(theirs, field, timeZone),
  });
  const differs = new Set(changedFields(mine, theirs));
  return {
    contested: [...yoursChanged].filter((field) => differs.has(field)).map(row),
    serverOnly: changedFields(base, theirs)
      .filter((field) => !yoursChanged.has(field))
      .map(row),
  };
}
