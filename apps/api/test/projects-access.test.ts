import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalAccessTokens, workspaceMembers } from '../src/db/schema/index.js';
import type { Role } from '../src/modules/workspaces/workspaces.policy.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { expectProblem } from './helpers/tasks.js';
import { createTeam, personalWorkspaceId } from './helpers/workspaces.js';

/**
 * Who may do what with projects (issue 15): every member reads, admins and owners manage, a
 * member with a weaker role gets 403 `forbidden` naming the admin role, and anyone outside the
 * workspace (or holding a token limited to another workspace) gets the 404 of a missing project.
 */

interface WireProject {
  id: number;
  workspace_id: number;
  name: string;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Headers = { authorization: string };
const send = (
  headers: Headers,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

async function create(headers: Headers, body: Record<string, unknown>): Promise<WireProject> {
  const res = await send(headers, 'POST', '/projects', body);
  if (res.statusCode !== 201) throw new Error(`create failed: ${res.statusCode} ${res.body}`);
  return res.json<WireProject>();
}

function expectForbidden(res: LightMyRequestResponse, role: Role): void {
  expectProblem(res, 403, 'forbidden');
  expect(res.json()).toMatchObject({ required_role: 'admin', role });
}

interface Team {
  id: number;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
  stranger: TestUser;
}

async function team(): Promise<Team> {
  const [owner, admin, member, viewer, stranger] = await Promise.all(
    Array.from({ length: 5 }, () => createUser(t.app)),
  );
  if (!owner || !admin || !member || !viewer || !stranger) throw new Error('no users');
  const id = await createTeam(t.database.db, {
    ownerId: owner.id,
    members: [
      { userId: admin.id, role: 'admin' },
      { userId: member.id, role: 'member' },
      { userId: viewer.id, role: 'viewer' },
    ],
  });
  return { id, owner, admin, member, viewer, stranger };
}

describe('roles in a team workspace', () => {
  it('every member reads the workspace projects', async () => {
    const w = await team();
    const project = await create(w.owner.headers, { workspace_id: w.id, name: 'Shared' });
    for (const user of [w.owner, w.admin, w.member, w.viewer]) {
      const one = await send(user.headers, 'GET', `/projects/${project.id}`);
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json()).toMatchObject({ id: project.id, workspace_id: w.id, name: 'Shared' });
      const inTeam = await send(user.headers, 'GET', `/projects?workspace_id=${w.id}`);
      expect(inTeam.json<WireProject[]>().map((p) => p.id)).toEqual([project.id]);
      const everywhere = await send(user.headers, 'GET', '/projects');
      expect(everywhere.json<WireProject[]>().map((p) => p.id)).toContain(project.id);
    }
  });

  it('admins and owners create, change and delete projects', async () => {
    const w = await team();
    for (const user of [w.admin, w.owner]) {
      const created = await send(user.headers, 'POST', '/projects', {
        workspace_id: w.id,
        name: `by ${user.id}`,
      });
      expect(created.statusCode, created.body).toBe(201);
      const project = created.json<WireProject>();
      expect(project.workspace_id).toBe(w.id);
      const changed = await send(user.headers, 'PATCH', `/projects/${project.id}`, {
        budget_minutes: 120,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect((await send(user.headers, 'DELETE', `/projects/${project.id}`)).statusCode).toBe(204);
    }
  });

  it('members and viewers get 403 forbidden naming the admin role, and nothing changes', async () => {
    const w = await team();
    const project = await create(w.admin.headers, { workspace_id: w.id, name: 'Guarded' });
    const before = (await send(w.owner.headers, 'GET', `/projects/${project.id}`)).json();
    for (const [user, role] of [
      [w.member, 'member'],
      [w.viewer, 'viewer'],
    ] as const) {
      expectForbidden(
        await send(user.headers, 'POST', '/projects', { workspace_id: w.id, name: 'Nope' }),
        role,
      );
      expectForbidden(
        await send(user.headers, 'PATCH', `/projects/${project.id}`, { name: 'Taken over' }),
        role,
      );
      // An empty PATCH still needs the role: it is a write.
      expectForbidden(await send(user.headers, 'PATCH', `/projects/${project.id}`, {}), role);
      expectForbidden(await send(user.headers, 'DELETE', `/projects/${project.id}`), role);
    }
    expect((await send(w.owner.headers, 'GET', `/projects/${project.id}`)).json()).toEqual(before);
    const names = (await send(w.owner.headers, 'GET', `/projects?workspace_id=${w.id}`))
      .json<WireProject[]>()
      .map((p) => p.name);
    expect(names).toEqual(['Guarded']);
  });

  it('a stranger gets the 404 of a missing project, on every route', async () => {
    const w = await team();
    const project = await create(w.owner.headers, { workspace_id: w.id, name: 'Private' });
    const missing = await send(w.stranger.headers, 'GET', '/projects/2000000000');
    expectProblem(missing, 404, 'not_found');

    const h = w.stranger.headers;
    for (const res of [
      await send(h, 'GET', `/projects/${project.id}`),
      await send(h, 'PATCH', `/projects/${project.id}`, { name: 'Mine now' }),
      await send(h, 'DELETE', `/projects/${project.id}`),
    ]) {
      expectProblem(res, 404, 'not_found');
      // Exactly what a missing project answers: nothing tells the stranger it exists.
      expect(res.json<{ detail: string }>().detail).toBe(missing.json<{ detail: string }>().detail);
    }
    expectProblem(await send(h, 'GET', `/projects?workspace_id=${w.id}`), 404, 'not_found');
    expectProblem(
      await send(h, 'POST', '/projects', { workspace_id: w.id, name: 'Planted' }),
      404,
      'not_found',
    );
    // A workspace id that does not exist answers the same.
    expectProblem(
      await send(h, 'POST', '/projects', { workspace_id: 2_000_000_000, name: 'x' }),
      404,
      'not_found',
    );
    const own = await send(h, 'GET', '/projects?archived=all');
    expect(own.json()).toEqual([]);
    expect((await send(w.owner.headers, 'GET', `/projects/${project.id}`)).json()).toMatchObject({
      name: 'Private',
    });
  });

  it('a member removed from the workspace loses access (404)', async () => {
    const w = await team();
    const project = await create(w.owner.headers, { workspace_id: w.id, name: 'Before' });
    expect((await send(w.member.headers, 'GET', `/projects/${project.id}`)).statusCode).toBe(200);
    await t.database.db
      .delete(workspaceMembers)
      .where(and(eq(workspaceMembers.workspaceId, w.id), eq(workspaceMembers.userId, w.member.id)));
    expectProblem(await send(w.member.headers, 'GET', `/projects/${project.id}`), 404);
  });
});

describe('personal access tokens', () => {
  /** A `dtk_` token with `scopes`, limited to `workspaceId` (null: every workspace). */
  async function token(
    user: TestUser,
    scopes: string[],
    workspaceId: number | null,
  ): Promise<Headers> {
    const res = await send(user.headers, 'POST', '/auth/tokens', { name: 'script', scopes });
    if (res.statusCode !== 201) throw new Error(`token failed: ${res.statusCode} ${res.body}`);
    const { id, token: secret } = res.json<{ id: number; token: string }>();
    // Set before the token's first use, so no credentials cache holds the unlimited version.
    await t.database.db
      .update(personalAccessTokens)
      .set({ workspaceId })
      .where(eq(personalAccessTokens.id, id));
    return { authorization: `Bearer ${secret}` };
  }

  it('a token limited to another workspace sees none of this one (404)', async () => {
    const w = await team();
    const personal = await personalWorkspaceId(t.database.db, w.owner.id);
    const inTeam = await create(w.owner.headers, { workspace_id: w.id, name: 'Team project' });
    const mine = await create(w.owner.headers, { name: 'Personal project' });
    expect(mine.workspace_id).toBe(personal);

    const limited = await token(w.owner, ['tasks:read', 'tasks:write'], personal);
    expectProblem(await send(limited, 'GET', `/projects/${inTeam.id}`), 404, 'not_found');
    expectProblem(
      await send(limited, 'PATCH', `/projects/${inTeam.id}`, { name: 'x' }),
      404,
      'not_found',
    );
    expectProblem(await send(limited, 'DELETE', `/projects/${inTeam.id}`), 404, 'not_found');
    expectProblem(await send(limited, 'GET', `/projects?workspace_id=${w.id}`), 404, 'not_found');
    expectProblem(
      await send(limited, 'POST', '/projects', { workspace_id: w.id, name: 'y' }),
      404,
      'not_found',
    );
    const all = await send(limited, 'GET', '/projects');
    expect(all.json<WireProject[]>().map((p) => p.id)).toEqual([mine.id]);
    expect((await send(limited, 'GET', `/projects/${mine.id}`)).statusCode).toBe(200);
  });

  it("without workspace_id, POST goes to the token's workspace, else the personal one", async () => {
    const w = await team();
    const toTeam = await token(w.admin, ['tasks:write'], w.id);
    const made = await create(toTeam, { name: 'Via token' });
    expect(made.workspace_id).toBe(w.id);

    const unlimited = await token(w.admin, ['tasks:write'], null);
    const personal = await create(unlimited, { name: 'Via token' });
    expect(personal.workspace_id).toBe(await personalWorkspaceId(t.database.db, w.admin.id));
  });

  it('reads need tasks:read and writes tasks:write (403 insufficient_scope)', async () => {
    const w = await team();
    const project = await create(w.owner.headers, { workspace_id: w.id, name: 'Scoped' });
    const readOnly = await token(w.owner, ['tasks:read'], null);
    expect((await send(readOnly, 'GET', `/projects/${project.id}`)).statusCode).toBe(200);
    expect((await send(readOnly, 'GET', '/projects')).statusCode).toBe(200);
    for (const res of [
      await send(readOnly, 'POST', '/projects', { workspace_id: w.id, name: 'n' }),
      await send(readOnly, 'PATCH', `/projects/${project.id}`, { name: 'n' }),
      await send(readOnly, 'DELETE', `/projects/${project.id}`),
    ]) {
      expectProblem(res, 403, 'insufficient_scope');
      expect(res.json()).toMatchObject({ required_scope: 'tasks:write' });
    }
    const writeOnly = await token(w.owner, ['tasks:write'], null);
    const read = await send(writeOnly, 'GET', `/projects/${project.id}`);
    expectProblem(read, 403, 'insufficient_scope');
    expect(read.json()).toMatchObject({ required_scope: 'tasks:read' });
  });

  it('without credentials every route is a 401', async () => {
    for (const [method, url] of [
      ['GET', '/projects'],
      ['POST', '/projects'],
      ['GET', '/projects/1'],
      ['PATCH', '/projects/1'],
      ['DELETE', '/projects/1'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        ...(method === 'POST' ? { payload: {} } : {}),
      });
      expectProblem(res, 401, 'unauthorized');
    }
  });
});
