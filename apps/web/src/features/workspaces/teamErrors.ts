import { DevTrackrError } from '@devtrackr/client';
import { humanMessage } from '../../api/problem';
import { ROLE_LABEL } from './roles';
import type { WorkspaceRole } from './teamTypes';

const isRole = (value: unknown): value is WorkspaceRole =>
  value === 'owner' || value === 'admin' || value === 'member' || value === 'viewer';

/**
 * A sentence for the teams' errors (issue 15), falling back to the app's humanMessage for the
 * rest. A 403 `forbidden` names the role the action needs, from the problem's required_role.
 */
export function teamMessage(error: unknown): string {
  if (!(error instanceof DevTrackrError)) return humanMessage(error);
  // A string: the SDK's code union follows the spec, which may not list the teams' codes yet.
  const code: string = error.code;
  switch (code) {
    case 'forbidden': {
      // An extension member of the problem document, beside its standard fields.
      const extensions: Record<string, unknown> = { ...error.problem };
      const required = extensions.required_role;
      return isRole(required)
        ? `This needs the ${ROLE_LABEL[required].toLowerCase()} role in this workspace.`
        : 'Your role in this workspace does not allow this.';
    }
    case 'invitation_used':
      return 'This invitation has already been used. Ask for a new one.';
    case 'invitation_expired':
      return 'This invitation has expired. Ask the person who invited you for a new one.';
    case 'invitation_email_mismatch':
      return 'This invitation is for another email address. Sign in with the address it was sent to.';
    case 'already_member':
      return 'This person is already a member of the workspace.';
    case 'last_owner':
    case 'sole_owner':
      return 'A workspace needs an owner. Make someone else an owner first.';
    case 'personal_workspace':
      return 'Your personal workspace cannot be shared, left or deleted.';
    case 'project_name_taken':
      return 'A project with this name already exists in this workspace.';
    default:
      if (error.status === 404 && code === 'not_found') {
        return 'This does not exist, or you are not a member of its workspace.';
      }
      return humanMessage(error);
  }
}
