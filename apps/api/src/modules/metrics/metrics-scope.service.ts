import { and, eq } from 'drizzle-orm';
import { projects, workspaceMembers } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { notFound } from '../../shared/errors.js';
import {
  requireMembership,
  visibleMemberships,
  type Caller,
  type Membership,
} from '../workspaces/access.service.js';
import { findMemberships } from '../workspaces/access.repository.js';
import { can, forbidden } from '../workspaces/workspaces.policy.js';
import type { Scope } from './metrics.scope.js';

/** The optional scope parameters every /metrics endpoint takes. */
export interface ScopeQuery {
  workspace_id?: number | undefined;
  project_id?: number | undefined;
  user_id?: number | undefined;
}

const projectNotFound = () => notFound('The project does not exist.');
const userNotFound = () => notFound('The user does not exist.');

/** May this member see the other members' time in their workspace? */
export function seesOthers(m: Membership): boolean {
  return can(m.role, 'time.others.read', { membersSeeTeamTime: m.membersSeeTeamTime });
}

/** The project's workspace, when the project exists (membership is checked by the caller). */
async function projectWorkspace(db: DbOrTx, projectId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ workspaceId: projects.workspaceId })
    .from(projects)
    .where(eq(projects.id, projectId));
  return row?.workspaceId;
}

/** Is the user a member of the workspace? */
async function isMember(db: DbOrTx, workspaceId: number, userId: number): Promise<boolean> {
  const [row] = await db
    .select({ userId: workspaceMembers.userId })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)));
  return row !== undefined;
}

/**
 * Turns the scope parameters into a Scope, or the error the caller must get:
 * - workspace_id / project_id of a workspace the caller is not in (or that the token is not
 *   limited to): 404, exactly as if it did not exist; a project_id outside the given
 *   workspace_id: 404 too;
 * - user_id of another user without `time.others.read` there: 403 `forbidden` (naming the role);
 *   a user_id that is not a member of the workspace asked about, or, without a workspace, of any
 *   workspace the caller can see: 404.
 * Without permission to see others' time, a workspace or project scope counts only the caller's
 * own entries; its task figures stay workspace-wide (every member may read the tasks).
 */
export async function resolveScope(db: DbOrTx, caller: Caller, q: ScopeQuery): Promise<Scope> {
  const me = caller.userId;
  const other = q.user_id !== undefined && q.user_id !== me ? q.user_id : null;
  let workspaceId = q.workspace_id;
  if (q.project_id !== undefined) {
    const projectWs = await projectWorkspace(db, q.project_id);
    if (projectWs === undefined || (workspaceId !== undefined && workspaceId !== projectWs)) {
      throw projectNotFound();
    }
    workspaceId = projectWs;
  }

  if (workspaceId !== undefined) {
    const membership = await requireMembership(
      db,
      caller,
      workspaceId,
      q.project_id === undefined ? undefined : projectNotFound,
    );
    const others = seesOthers(membership);
    if (other !== null) {
      if (!others) throw forbidden('time.others.read', membership.role);
      if (!(await isMember(db, workspaceId, other))) throw userNotFound();
    }
    const user = q.user_id ?? null;
    return {
      workspaceIds: [workspaceId],
      taskUserId: user,
      entryUserId: user ?? (others ? null : me),
      projectId: q.project_id ?? null,
    };
  }

  const visible = await visibleMemberships(db, caller);
  if (other === null) {
    return {
      workspaceIds: visible.map((m) => m.workspaceId),
      taskUserId: me,
      entryUserId: me,
      projectId: null,
    };
  }
  // Another user, in every workspace we share where I may see the others' time.
  const theirs = new Set((await findMemberships(db, other)).map((m) => m.workspaceId));
  const shared = visible.filter((m) => theirs.has(m.workspaceId));
  const allowed = shared.filter(seesOthers);
  const [weaker] = shared;
  if (allowed.length === 0) {
    throw weaker ? forbidden('time.others.read', weaker.role) : userNotFound();
  }
  return {
    workspaceIds: allowed.map((m) => m.workspaceId),
    taskUserId: other,
    entryUserId: other,
    projectId: null,
  };
}
