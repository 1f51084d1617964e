import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../src/db/schema/index.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { expectProblem } from './helpers/tasks.js';
import { createTeamOfFour, personalToken, send, type Headers } from './helpers/workspace-calls.js';
import { addMember, personalWorkspaceId } from './helpers/workspaces.js';

/** Workspaces: list, create, read, change and delete, with every rule's negative case. */

const clock = manualClock(new Date('2026-04-01T10:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const call = (
  headers: Headers,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
) => send(t.app, headers, method, url, body);

async function createWorkspace(user: TestUser, body: Record<string, unknown>) {
  const res = await call(user.headers, 'POST', '/workspaces', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

describe('registration', () => {
  it('gives the new account exactly one workspace: personal, owned, named Personal', async () => {
    clock.set('2026-04-01T10:00:00.000Z');
    const user = await createUser(t.app);
    const res = await call(user.headers, 'GET', '/workspaces');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      {
        id: await personalWorkspaceId(t.database.db, user.id),
        name: 'Personal',
        personal: true,
        role: 'owner',
        members_see_team_time: false,
        member_count: 1,
        created_at: expect.any(String) as string,
        updated_at: expect.any(String) as string,
      },
    ]);
  });
});

describe('POST /workspaces', () => {
  it('creates a team workspace owned by the caller, with a Location', async () => {
    const user = await createUser(t.app);
    clock.set('2026-04-02T08:30:00.000Z');
    const res = await call(user.headers, 'POST', '/workspaces', {
      name: '  Platform team  ',
      members_see_team_time: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ id: number }>();
    expect(res.headers.location).toBe(`/workspaces/${body.id}`);
    expect(body).toEqual({
      id: expect.any(Number) as number,
      name: 'Platform team',
      personal: false,
      role: 'owner',
      members_see_team_time: true,
      member_count: 1,
      created_at: '2026-04-02T08:30:00.000Z',
      updated_at: '2026-04-02T08:30:00.000Z',
    });
    const got = await call(user.headers, 'GET', `/workspaces/${body.id}`);
    expect(got.json()).toEqual(body);
  });

  it('defaults members_see_team_time to false', async () => {
    const user = await createUser(t.app);
    const id = await createWorkspace(user, { name: 'Defaults' });
    const got = await call(user.headers, 'GET', `/workspaces/${id}`);
    expect(got.json<{ members_see_team_time: boolean }>().members_see_team_time).toBe(false);
  });

  it.each([
    [{ name: '   ' }, 'body.name'],
    [{ name: '' }, 'body.name'],
    [{ name: 'x'.repeat(101) }, 'body.name'],
    [{ name: 'a\u0000b' }, 'body.name'],
    [{}, 'body.name'],
    [{ name: 'ok', id: 5 }, 'body.id'],
    [{ name: 'ok', members_see_team_time: null }, 'body.members_see_team_time'],
  ])('refuses %j with a 422 at %s', async (payload, location) => {
    const user = await createUser(t.app);
    const res = await call(user.headers, 'POST', '/workspaces', payload);
    expectProblem(res, 422, 'validation_failed');
    expect(JSON.stringify(res.json())).toContain(location);
  });

  it('accepts a 100-character name', async () => {
    const user = await createUser(t.app);
    const res = await call(user.headers, 'POST', '/workspaces', { name: 'n'.repeat(100) });
    expect(res.statusCode).toBe(201);
  });

  it('is refused to a personal access token (account only)', async () => {
    const user = await createUser(t.app);
    const pat = await personalToken(t.app, user, ['tasks:read', 'tasks:write']);
    const res = await call(pat, 'POST', '/workspaces', { name: 'Via token' });
    expectProblem(res, 403, 'insufficient_scope');
    expect(res.json<{ required_scope: string }>().required_scope).toBe('account');
  });

  it('needs a signed-in caller', async () => {
    expectProblem(await call({}, 'POST', '/workspaces', { name: 'x' }), 401, 'unauthorized');
  });
});

describe('GET /workspaces', () => {
  it('lists every membership with the caller’s role: personal first, then by name', async () => {
    const team = await createTeamOfFour(t.app, 'b-team');
    const other = await createTeamOfFour(t.app, 'A-team');
    const stranger = await createTeamOfFour(t.app, 'c-team');
    // The member of `team` joins `other` as a viewer.
    await addMember(t.database.db, other.id, team.member.id, 'viewer');

    const res = await call(team.member.headers, 'GET', '/workspaces');
    expect(res.statusCode).toBe(200);
    const list =
      res.json<{ id: number; role: string; personal: boolean; member_count: number }[]>();
    expect(list.map((w) => [w.id, w.role, w.personal, w.member_count])).toEqual([
      [await personalWorkspaceId(t.database.db, team.member.id), 'owner', true, 1],
      [other.id, 'viewer', false, 5],
      [team.id, 'member', false, 4],
    ]);
    expect(list.map((w) => w.id)).not.toContain(stranger.id);
  });

  it('with a token limited to one workspace, lists only that one', async () => {
    const team = await createTeamOfFour(t.app);
    const pat = await personalToken(t.app, team.admin, ['tasks:read'], team.id);
    const res = await call(pat, 'GET', '/workspaces');
    expect(res.statusCode).toBe(200);
    expect(res.json<{ id: number }[]>().map((w) => w.id)).toEqual([team.id]);
  });

  it('with an unlimited tasks:read token, lists them all; without tasks:read, 403', async () => {
    const team = await createTeamOfFour(t.app);
    const all = await personalToken(t.app, team.viewer, ['tasks:read']);
    const listed = await call(all, 'GET', '/workspaces');
    expect(listed.json<{ id: number }[]>().map((w) => w.id)).toEqual([
      await personalWorkspaceId(t.database.db, team.viewer.id),
      team.id,
    ]);
    const timeOnly = await personalToken(t.app, team.viewer, ['time:read']);
    const res = await call(timeOnly, 'GET', '/workspaces');
    expectProblem(res, 403, 'insufficient_scope');
    expect(res.json<{ required_scope: string }>().required_scope).toBe('tasks:read');
  });
});

describe('GET /workspaces/{id}', () => {
  it('answers every member with their own role', async () => {
    const team = await createTeamOfFour(t.app);
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      const res = await call(team[role].headers, 'GET', `/workspaces/${team.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ role: string; member_count: number }>()).toMatchObject({
        role,
        member_count: 4,
      });
    }
  });

  it('is a 404 for a stranger, exactly as for a workspace that does not exist', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    const theirs = await call(stranger.headers, 'GET', `/workspaces/${team.id}`);
    const missing = await call(stranger.headers, 'GET', '/workspaces/2147483647');
    expectProblem(theirs, 404, 'not_found');
    expectProblem(missing, 404, 'not_found');
    expect(theirs.json<{ detail: string }>().detail).toBe(
      missing.json<{ detail: string }>().detail,
    );
  });

  it('is a 404 with a token limited to another workspace', async () => {
    const team = await createTeamOfFour(t.app);
    const personal = await personalWorkspaceId(t.database.db, team.owner.id);
    const pat = await personalToken(t.app, team.owner, ['tasks:read'], personal);
    expectProblem(await call(pat, 'GET', `/workspaces/${team.id}`), 404, 'not_found');
    expect((await call(pat, 'GET', `/workspaces/${personal}`)).statusCode).toBe(200);
  });

  it('refuses a malformed id with a 422', async () => {
    const user = await createUser(t.app);
    expectProblem(await call(user.headers, 'GET', '/workspaces/abc'), 422, 'validation_failed');
    expectProblem(await call(user.headers, 'GET', '/workspaces/0'), 422, 'validation_failed');
  });
});

describe('PATCH /workspaces/{id}', () => {
  it('lets the owner rename it and flip the setting; updated_at moves', async () => {
    const team = await createTeamOfFour(t.app, 'Old name');
    clock.set('2026-04-03T12:00:00.000Z');
    const res = await call(team.owner.headers, 'PATCH', `/workspaces/${team.id}`, {
      name: ' New name ',
      members_see_team_time: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: team.id,
      name: 'New name',
      members_see_team_time: true,
      role: 'owner',
      updated_at: '2026-04-03T12:00:00.000Z',
    });
    const seen = await call(team.viewer.headers, 'GET', `/workspaces/${team.id}`);
    expect(seen.json()).toMatchObject({ name: 'New name', members_see_team_time: true });
  });

  it('leaves fields left out untouched, and an empty body changes nothing', async () => {
    const team = await createTeamOfFour(t.app, 'Keep');
    await call(team.owner.headers, 'PATCH', `/workspaces/${team.id}`, {
      members_see_team_time: true,
    });
    const before = await call(team.owner.headers, 'GET', `/workspaces/${team.id}`);
    expect(before.json()).toMatchObject({ name: 'Keep', members_see_team_time: true });
    const res = await call(team.owner.headers, 'PATCH', `/workspaces/${team.id}`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(before.json());
  });

  it('renames a personal workspace', async () => {
    const user = await createUser(t.app);
    const id = await personalWorkspaceId(t.database.db, user.id);
    const res = await call(user.headers, 'PATCH', `/workspaces/${id}`, { name: 'Mine' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Mine', personal: true });
  });

  it.each(['admin', 'member', 'viewer'] as const)(
    'is a 403 naming owner for the %s',
    async (role) => {
      const team = await createTeamOfFour(t.app, 'Unchanged');
      const res = await call(team[role].headers, 'PATCH', `/workspaces/${team.id}`, {
        name: 'Taken over',
      });
      expectProblem(res, 403, 'forbidden');
      expect(res.json()).toMatchObject({ required_role: 'owner', role });
      const after = await call(team.owner.headers, 'GET', `/workspaces/${team.id}`);
      expect(after.json<{ name: string }>().name).toBe('Unchanged');
    },
  );

  it('is a 404 for a stranger', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    const res = await call(stranger.headers, 'PATCH', `/workspaces/${team.id}`, { name: 'x' });
    expectProblem(res, 404, 'not_found');
  });

  it('refuses null, a blank name and unknown fields with a 422', async () => {
    const team = await createTeamOfFour(t.app);
    for (const body of [{ name: null }, { name: ' ' }, { personal: true }, { version: 3 }]) {
      const res = await call(team.owner.headers, 'PATCH', `/workspaces/${team.id}`, body);
      expectProblem(res, 422, 'validation_failed');
    }
  });

  it('is refused to a personal access token', async () => {
    const team = await createTeamOfFour(t.app);
    const pat = await personalToken(t.app, team.owner, ['tasks:write'], team.id);
    const res = await call(pat, 'PATCH', `/workspaces/${team.id}`, { name: 'x' });
    expectProblem(res, 403, 'insufficient_scope');
  });
});

describe('DELETE /workspaces/{id}', () => {
  it('lets the owner delete a team workspace; afterwards it is a 404 for everyone', async () => {
    const team = await createTeamOfFour(t.app);
    const res = await call(team.owner.headers, 'DELETE', `/workspaces/${team.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    for (const role of ['owner', 'admin', 'member', 'viewer'] as const) {
      expectProblem(await call(team[role].headers, 'GET', `/workspaces/${team.id}`), 404);
      const list = await call(team[role].headers, 'GET', '/workspaces');
      expect(list.json<{ id: number }[]>().map((w) => w.id)).not.toContain(team.id);
    }
  });

  it('takes its tasks with it', async () => {
    const team = await createTeamOfFour(t.app);
    const made = await call(team.member.headers, 'POST', '/tasks', {
      title: 'Goes with the workspace',
      workspace_id: team.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: number }>().id;
    expect((await call(team.owner.headers, 'DELETE', `/workspaces/${team.id}`)).statusCode).toBe(
      204,
    );
    expectProblem(await call(team.member.headers, 'GET', `/tasks/${id}`), 404);
    const rows = await t.database.db.select().from(tasks).where(eq(tasks.id, id));
    expect(rows).toEqual([]);
  });

  it('refuses a personal workspace with 409 personal_workspace', async () => {
    const user = await createUser(t.app);
    const id = await personalWorkspaceId(t.database.db, user.id);
    expectProblem(
      await call(user.headers, 'DELETE', `/workspaces/${id}`),
      409,
      'personal_workspace',
    );
    expect((await call(user.headers, 'GET', `/workspaces/${id}`)).statusCode).toBe(200);
  });

  it.each(['admin', 'member', 'viewer'] as const)(
    'is a 403 naming owner for the %s',
    async (role) => {
      const team = await createTeamOfFour(t.app);
      const res = await call(team[role].headers, 'DELETE', `/workspaces/${team.id}`);
      expectProblem(res, 403, 'forbidden');
      expect(res.json()).toMatchObject({ required_role: 'owner' });
      expect((await call(team.owner.headers, 'GET', `/workspaces/${team.id}`)).statusCode).toBe(
        200,
      );
    },
  );

  it('is a 404 for a stranger and for a workspace that does not exist', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    expectProblem(await call(stranger.headers, 'DELETE', `/workspaces/${team.id}`), 404);
    expectProblem(await call(stranger.headers, 'DELETE', '/workspaces/2147483647'), 404);
    expect((await call(team.owner.headers, 'GET', `/workspaces/${team.id}`)).statusCode).toBe(200);
  });

  it('is refused to a personal access token', async () => {
    const team = await createTeamOfFour(t.app);
    const pat = await personalToken(t.app, team.owner, ['tasks:read', 'tasks:write']);
    expectProblem(await call(pat, 'DELETE', `/workspaces/${team.id}`), 403, 'insufficient_scope');
  });
});
