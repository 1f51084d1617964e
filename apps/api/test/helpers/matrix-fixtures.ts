import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { tasks, timeEntries, workspaceMembers, workspaces } from '../../src/db/schema/index.js';
import type { Role } from '../../src/modules/workspaces/workspaces.policy.js';
import { createUser, type TestUser } from './auth.js';
import { createTeam, personalWorkspaceId } from './workspaces.js';

/**
 * The permission matrix's world (issue 15): ONE team workspace W with an owner, an admin, a
 * member and a viewer; an outsider who owns workspace X. W and X each hold a task created by the
 * owner, a task created by the member (X: by its owner), a project, a time entry of the owner
 * and a pending invitation. Fixtures are made through the API by the owner (who may do
 * everything), except rows no role could make (a viewer's task, a viewer's running timer), which
 * are written to the database.
 */

export const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'viewer'];
export type Target = 'W' | 'X';

export interface Place {
  id: number;
  ownerTask: number;
  memberTask: number;
  project: number;
  ownerEntry: number;
  invitation: number;
  /** A word in every title of this workspace, to spot a leak in a list or an export. */
  marker: string;
}

export interface World {
  app: FastifyInstance;
  users: Record<Role, TestUser>;
  outsider: TestUser;
  /** Added to W (and removed again) as the target of the member routes. */
  spare: TestUser;
  W: Place;
  X: Place;
}

export interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
}

export function call(
  app: FastifyInstance,
  headers: Record<string, string>,
  req: Req,
): Promise<LightMyRequestResponse> {
  const { payload, ...rest } = req;
  return app.inject({
    ...rest,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function ok<T>(app: FastifyInstance, user: TestUser, req: Req, status: number): Promise<T> {
  const res = await call(app, user.headers, req);
  if (res.statusCode !== status) {
    throw new Error(`${req.method} ${req.url}: ${res.statusCode} ${res.body}`);
  }
  return res.json<T>();
}

/** A finished interval nobody else uses: each call takes the next 10-minute slot, weeks back. */
let slot = 0;
export function interval(): { started_at: string; ended_at: string } {
  slot += 1;
  const start = Date.now() - 60 * 86_400_000 + slot * 20 * 60_000;
  return {
    started_at: new Date(start).toISOString(),
    ended_at: new Date(start + 10 * 60_000).toISOString(),
  };
}

export const newTask = (app: FastifyInstance, by: TestUser, ws: number, title: string) =>
  ok<{ id: number }>(
    app,
    by,
    { method: 'POST', url: '/tasks', payload: { title, workspace_id: ws } },
    201,
  ).then((t) => t.id);

export const newProject = (app: FastifyInstance, by: TestUser, ws: number) =>
  ok<{ id: number }>(
    app,
    by,
    {
      method: 'POST',
      url: '/projects',
      payload: { workspace_id: ws, name: `p-${randomBytes(4).toString('hex')}` },
    },
    201,
  ).then((p) => p.id);

export const newEntry = (app: FastifyInstance, by: TestUser, task: number) =>
  ok<{ id: number }>(
    app,
    by,
    { method: 'POST', url: `/tasks/${task}/time-entries`, payload: interval() },
    201,
  ).then((e) => e.id);

export const newInvitation = (app: FastifyInstance, by: TestUser, ws: number) =>
  ok<{ id: number }>(
    app,
    by,
    {
      method: 'POST',
      url: `/workspaces/${ws}/invitations`,
      payload: { email: `inv-${randomBytes(5).toString('hex')}@example.com`, role: 'member' },
    },
    201,
  ).then((i) => i.id);

/** A task created by `creatorId` written to the database (a viewer cannot create one). */
export async function dbTask(app: FastifyInstance, ws: number, creatorId: number): Promise<number> {
  const [row] = await app.database.db
    .insert(tasks)
    .values({ workspaceId: ws, ownerId: creatorId, title: 'made in the database' })
    .returning({ id: tasks.id });
  if (!row) throw new Error('insert into tasks returned no row');
  return row.id;
}

/** A running timer of `userId` on the task, as if started before a demotion. */
export async function dbRunningTimer(
  app: FastifyInstance,
  ws: number,
  task: number,
  userId: number,
): Promise<void> {
  await app.database.db.insert(timeEntries).values({
    workspaceId: ws,
    taskId: task,
    userId,
    startedAt: new Date(Date.now() - 5 * 60_000),
    endedAt: null,
    source: 'timer',
  });
}

export async function setMembership(
  app: FastifyInstance,
  ws: number,
  userId: number,
  role: Role | null,
): Promise<void> {
  const db = app.database.db;
  await db
    .delete(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, ws), eq(workspaceMembers.userId, userId)));
  if (role !== null) await db.insert(workspaceMembers).values({ workspaceId: ws, userId, role });
}

export async function setSeeTeamTime(app: FastifyInstance, ws: number, on: boolean) {
  await app.database.db
    .update(workspaces)
    .set({ membersSeeTeamTime: on })
    .where(eq(workspaces.id, ws));
}

/** A team holding the four W users in their roles (W itself; a fresh one per DELETE). */
export function freshTeam(world: Pick<World, 'app' | 'users'>): Promise<number> {
  const { owner, admin, member, viewer } = world.users;
  return createTeam(world.app.database.db, {
    ownerId: owner.id,
    members: [
      { userId: admin.id, role: 'admin' },
      { userId: member.id, role: 'member' },
      { userId: viewer.id, role: 'viewer' },
    ],
  });
}

async function place(
  app: FastifyInstance,
  id: number,
  owner: TestUser,
  creator: TestUser,
): Promise<Place> {
  const marker = `mx${randomBytes(5).toString('hex')}`;
  const ownerTask = await newTask(app, owner, id, `${marker} owner's task`);
  const memberTask = await newTask(app, creator, id, `${marker} member's task`);
  return {
    id,
    ownerTask,
    memberTask,
    project: await newProject(app, owner, id),
    ownerEntry: await newEntry(app, owner, ownerTask),
    invitation: await newInvitation(app, owner, id),
    marker,
  };
}

export async function buildWorld(app: FastifyInstance): Promise<World> {
  const user = () => createUser(app);
  const [owner, admin, member, viewer] = await Promise.all([user(), user(), user(), user()]);
  const [outsider, spare] = await Promise.all([user(), user()]);
  const users: Record<Role, TestUser> = { owner, admin, member, viewer };
  const wId = await freshTeam({ app, users });
  const xId = await createTeam(app.database.db, { ownerId: outsider.id });
  return {
    app,
    users,
    outsider,
    spare,
    W: await place(app, wId, owner, member),
    X: await place(app, xId, outsider, outsider),
  };
}

/** A personal access token of `user` with every data scope, limited to `workspaceId`. */
export async function limitedToken(
  app: FastifyInstance,
  user: TestUser,
  workspaceId: number,
): Promise<Record<string, string>> {
  const scopes = ['tasks:read', 'tasks:write', 'time:read', 'time:write', 'metrics:read'];
  const { token } = await ok<{ token: string }>(
    app,
    user,
    {
      method: 'POST',
      url: '/auth/tokens',
      payload: { name: 'matrix', scopes, workspace_id: workspaceId },
    },
    201,
  );
  return { authorization: `Bearer ${token}` };
}

export { personalWorkspaceId };
