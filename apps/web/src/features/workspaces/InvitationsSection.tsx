import { useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { useApi } from '../../api/ApiProvider';
import { fieldErrors } from '../../api/problem';
import { useProfile } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { Select } from '../../components/Select';
import { Spinner } from '../../components/Spinner';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../lib/format';
import { SettingsSection } from '../settings/SettingsSection';
import { INVITABLE_ROLES, ROLE_HINT, ROLE_LABEL } from './roles';
import { listInvitations, teamKeys } from './teamApi';
import { teamMessage } from './teamErrors';
import type { CreatedInvitation, InvitableRole, Workspace } from './teamTypes';
import { useCreateInvitation, useRevokeInvitation } from './useWorkspaceMutations';

/** The link to send: the app's invite page with the token in the fragment (never sent to servers). */
export function inviteLink(token: string, origin = window.location.origin): string {
  return `${origin}/app/invite#${token}`;
}

const isInvitable = (value: string): value is InvitableRole =>
  INVITABLE_ROLES.some((role) => role.value === value);

function CreatedLink({ invitation }: { invitation: CreatedInvitation }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const link = inviteLink(invitation.token);
  return (
    <div className="invite-link">
      <TextField
        label={`Invitation link for ${invitation.email}`}
        hint="Shown this once. Send it to them; it works for that email address only."
        readOnly
        value={link}
        onFocus={(event) => {
          event.target.select();
        }}
      />
      <div className="invite-link__actions">
        <Button
          onClick={() => {
            navigator.clipboard.writeText(link).then(
              () => {
                setCopied('copied');
              },
              () => {
                setCopied('failed');
              },
            );
          }}
        >
          Copy link
        </Button>
        <p role="status" className="invite-link__status">
          {copied === 'copied' && 'Copied to the clipboard.'}
          {copied === 'failed' && 'Copying failed. Select the link and copy it yourself.'}
        </p>
      </div>
    </div>
  );
}

/** Invite by email (the link is shown once to copy), the pending invitations, revoke. Admins only. */
export function InvitationsSection({ workspace }: { workspace: Workspace }) {
  const { client } = useApi();
  const profile = useProfile();
  const pending = useQuery({
    queryKey: teamKeys.invitations(workspace.id),
    queryFn: ({ signal }) => listInvitations(client, workspace.id, signal),
  });
  const create = useCreateInvitation(workspace.id);
  const revoke = useRevokeInvitation(workspace.id);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('member');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const errors = fieldErrors(create.error);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (invitation) => {
          setCreated(invitation);
          setEmail('');
        },
      },
    );
  };

  return (
    <SettingsSection
      title="Invitations"
      description="Invite someone by email. They open the link, sign in or register, and join."
    >
      <form className="invite-form" aria-label="Invite someone" onSubmit={submit} noValidate>
        {create.isError && (
          <p role="alert" className="form-error">
            {teamMessage(create.error)}
          </p>
        )}
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={email}
          error={errors.email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
        />
        <Select
          label="Role"
          hint={ROLE_HINT[role]}
          options={INVITABLE_ROLES}
          value={role}
          error={errors.role}
          onChange={(event) => {
            if (isInvitable(event.target.value)) setRole(event.target.value);
          }}
        />
        <Button type="submit" variant="primary" pending={create.isPending}>
          Create invitation
        </Button>
      </form>
      {created !== null && <CreatedLink invitation={created} />}
      <h3 className="settings-section__subtitle">Pending</h3>
      {revoke.isError && (
        <p role="alert" className="form-error">
          The invitation was not revoked. {teamMessage(revoke.error)}
        </p>
      )}
      {pending.isPending ? (
        <Spinner label="Loading invitations" />
      ) : pending.isError ? (
        <p role="alert" className="form-error">
          The invitations could not be loaded. {teamMessage(pending.error)}
        </p>
      ) : pending.data.length === 0 ? (
        <p className="settings-section__empty">No invitation is waiting.</p>
      ) : (
        <ul className="invite-list">
          {pending.data.map((invitation) => (
            <li key={invitation.id} className="invite-list__item">
              <span className="invite-list__email">{invitation.email}</span>
              <span className="invite-list__meta">
                {ROLE_LABEL[invitation.role]} · expires{' '}
                {formatDateTime(invitation.expires_at, profile?.timeZone ?? 'UTC')}
              </span>
              <Button
                size="sm"
                variant="ghost"
                pending={revoke.isPending && revoke.variables === invitation.id}
                onClick={() => {
                  revoke.mutate(invitation.id);
                }}
              >
                Revoke
                <span className="visually-hidden"> the invitation for {invitation.email}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </SettingsSection>
  );
}
