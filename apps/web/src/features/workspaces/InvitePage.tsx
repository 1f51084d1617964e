import { DevTrackrError } from '@devtrackr/client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { useMe } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { ROLE_LABEL } from './roles';
import { acceptInvitation, teamKeys } from './teamApi';
import { teamMessage } from './teamErrors';
import type { AcceptedInvitation, Workspace } from './teamTypes';
import { useWorkspaces } from './WorkspaceProvider';
import './team.css';

/** The token of an invite link: everything after `#`, which browsers never send to a server. */
export function tokenFromHash(hash: string): string {
  return decodeURIComponent(hash.replace(/^#/, '')).trim();
}

/** Codes after which trying again cannot help: the page says why and stops offering Accept. */
const FINAL = new Set([
  'invitation_used',
  'invitation_expired',
  'invitation_email_mismatch',
  'already_member',
  'not_found',
]);

const isFinal = (error: unknown): boolean =>
  error instanceof DevTrackrError && FINAL.has(error.code);

/**
 * /app/invite#<token> (issue 15): the person is signed in (RequireAuth kept the fragment through
 * sign-in), is asked to join, accepts, and lands in the workspace.
 */
export default function InvitePage() {
  const { hash } = useLocation();
  // Read once: the fragment is cleared from the address after joining.
  const [token] = useState(() => tokenFromHash(hash));
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { select } = useWorkspaces();
  const navigate = useNavigate();
  const me = useMe();
  const accept = useMutation({
    mutationFn: () => acceptInvitation(client, token),
    onSuccess: ({ workspace }: AcceptedInvitation) => {
      // The switcher knows the workspace at once; the list is read again behind it.
      queryClient.setQueryData<Workspace[]>(teamKeys.workspaces, (list) =>
        list === undefined || list.some((known) => known.id === workspace.id)
          ? list
          : [...list, workspace],
      );
      void queryClient.invalidateQueries({ queryKey: teamKeys.workspaces });
      select(workspace.id);
      // The token is spent: keep it out of the history.
      void navigate('/invite', { replace: true });
    },
  });

  if (accept.isSuccess) {
    const { workspace, role } = accept.data;
    return (
      <>
        <PageHeader title={`Welcome to ${workspace.name}`} />
        <EmptyState
          title={`You joined ${workspace.name} as ${ROLE_LABEL[role].toLowerCase()}.`}
          action={
            <Link className="btn btn--primary" to="/tasks">
              Open its tasks
            </Link>
          }
        >
          It is now your current workspace; switch back with the Workspace menu at the top.
        </EmptyState>
      </>
    );
  }

  if (token === '') {
    return (
      <>
        <PageHeader title="Invitation" />
        <EmptyState title="This link has no invitation in it.">
          Open the whole link you were sent, including the part after “#”.
        </EmptyState>
      </>
    );
  }

  const email = me.data?.email;
  return (
    <>
      <PageHeader title="Join a workspace?" />
      <div className="invite-card">
        <p>
          You were invited to a team workspace on DevTrackr.
          {email !== undefined && (
            <>
              {' '}
              You are signed in as <strong>{email}</strong>; the invitation must be for that
              address.
            </>
          )}
        </p>
        {accept.isError && (
          <p role="alert" className="form-error">
            {teamMessage(accept.error)}
          </p>
        )}
        {!(accept.isError && isFinal(accept.error)) && (
          <div className="invite-card__actions">
            <Button
              variant="primary"
              pending={accept.isPending}
              onClick={() => {
                accept.mutate();
              }}
            >
              Accept and join
            </Button>
            <Link className="btn btn--ghost" to="/">
              Not now
            </Link>
          </div>
        )}
      </div>
    </>
  );
}
