import { useState, type SubmitEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { TextArea, TextField } from '../../components/TextField';
import { teamMessage } from '../workspaces/teamErrors';
import type { Project } from '../workspaces/teamTypes';
import { draftOfProject, emptyDraft, inputOf, type ProjectDraft } from './projectDraft';
import { useSaveProject } from './projectQueries';

interface ProjectFormProps {
  workspaceId: number;
  /** The project to edit; null creates one. */
  project: Project | null;
  onSaved: (project: Project) => void;
  onCancel?: () => void;
}

/** A budget as typed is hours ≥ 0 with up to two decimals, or nothing. */
const budgetProblem = (hours: string): string | undefined => {
  const text = hours.trim();
  if (text === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= 0
    ? undefined
    : 'Enter hours as a number, e.g. 40 or 12.5';
};

/** Create or edit a project. A failed save keeps every field as typed. */
export function ProjectForm({ workspaceId, project, onSaved, onCancel }: ProjectFormProps) {
  const [draft, setDraft] = useState<ProjectDraft>(() =>
    project === null ? emptyDraft() : draftOfProject(project),
  );
  const [checked, setChecked] = useState(false);
  const save = useSaveProject(workspaceId);
  const errors = fieldErrors(save.error);
  const budgetError = checked ? budgetProblem(draft.budgetHours) : undefined;
  const update = (patch: Partial<ProjectDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setChecked(true);
    if (budgetProblem(draft.budgetHours) !== undefined) return;
    const input = inputOf(draft);
    save.mutate(project === null ? { id: null, input } : { id: project.id, input }, {
      onSuccess: (saved) => {
        if (project === null) setDraft(emptyDraft());
        setChecked(false);
        onSaved(saved);
      },
    });
  };
  return (
    <form
      className="project-form"
      aria-label={project === null ? 'New project' : `Edit ${project.name}`}
      onSubmit={submit}
      noValidate
    >
      {save.isError && (
        <p role="alert" className="form-error">
          {teamMessage(save.error)}
        </p>
      )}
      <TextField
        label="Name"
        required
        maxLength={100}
        value={draft.name}
        error={errors.name}
        onChange={(event) => {
          update({ name: event.target.value });
        }}
      />
      <TextField
        label="Colour"
        type="color"
        value={draft.color}
        error={errors.color}
        onChange={(event) => {
          update({ color: event.target.value });
        }}
      />
      <TextField
        label="Budget (hours)"
        inputMode="decimal"
        hint="Optional"
        value={draft.budgetHours}
        error={budgetError ?? errors.budget_minutes}
        onChange={(event) => {
          update({ budgetHours: event.target.value });
        }}
      />
      <TextArea
        label="Description"
        className="field--wide"
        rows={2}
        value={draft.description}
        error={errors.description}
        onChange={(event) => {
          update({ description: event.target.value });
        }}
      />
      <div className="invite-card__actions field--wide">
        <Button
          type="submit"
          variant="primary"
          pending={save.isPending}
          disabled={draft.name.trim() === ''}
        >
          {project === null ? 'Create project' : 'Save project'}
        </Button>
        {onCancel !== undefined && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
