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

export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  // System, documentation, Prometheus and the web app's static files: no workspace data.
  'GET /': 'none',
  'GET /hello': 'none',
  'GET /time': 'none',
  'GET /health': 'none',
  'GET /ready': 'none',
  'GET /-/metrics': 'none',
  'GET /openapi.json': 'none',
  'GET /docs': 'none',
  'GET /docs/json': 'none',
  'GET /docs/yaml': 'none',
  'GET /docs/static/*': 'none',
  'HEAD /docs/static/*': 'none',
  'GET /docs/static/index.html': 'none',
  'GET /docs/static/swagger-initializer.js': 'none',
  'GET /app': 'none',
  'GET /app/*': 'none',
  'HEAD /app/*': 'none',

  // Authentication and the account: the caller's own rows.
  'POST /auth/register': 'none',
  'POST /auth/login': 'none',
  'POST /auth/refresh': 'none',
  'POST /auth/logout': 'none',
  'POST /auth/logout-all': 'none',
  'POST /auth/change-password': 'none',
  'POST /auth/session': 'none',
  'POST /auth/session/refresh': 'none',
  'POST /auth/session/logout': 'none',
  'GET /auth/me': 'none',
  'PATCH /auth/me': 'none',
  // Deletes the team workspaces the caller is alone in, refuses while they are a sole owner.
  'DELETE /auth/me': 'none',
  // A token limited to a workspace needs a membership there (404 otherwise), whatever the role.
  'POST /auth/tokens': 'none',
  'GET /auth/tokens': 'none',
  'GET /auth/tokens/current': 'none',
  // Revokes only the token making the call: there is nothing of a workspace's to decide.
  'DELETE /auth/tokens/current': 'none',
  'DELETE /auth/tokens/:id': 'none',

  // Editor heartbeats (WakaTime-compatible): the caller's own rows, always in their personal
  // workspace; the running timer a token limited to a workspace sees only there.
  'POST /compat/wakatime/v1/users/current/heartbeats': 'none',
  'POST /compat/wakatime/v1/users/current/heartbeats.bulk': 'none',
  'GET /compat/wakatime/v1/users/current/statusbar/today': 'none',

  // Workspaces, members, invitations.
  'GET /workspaces': 'none', // the caller's memberships
  'POST /workspaces': 'none', // anyone may start a team
  'GET /workspaces/:id': 'workspace.read',
  'PATCH /workspaces/:id': 'workspace.owner',
  'DELETE /workspaces/:id': 'workspace.owner',
  'GET /workspaces/:id/members': 'workspace.read',
  // Below owner; making or changing an owner needs workspace.owner (a matrix variant).
  'PATCH /workspaces/:id/members/:user_id': 'workspace.admin',
  // Removing someone below owner; an owner needs workspace.owner; leaving is open to every role.
  'DELETE /workspaces/:id/members/:user_id': 'workspace.admin',
  'POST /workspaces/:id/invitations': 'workspace.admin',
  'GET /workspaces/:id/invitations': 'workspace.admin',
  'DELETE /invitations/:id': 'workspace.admin',
  'POST /invitations/accept': 'none', // the token decides, not a role

  // Projects.
  'GET /projects': 'workspace.read',
  'POST /projects': 'workspace.admin',
  'GET /projects/:id': 'workspace.read',
  'PATCH /projects/:id': 'workspace.admin',
  'DELETE /projects/:id': 'workspace.admin',

  // Tasks.
  'POST /tasks': 'tasks.write',
  'GET /tasks': 'workspace.read',
  'GET /tasks/:id': 'workspace.read',
  'PATCH /tasks/:id': 'tasks.write',
  'DELETE /tasks/:id': 'tasks.delete', // members: the tasks they created
  'POST /tasks/bulk': 'tasks.write',
  'PATCH /tasks/bulk': 'tasks.write',
  'GET /tasks/export': 'workspace.read', // every task of the caller's workspaces

  // Time. Reading another member's entries needs time.others.read (the setting lets members and
  // viewers); one's own entries need only the membership (reading) or tasks.write (writing).
  'POST /tasks/:id/start-timer': 'tasks.write',
  // Any member stops their own timer (one started before a demotion to viewer too).
  'POST /tasks/:id/stop-timer': 'workspace.read',
  'GET /timer': 'none', // the caller's own running timer
  'GET /tasks/:id/time-entries': 'workspace.read', // the others' entries only with time.others.read
  'POST /tasks/:id/time-entries': 'tasks.write',
  'GET /time-entries': 'workspace.read', // user_id of another member: time.others.read
  'GET /time-entries/:id': 'time.others.read', // one's own entry: the membership
  'PATCH /time-entries/:id': 'time.others.write', // one's own entry: tasks.write
  'DELETE /time-entries/:id': 'time.others.write', // one's own entry: tasks.write
  'GET /time-entries/export': 'none', // the caller's own entries

  // Metrics: a workspace or project scope needs the membership; user_id of another member
  // needs time.others.read; /metrics/team names members only to those who may read their time.
  'GET /metrics/summary': 'workspace.read',
  'GET /metrics/categories': 'workspace.read',
  'GET /metrics/weekly': 'workspace.read',
  'GET /metrics/time-efficiency': 'workspace.read',
  'GET /metrics/productivity-trends': 'workspace.read',
  'GET /metrics/priorities': 'workspace.read',
  'GET /metrics/insights': 'workspace.read',
  'GET /metrics/team': 'workspace.read',
};
