import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Action, Role } from '../../src/modules/workspaces/workspaces.policy.js';
import {
  dbTask,
  freshTeam,
  newInvitation,
  newProject,
  newTask,
  setMembership,
  type Req,
  type Place,
  type Target,
  type World,
} from './matrix-fixtures.js';

/**
 * One request per route of the permission matrix, for any role and either workspace. The test
 * sends each to W (the caller's workspace) and X (a workspace the caller is not in): X is a 404
 * for every role; in W, `can(role, action)` decides between `ok` and 403 `forbidden`.
 */
export interface Case {
  /** The ROUTE_RULES key, `METHOD /path` as Fastify registers it. */
  route: string;
  /** A variant of the route (another fixture, another rule); empty for the main case. */
  label?: string;
  /** The rule this variant needs, when it is not ROUTE_RULES[route]. */
  action?: Action;
  /** The fixture in W was created by the caller (tasks.delete: `own`). */
  own?: boolean;
  /** The outcome depends on W's members_see_team_time: sent with it off and on. */
  setting?: boolean;
  /** A personal access token may never call it (`account` routes): 403 insufficient_scope. */
  account?: boolean;
  /** The status when the role may do it. */
  ok: number;
  build(w: World, t: Target, role: Role): Req | Promise<Req>;
  /** Undo what an allowed request left behind (a spare member, a running timer). */
  after?(w: World, t: Target, role: Role): Promise<void>;
  /** For bulk routes: the item's status and body stand for the request's. */
  outcome?(res: LightMyRequestResponse): { status: number; body: unknown };
  /** What an allowed answer must hold besides its status; `sees` = may see others' time. */
  check?(res: LightMyRequestResponse, w: World, role: Role, sees: boolean): void;
}

/** A route without a workspace in its request: what it answers must hold W's data, not X's. */
export interface ScopeCase {
  route: string;
  label?: string;
  ok: number;
  account?: boolean;
  build(w: World): Req;
  /**
   * `shown` must appear and `hidden` must not: W and X for a session; X and W for a token
   * limited to X (its user then a member of both).
   */
  check(res: LightMyRequestResponse, shown: Place, hidden: Place): void;
}

const unique = () => randomBytes(4).toString('hex');
/** Builders for a route that only needs W's or X's id in the path or query. */
const path = (f: (id: number) => string) => (w: World, t: Target) => ({ url: f(w[t].id) });

const bulkItem = (res: LightMyRequestResponse) => {
  const [item] = res.json<{ status: number; task?: unknown; problem?: unknown }[]>();
  if (!item) throw new Error(`empty bulk answer: ${res.body}`);
  return { status: item.status, body: item.problem ?? item.task };
};

/** The spare user, put in W with `role` for one case and taken out after it. */
async function spareIn(w: World, t: Target, role: Role): Promise<number> {
  if (t === 'X') return w.outsider.id;
  await setMembership(w.app, w.W.id, w.spare.id, role);
  return w.spare.id;
}
const dropSpare = async (w: World) => setMembership(w.app, w.W.id, w.spare.id, null);

