import { useState, type SubmitEvent } from 'react';
import { useNavigate } from 'react-router';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/TextField';
import { useToast } from '../../components/Toast';
import { SettingsSection } from '../settings/SettingsSection';
import { canAdmin, isOwner, ROLE_LABEL } from './roles';
import { teamMessage } from './teamErrors';
import type { Workspace } from './teamTypes';
import { useDeleteWorkspace, usePatchWorkspace } from './useWorkspaceMutations';
import { useWorkspaces } from './WorkspaceProvider';

/** Name (owners rename), who sees whose time (admins), delete (owners, team workspaces only). */
export function WorkspaceDetailsSection({ workspace }: { workspace: Workspace }) {
  const patch = usePatchWorkspace(workspace.id);
  const [name, setName] = useState(workspace.name);
  const errors = fieldErrors(patch.error);
  const owner = isOwner(workspace.role);

  const rename = (event: SubmitEvent) => {
    event.preventDefault();
    patch.mutate({ name: name.trim() });
  };

  return (
    <SettingsSection
      title="Workspace"
      description={`You are ${workspace.role === 'admin' || workspace.role === 'owner' ? 'an' : 'a'} ${ROLE_LABEL[workspace.role].toLowerCase()} of this workspace.`}
    >
      {patch.isError && (
        <p role="alert" className="form-error">
          {teamMessage(patch.error)}
        </p>
      )}
      {owner && !workspace.personal ? (
        <form className="inline-form" aria-label="Rename the workspace" onSubmit={rename}>
          <TextField
            label="Name"
            required
            maxLength={100}
            value={name}
            error={errors.name}
            onChange={(event) => {
              setName(event.target.value);
            }}
          />
          <Button
            type="submit"
            pending={patch.isPending && patch.variables.name !== undefined}
            disabled={name.trim() === workspace.name || name.trim() === ''}
          >
            Rename
          </Button>
        </form>
      ) : (
        <p className="workspace-name">{workspace.name}</p>
      )}
      {!workspace.personal && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={workspace.members_see_team_time}
            disabled={!canAdmin(workspace.role) || patch.isPending}
            onChange={(event) => {
              patch.mutate({ members_see_team_time: event.target.checked });
            }}
          />
          Members and viewers see everyone’s time and figures (otherwise only their own, and the
          project totals)
        </label>
      )}
    </SettingsSection>
  );
}

/** Deleting a team workspace: its tasks, projects and time go with it. Owners only. */
export function DeleteWorkspaceSection({ workspace }: { workspace: Workspace }) {
  const remove = useDeleteWorkspace(workspace.id);
  const { workspaces, select } = useWorkspaces();
  const navigate = useNavigate();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  return (
    <SettingsSection
      title="Delete this workspace"
      tone="danger"
      description="Its tasks, projects and time entries are deleted for every member. This cannot be undone."
    >
      <div>
        <Button
          variant="danger"
          onClick={() => {
            setOpen(true);
          }}
        >
          Delete workspace
        </Button>
      </div>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Delete ${workspace.name}?`}
        message={`Everything in it is deleted for all ${workspace.member_count} members.`}
        confirmLabel="Delete workspace"
        tone="danger"
        errorMessage={teamMessage}
        onConfirm={async () => {
          await remove.mutateAsync();
          const personal = workspaces.find((candidate) => candidate.personal);
          if (personal !== undefined) select(personal.id);
          toast({ title: `${workspace.name} was deleted`, tone: 'success' });
          void navigate('/');
        }}
      />
    </SettingsSection>
  );
}
