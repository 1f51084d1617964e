import type { InvitableRole, WorkspaceRole } from './teamTypes';

// What the current role may do, to decide which controls to show. The API decides for real
// (its policy table answers 403 `forbidden`); this only spares a viewer buttons that would fail.
// Same ranks as the API's policy: owner > admin > member > viewer.

const RANK: Record<WorkspaceRole, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

export const atLeast = (role: WorkspaceRole, min: WorkspaceRole): boolean =>
  RANK[role] >= RANK[min];

/** Create and edit tasks, track time. */
export const canWrite = (role: WorkspaceRole): boolean => atLeast(role, 'member');
/** Projects, invitations, members' roles. */
export const canAdmin = (role: WorkspaceRole): boolean => atLeast(role, 'admin');
/** Rename, delete, change owners. */
export const isOwner = (role: WorkspaceRole): boolean => role === 'owner';

export const ROLE_LABEL: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const ROLE_HINT: Record<WorkspaceRole, string> = {
  owner: 'Everything, including renaming and deleting the workspace',
  admin: 'Manages projects, invitations and members',
  member: 'Creates tasks and tracks time',
  viewer: 'Reads only',
};

export const INVITABLE_ROLES: readonly { value: InvitableRole; label: string }[] = [
  { value: 'member', label: 'Member' },
  { value: 'admin', label: 'Admin' },
  { value: 'viewer', label: 'Viewer' },
];

/**
 * The roles `actor` may give a member whose role is now `current`. Admins manage roles below
 * owner; only an owner makes or unmakes an owner. An empty list means the select is read-only.
 */
export function assignableRoles(actor: WorkspaceRole, current: WorkspaceRole): WorkspaceRole[] {
  if (actor === 'owner') return ['owner', 'admin', 'member', 'viewer'];
  if (actor === 'admin' && current !== 'owner') return ['admin', 'member', 'viewer'];
  return [];
}