export const WORKSPACE_CASES: Case[] = [
  {
    route: 'GET /workspaces/:id',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/workspaces/${w[t].id}` }),
  },
  {
    route: 'PATCH /workspaces/:id',
    ok: 200,
    account: true,
    build: (w, t) => ({ method: 'PATCH', url: `/workspaces/${w[t].id}`, payload: { name: 'W' } }),
  },
  {
    route: 'DELETE /workspaces/:id',
    ok: 204,
    account: true,
    // A fresh team with the same four members, so W survives the owner's 204.
    build: async (w, t) => ({
      method: 'DELETE',
      url: `/workspaces/${t === 'X' ? w.X.id : await freshTeam(w)}`,
    }),
  },
  {
    route: 'GET /workspaces/:id/members',
    ok: 200,
    build: (w, t) => ({ method: 'GET', ...path((id) => `/workspaces/${id}/members`)(w, t) }),
  },
  {
    route: 'PATCH /workspaces/:id/members/:user_id',
    label: 'a member made viewer',
    ok: 200,
    account: true,
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/workspaces/${w[t].id}/members/${await spareIn(w, t, 'member')}`,
      payload: { role: 'viewer' },
    }),
    after: dropSpare,
  },
  {
    route: 'PATCH /workspaces/:id/members/:user_id',
    label: 'a member made owner',
    action: 'workspace.owner',
    ok: 200,
    account: true,
    build: async (w, t) => ({
      method: 'PATCH',
      url: `/workspaces/${w[t].id}/members/${await spareIn(w, t, 'member')}`,
      payload: { role: 'owner' },
    }),
    after: dropSpare,
  },
  {
    route: 'DELETE /workspaces/:id/members/:user_id',
    label: 'a member removed',
    ok: 204,
    account: true,
    build: async (w, t) => ({
      method: 'DELETE',
      url: `/workspaces/${w[t].id}/members/${await spareIn(w, t, 'member')}`,
    }),
    after: dropSpare,
  },
  {
    route: 'DELETE /workspaces/:id/members/:user_id',
    label: 'a second owner removed',
    action: 'workspace.owner',
    ok: 204,
    account: true,
    build: async (w, t) => ({
      method: 'DELETE',
      url: `/workspaces/${w[t].id}/members/${await spareIn(w, t, 'owner')}`,
    }),
    after: dropSpare,
  },
  {
    route: 'POST /workspaces/:id/invitations',
    ok: 201,
    account: true,
    build: (w, t) => ({
      method: 'POST',
      url: `/workspaces/${w[t].id}/invitations`,
      payload: { email: `m-${unique()}@example.com`, role: 'member' },
    }),
  },
  {
    route: 'GET /workspaces/:id/invitations',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/workspaces/${w[t].id}/invitations` }),
  },
  {
    route: 'DELETE /invitations/:id',
    ok: 204,
    account: true,
    build: async (w, t) => ({
      method: 'DELETE',
      url: `/invitations/${t === 'X' ? w.X.invitation : await newInvitation(w.app, w.users.owner, w.W.id)}`,
    }),
  },
];

export const PROJECT_CASES: Case[] = [
  {
    route: 'GET /projects',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/projects?workspace_id=${w[t].id}` }),
  },
  {
    route: 'POST /projects',
    ok: 201,
    build: (w, t) => ({
      method: 'POST',
      url: '/projects',
      payload: { workspace_id: w[t].id, name: `p-${unique()}` },
    }),
  },
  {
    route: 'GET /projects/:id',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/projects/${w[t].project}` }),
  },
  {
    route: 'PATCH /projects/:id',
    ok: 200,
    build: (w, t) => ({
      method: 'PATCH',
      url: `/projects/${w[t].project}`,
      payload: { budget_minutes: 600 },
    }),
  },
  {
    route: 'DELETE /projects/:id',
    ok: 204,
    build: async (w, t) => ({
      method: 'DELETE',
      url: `/projects/${t === 'X' ? w.X.project : await newProject(w.app, w.users.owner, w.W.id)}`,
    }),
  },
];

export const TASK_CASES: Case[] = [
  {
    route: 'POST /tasks',
    ok: 201,
    build: (w, t) => ({
      method: 'POST',
      url: '/tasks',
      payload: { title: 'new', workspace_id: w[t].id },
    }),
  },
  {
    route: 'GET /tasks',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/tasks?workspace_id=${w[t].id}` }),
    check: (res, w) => {
      expectMarker(res, w.W.marker, true);
    },
  },
  {
    route: 'GET /tasks/:id',
    ok: 200,
    build: (w, t) => ({ method: 'GET', url: `/tasks/${w[t].ownerTask}` }),
  },
  {
    route: 'PATCH /tasks/:id',
    ok: 200,
    build: (w, t) => ({
      method: 'PATCH',
      url: `/tasks/${w[t].memberTask}`,
      payload: { priority: 'high' },
    }),
  },
  {
    route: 'DELETE /tasks/:id',
    label: "another member's task",
    ok: 204,
    // The member's task for owner/admin/viewer, the owner's for the member: never the caller's.
    build: async (w, t, role) => {
      if (t === 'X') return { method: 'DELETE', url: `/tasks/${w.X.ownerTask}` };
      const creator = role === 'member' ? w.users.owner : w.users.member;
      return { method: 'DELETE', url: `/tasks/${await newTask(w.app, creator, w.W.id, 'x')}` };
    },
  },
  {
    route: 'DELETE /tasks/:id',
    label: 'a task the caller created',
    own: true,
    ok: 204,
    build: async (w, t, role) => ({
      method: 'DELETE',
      url: `/tasks/${t === 'X' ? w.X.memberTask : await dbTask(w.app, w.W.id, w.users[role].id)}`,
    }),
  },
  {
    route: 'POST /tasks/bulk',
    ok: 201,
    outcome: bulkItem,
    build: (w, t) => ({
      method: 'POST',
      url: '/tasks/bulk',
      payload: [{ title: 'bulk', workspace_id: w[t].id }],
    }),
  },
  {
    route: 'PATCH /tasks/bulk',
    ok: 200,
    outcome: bulkItem,
    build: (w, t) => ({
      method: 'PATCH',
      url: '/tasks/bulk',
      payload: [{ id: w[t].ownerTask, priority: 'low' }],
    }),
  },
];

