import type { DbOrTx } from '../../db/types.js';
import { notFound, type AppError } from '../../shared/errors.js';
import {
  findMembership,
  findMemberships,
  findPersonalWorkspaceId,
  type Caller,
  type Membership,
} from './access.repository.js';
import { authorize, type Action, type PolicyContext } from './workspaces.policy.js';

export type { Caller, Membership };

const workspaceNotFound = (): AppError => notFound('The workspace does not exist.');

/** The workspaces the caller may see: their memberships, narrowed to the token's workspace. */
export async function visibleMemberships(db: DbOrTx, caller: Caller): Promise<Membership[]> {
  if (caller.workspaceId !== null) {
    const one = await findMembership(db, caller.userId, caller.workspaceId);
    return one ? [one] : [];
  }
  return findMemberships(db, caller.userId);
}

/**
 * The caller's membership of `workspaceId`, or `notFoundError` (default: the workspace does not
 * exist) when they are not a member or their token is limited to another workspace: a stranger
 * learns nothing, exactly as for something that does not exist.
 */
export async function requireMembership(
  db: DbOrTx,
  caller: Caller,
  workspaceId: number,
  notFoundError: () => AppError = workspaceNotFound,
): Promise<Membership> {
  if (caller.workspaceId !== null && caller.workspaceId !== workspaceId) throw notFoundError();
  const membership = await findMembership(db, caller.userId, workspaceId);
  if (!membership) throw notFoundError();
  return membership;
}

/** requireMembership, then the policy: 403 `forbidden` naming the role needed. */
export async function requireRole(
  db: DbOrTx,
  caller: Caller,
  workspaceId: number,
  action: Action,
  context: PolicyContext = {},
  notFoundError?: () => AppError,
): Promise<Membership> {
  const membership = await requireMembership(db, caller, workspaceId, notFoundError);
  authorize(membership.role, action, {
    membersSeeTeamTime: membership.membersSeeTeamTime,
    ...context,
  });
  return membership;
}

/**
 * Where a new thing goes when the client names no workspace: the token's workspace when it is
 * limited to one, else the caller's personal workspace.
 */
export async function defaultWorkspaceId(db: DbOrTx, caller: Caller): Promise<number> {
  if (caller.workspaceId !== null) return caller.workspaceId;
  const id = await findPersonalWorkspaceId(db, caller.userId);
  // Every account gets one at registration (and migration 0006 gave existing accounts theirs).
  if (id === undefined) throw workspaceNotFound();
  return id;
}
