import { WORKSPACE_ROLES } from '../../db/schema/workspaces.js';
import { AppError } from '../../shared/errors.js';

/**
 * Who may do what in a workspace: the one table (issue 15). Every service asks `authorize` with
 * the caller's role, and the permission-matrix test walks every route × role × (own | other
 * workspace) from ROUTE_RULES below, so a route without a rule fails the test.
 *
 * Not a member at all is decided before any rule: the thing "does not exist" (404), exactly as
 * for another user's task. A member whose role is too weak gets 403 `forbidden`, naming the role
 * the action needs.
 */
export type Role = (typeof WORKSPACE_ROLES)[number];
export { WORKSPACE_ROLES };

/** Strength of a role: owner 3, admin 2, member 1, viewer 0. */
const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1, viewer: 0 };

export type Action =
  /** read the workspace, its tasks, its projects and its member list */
  | 'workspace.read'
  /** create, edit and assign tasks; track time on them (own entries) */
  | 'tasks.write'
  /** delete a task: members may delete the ones they created */
  | 'tasks.delete'
  /** edit or delete another member's time entries */
  | 'time.others.write'
  /** see another member's entries and per-member figures (members: workspace setting) */
  | 'time.others.read'
  /** manage projects, invite, remove members and change roles below owner */
  | 'workspace.admin'
  /** change owners, rename or delete the workspace */
  | 'workspace.owner';

export interface Rule {
  /** The weakest role that may always do it. */
  min: Role;
  /** A weaker role that may do it on what it created (`own`). */
  own?: Role;
  /** A weaker role that may do it when the workspace's `members_see_team_time` is on. */
  setting?: Role;
}

/** The table of issue 15, as data. */
export const POLICY: Readonly<Record<Action, Rule>> = {
  'workspace.read': { min: 'viewer' },
  'tasks.write': { min: 'member' },
  'tasks.delete': { min: 'admin', own: 'member' },
  'time.others.write': { min: 'admin' },
  'time.others.read': { min: 'admin', setting: 'viewer' },
  'workspace.admin': { min: 'admin' },
  'workspace.owner': { min: 'owner' },
};

/** What the rule may depend on besides the role. */
export interface PolicyContext {
  /** The caller created the thing (tasks.delete). */
  own?: boolean;
  /** The workspace's members_see_team_time flag (time.others.read). */
  membersSeeTeamTime?: boolean;
}

export const atLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];

export function can(role: Role, action: Action, context: PolicyContext = {}): boolean {
  const rule = POLICY[action];
  if (atLeast(role, rule.min)) return true;
  if (rule.own !== undefined && context.own === true && atLeast(role, rule.own)) return true;
  if (rule.setting !== undefined && context.membersSeeTeamTime === true) {
    return atLeast(role, rule.setting);
  }
  return false;
}

/** The 403 for a member whose role is too weak; it names the role the action needs. */
export function forbidden(action: Action, role: Role): AppError {
  const needed = POLICY[action].min;
  return new AppError('forbidden', {
    detail: `This needs the ${needed} role in the workspace; you are ${role === 'admin' || role === 'owner' ? 'an' : 'a'} ${role}.`,
    extensions: { required_role: needed, role },
  });
}

/** Throws 403 `forbidden` unless `role` may do `action`. */
export function authorize(role: Role, action: Action, context: PolicyContext = {}): void {
  if (!can(role, action, context)) throw forbidden(action, role);
}

/**
 * Every route of the API and what it needs in a workspace. `none` marks routes that are not about
 * a workspace's data (authentication, the account, system routes) or that only ever touch the
 * caller's own rows; the matrix test still sends them, but expects no 403 from a role. A route
 * missing from this table fails the matrix test.
 */
export type RouteRule = Action | 'none';

export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {};
