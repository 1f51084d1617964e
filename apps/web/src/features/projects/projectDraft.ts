import type { NewProject, Project } from '../workspaces/teamTypes';

/** The project form's fields as typed; hours for the budget, which is what people plan in. */
export interface ProjectDraft {
  name: string;
  color: string;
  description: string;
  /** Hours as typed; '' for no budget. */
  budgetHours: string;
}

export const DEFAULT_COLOR = '#2563eb';

export const emptyDraft = (): ProjectDraft => ({
  name: '',
  color: DEFAULT_COLOR,
  description: '',
  budgetHours: '',
});

export function draftOfProject(project: Project): ProjectDraft {
  return {
    name: project.name,
    color: project.color,
    description: project.description ?? '',
    budgetHours:
      project.budget_minutes === null
        ? ''
        : String(Math.round((project.budget_minutes / 60) * 100) / 100),
  };
}

/** The body for POST or PATCH: budget in whole minutes (whatever was typed goes to the API). */
export function inputOf(draft: ProjectDraft): Omit<NewProject, 'workspace_id'> {
  const hours = draft.budgetHours.trim();
  return {
    name: draft.name.trim(),
    color: draft.color,
    description: draft.description.trim() === '' ? null : draft.description.trim(),
    budget_minutes: hours === '' ? null : Math.round(Number(hours) * 60),
  };
}
