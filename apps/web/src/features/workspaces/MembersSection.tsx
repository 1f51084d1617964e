import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/ApiProvider';
import { useMe } from '../../auth/useMe';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { SettingsSection } from '../settings/SettingsSection';
import { assignableRoles, canAdmin, ROLE_LABEL } from './roles';
import { listMembers, teamKeys } from './teamApi';
import { teamMessage } from './teamErrors';
import type { Member, Workspace, WorkspaceRole } from './teamTypes';
import { useChangeRole, useRemoveMember } from './useWorkspaceMutations';
import { useWorkspaces } from './WorkspaceProvider';

const nameOf = (member: Member): string => member.full_name ?? member.email;

interface RoleCellProps {
  workspace: Workspace;
  member: Member;
  onChange: (role: WorkspaceRole) => void;
  pending: boolean;
}

/** The member's role: a select when the caller may change it, plain text otherwise. */
function RoleCell({ workspace, member, onChange, pending }: RoleCellProps) {
  const roles = assignableRoles(workspace.role, member.role);
  if (roles.length === 0) return <>{ROLE_LABEL[member.role]}</>;
  return (
    <select
      className="field__control member-role"
      aria-label={`Role of ${nameOf(member)}`}
      value={member.role}
      disabled={pending}
      onChange={(event) => {
        const role = roles.find((value) => value === event.target.value);
        if (role !== undefined) onChange(role);
      }}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABEL[role]}
        </option>
      ))}
    </select>
  );
}

/**
 * Who is in the workspace and with which role. Admins change roles (an owner also makes
 * owners) and remove members; anyone but the last owner may leave.
 */
export function MembersSection({ workspace }: { workspace: Workspace }) {
  const { client } = useApi();
  const me = useMe();
  const toast = useToast();
  const navigate = useNavigate();
  const { workspaces, select } = useWorkspaces();
  const members = useQuery({
    queryKey: teamKeys.members(workspace.id),
    queryFn: ({ signal }) => listMembers(client, workspace.id, signal),
  });
  const changeRole = useChangeRole(workspace.id);
  const remove = useRemoveMember(workspace.id);
  const [removing, setRemoving] = useState<Member | null>(null);
  const myId = me.data?.id;
  const leaving = removing !== null && removing.user_id === myId;

  const confirmRemove = async () => {
    if (removing === null) return;
    await remove.mutateAsync(removing.user_id);
    if (leaving) {
      // Out of this workspace: back to the personal one.
      const personal = workspaces.find((candidate) => candidate.personal);
      if (personal !== undefined) select(personal.id);
      toast({ title: `You left ${workspace.name}`, tone: 'success' });
      void navigate('/');
    } else {
      toast({ title: `${nameOf(removing)} was removed`, tone: 'success' });
    }
  };

  return (
    <SettingsSection
      title="Members"
      description={
        canAdmin(workspace.role)
          ? 'Change a role with its menu; the change is saved at once.'
          : 'Who shares this workspace, and their roles.'
      }
    >
      {changeRole.isError && (
        <p role="alert" className="form-error">
          The role was not changed. {teamMessage(changeRole.error)}
        </p>
      )}
      {members.isPending ? (
        <Spinner label="Loading members" />
      ) : members.isError ? (
        <div role="alert" className="form-error">
          <p>The members could not be loaded. {teamMessage(members.error)}</p>
          <Button onClick={() => void members.refetch()}>Try again</Button>
        </div>
      ) : (
        // Focusable: on a narrow screen the table scrolls sideways, by keyboard too.
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Member list">
          <table className="team-table">
            <caption className="visually-hidden">Members of {workspace.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => {
                const self = member.user_id === myId;
                const removable = self || (canAdmin(workspace.role) && member.role !== 'owner');
                return (
                  <tr key={member.user_id}>
                    <th scope="row">
                      {nameOf(member)}
                      {self && <span className="team-table__you"> (you)</span>}
                    </th>
                    <td>{member.email}</td>
                    <td>
                      <RoleCell
                        workspace={workspace}
                        member={member}
                        pending={changeRole.isPending}
                        onChange={(role) => {
                          changeRole.mutate({ userId: member.user_id, role });
                        }}
                      />
                    </td>
                    <td>
                      {removable && !workspace.personal && (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => {
                            setRemoving(member);
                          }}
                        >
                          {self ? 'Leave' : 'Remove'}
                          {!self && <span className="visually-hidden"> {nameOf(member)}</span>}
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => {
          if (!open) setRemoving(null);
        }}
        title={leaving ? `Leave ${workspace.name}?` : `Remove ${removing ? nameOf(removing) : ''}?`}
        message={
          leaving
            ? 'You will no longer see its tasks and time. Someone must invite you again to come back.'
            : 'They lose access at once. Their tasks and time stay in the workspace.'
        }
        confirmLabel={leaving ? 'Leave workspace' : 'Remove member'}
        tone="danger"
        onConfirm={confirmRemove}
        errorMessage={teamMessage}
      />
    </SettingsSection>
  );
}
