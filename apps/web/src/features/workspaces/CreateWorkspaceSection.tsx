import { useState, type SubmitEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { useToast } from '../../components/Toast';
import { SettingsSection } from '../settings/SettingsSection';
import { teamMessage } from './teamErrors';
import { useCreateWorkspace } from './useWorkspaceMutations';
import { useWorkspaces } from './WorkspaceProvider';

/** A new team workspace, owned by its creator, becomes the current one. */
export function CreateWorkspaceSection() {
  const create = useCreateWorkspace();
  const { select } = useWorkspaces();
  const toast = useToast();
  const [name, setName] = useState('');
  const errors = fieldErrors(create.error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (workspace) => {
        setName('');
        select(workspace.id);
        toast({
          title: `${workspace.name} is ready`,
          description: 'Invite your team below.',
          tone: 'success',
        });
      },
    });
  };
  return (
    <SettingsSection
      title="Create a team workspace"
      description="A place to share tasks, projects and time with others. You will be its owner."
    >
      <form
        className="inline-form"
        aria-label="Create a team workspace"
        onSubmit={submit}
        noValidate
      >
        {create.isError && (
          <p role="alert" className="form-error">
            {teamMessage(create.error)}
          </p>
        )}
        <TextField
          label="Workspace name"
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
          variant="primary"
          pending={create.isPending}
          disabled={name.trim() === ''}
        >
          Create workspace
        </Button>
      </form>
    </SettingsSection>
  );
}
