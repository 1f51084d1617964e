import { useState } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Select } from '../../components/Select';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { cx } from '../../lib/cx';
import { canAdmin } from '../workspaces/roles';
import type { ArchivedFilter } from '../workspaces/teamApi';
import { teamMessage } from '../workspaces/teamErrors';
import type { Project, Workspace } from '../workspaces/teamTypes';
import { useWorkspaces } from '../workspaces/WorkspaceProvider';
import { BudgetBar } from './BudgetBar';
import { ProjectForm } from './ProjectForm';
import { useProjects, useSaveProject } from './projectQueries';
import '../workspaces/team.css';

const SHOW_OPTIONS: readonly { value: ArchivedFilter; label: string }[] = [
  { value: 'false', label: 'Active' },
  { value: 'true', label: 'Archived' },
  { value: 'all', label: 'All' },
];

const isShow = (value: string): value is ArchivedFilter =>
  SHOW_OPTIONS.some((option) => option.value === value);

function ProjectItem({
  project,
  admin,
  onEdit,
  workspaceId,
}: {
  project: Project;
  admin: boolean;
  onEdit: (project: Project) => void;
  workspaceId: number;
}) {
  const save = useSaveProject(workspaceId);
  const toast = useToast();
  const archive = () => {
    save.mutate(
      { id: project.id, input: { archived: !project.archived } },
      {
        onError: (error) => {
          toast({
            title: project.archived ? 'Not restored' : 'Not archived',
            description: teamMessage(error),
            tone: 'error',
          });
        },
      },
    );
  };
  return (
    <li className={cx('project-item', project.archived && 'project-item--archived')}>
      <div>
        <p className="project-item__name">
          <span
            className="project-swatch"
            style={{ backgroundColor: project.color }}
            aria-hidden="true"
          />
          {project.name}
          {project.archived && <span className="team-note"> (archived)</span>}
        </p>
        {project.description !== null && (
          <p className="project-item__description">{project.description}</p>
        )}
      </div>
      <BudgetBar
        trackedMinutes={project.tracked_minutes}
        budgetMinutes={project.budget_minutes}
        usedPercent={project.budget_used_percent}
      />
      {admin && (
        <div className="project-item__actions">
          <Button
            size="sm"
            onClick={() => {
              onEdit(project);
            }}
          >
            Edit<span className="visually-hidden"> {project.name}</span>
          </Button>
          <Button size="sm" variant="ghost" pending={save.isPending} onClick={archive}>
            {project.archived ? 'Restore' : 'Archive'}
            <span className="visually-hidden"> {project.name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

function ProjectsView({ workspace }: { workspace: Workspace }) {
  const [show, setShow] = useState<ArchivedFilter>('false');
  const projects = useProjects(workspace.id, show);
  const admin = canAdmin(workspace.role);
  const [editing, setEditing] = useState<Project | null>(null);
  const [creating, setCreating] = useState(false);
  const toast = useToast();
  return (
    <>
      <PageHeader
        title="Projects"
        description={`Projects of ${workspace.name}, with the time tracked against each budget.`}
        actions={
          admin && (
            <Button
              variant="primary"
              onClick={() => {
                setCreating(true);
              }}
            >
              New project
            </Button>
          )
        }
      />
      <div className="toolbar-row">
        <Select
          label="Show"
          options={SHOW_OPTIONS}
          value={show}
          onChange={(event) => {
            if (isShow(event.target.value)) setShow(event.target.value);
          }}
        />
      </div>
      {projects.isPending ? (
        <Spinner label="Loading projects" block />
      ) : projects.isError ? (
        <div role="alert" className="form-error">
          <p>The projects could not be loaded. {teamMessage(projects.error)}</p>
          <Button onClick={() => void projects.refetch()}>Try again</Button>
        </div>
      ) : projects.data.length === 0 ? (
        <EmptyState title={show === 'true' ? 'No archived projects' : 'No projects yet'}>
          {admin
            ? 'Create one to group tasks and follow a budget.'
            : 'An admin of this workspace can create them.'}
        </EmptyState>
      ) : (
        <ul className="project-list" aria-label="Projects">
          {projects.data.map((project) => (
            <ProjectItem
              key={project.id}
              project={project}
              admin={admin}
              onEdit={setEditing}
              workspaceId={workspace.id}
            />
          ))}
        </ul>
      )}
      <Dialog
        open={creating || editing !== null}
        onOpenChange={(open) => {
          if (!open) {
            setCreating(false);
            setEditing(null);
          }
        }}
        title={editing === null ? 'New project' : `Edit ${editing.name}`}
      >
        <ProjectForm
          key={editing?.id ?? 'new'}
          workspaceId={workspace.id}
          project={editing}
          onSaved={(saved) => {
            toast({ title: `${saved.name} saved`, tone: 'success' });
            setCreating(false);
            setEditing(null);
          }}
          onCancel={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      </Dialog>
    </>
  );
}

/** The current workspace's projects (issue 15): colour, budget burn, create/edit/archive for admins. */
export default function ProjectsPage() {
  const { current, ready } = useWorkspaces();
  if (!ready) {
    return (
      <>
        <PageHeader title="Projects" />
        <Spinner label="Loading projects" block />
      </>
    );
  }
  if (current === undefined) {
    return (
      <>
        <PageHeader title="Projects" />
        <EmptyState title="Your workspaces could not be loaded.">
          Reload the page to try again.
        </EmptyState>
      </>
    );
  }
  return <ProjectsView key={current.id} workspace={current} />;
}