/** The body mentions `marker` (a word in every title of one workspace), or does not. */
export function expectMarker(res: LightMyRequestResponse, marker: string, present: boolean) {
  if (res.body.includes(marker) !== present) {
    throw new Error(`expected ${present ? '' : 'no '}${marker} in ${res.body.slice(0, 300)}`);
  }
}

const ids = (res: LightMyRequestResponse) => res.json<{ id: number }[]>().map((r) => r.id);
function expectIds(res: LightMyRequestResponse, present: number[], absent: number[]) {
  const got = ids(res);
  for (const id of present) if (!got.includes(id)) throw new Error(`${id} missing: ${res.body}`);
  for (const id of absent) if (got.includes(id)) throw new Error(`${id} leaked: ${res.body}`);
}

export const SCOPE_CASES: ScopeCase[] = [
  {
    route: 'GET /workspaces',
    ok: 200,
    build: () => ({ method: 'GET', url: '/workspaces' }),
    check: (res, shown, hidden) => {
      expectIds(res, [shown.id], [hidden.id]);
    },
  },
  {
    route: 'POST /workspaces',
    ok: 201,
    account: true,
    build: () => ({ method: 'POST', url: '/workspaces', payload: { name: `n-${unique()}` } }),
    check: () => undefined,
  },
  {
    route: 'GET /tasks',
    label: 'every visible workspace',
    ok: 200,
    build: () => ({ method: 'GET', url: '/tasks?limit=200' }),
    check: (res, shown, hidden) => {
      expectMarker(res, shown.marker, true);
      expectMarker(res, hidden.marker, false);
    },
  },
  {
    route: 'GET /tasks/export',
    ok: 200,
    build: () => ({ method: 'GET', url: '/tasks/export?format=json' }),
    check: (res, shown, hidden) => {
      expectMarker(res, shown.marker, true);
      expectMarker(res, hidden.marker, false);
    },
  },
  {
    route: 'GET /projects',
    label: 'every visible workspace',
    ok: 200,
    build: () => ({ method: 'GET', url: '/projects?limit=200' }),
    check: (res, shown, hidden) => {
      expectIds(res, [shown.project], [hidden.project]);
    },
  },
  {
    route: 'GET /time-entries',
    label: 'every visible workspace',
    ok: 200,
    build: () => ({ method: 'GET', url: '/time-entries?limit=200' }),
    check: (res, _shown, hidden) => {
      expectIds(res, [], [hidden.ownerEntry]);
    },
  },
  {
    route: 'GET /timer',
    ok: 200,
    build: () => ({ method: 'GET', url: '/timer' }),
    check: () => undefined,
  },
];
