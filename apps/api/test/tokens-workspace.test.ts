import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTeam } from './helpers/workspaces.js';

// Personal access tokens limited to one workspace (issue 15): the token sees and writes that
// workspace only, and a workspace the user is not in cannot be named.

let t: TestApp;
let user: TestUser;
let stranger: TestUser;
let personal: number;
let team: number;
let strangersTeam: number;

beforeAll(async () => {
  t = await createTestApp();
  user = await createUser(t.app);
  stranger = await createUser(t.app);
  team = await createTeam(t.database.db, { ownerId: user.id });
  strangersTeam = await createTeam(t.database.db, { ownerId: stranger.id });
  const list = await t.app.inject({ method: 'GET', url: '/workspaces', headers: user.headers });
  personal = list.json<{ id: number; personal: boolean }[]>().find((w) => w.personal)!.id;
});
afterAll(async () => {
  await t.close();
});

async function token(body: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: user.headers,
    payload: { name: 'ci', scopes: ['tasks:read', 'tasks:write'], ...body },
  });
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function createTask(headers: Record<string, string>, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/tasks', headers, payload: body });
}

describe('POST /auth/tokens with workspace_id', () => {
  it('answers the limit in the token, and null without one', async () => {
    const limited = await token({ workspace_id: team });
    expect(limited.statusCode).toBe(201);
    expect(limited.json()).toMatchObject({ workspace_id: team });
    const open = await token({});
    expect(open.json()).toMatchObject({ workspace_id: null });
  });

  it('refuses a workspace the user is not in with a 404, and stores nothing', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: '/auth/tokens',
      headers: user.headers,
    });
    const res = await token({ workspace_id: strangersTeam });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
    const after = await t.app.inject({ method: 'GET', url: '/auth/tokens', headers: user.headers });
    expect(after.headers['x-total-count']).toBe(before.headers['x-total-count']);
  });
});

describe('a token limited to one workspace', () => {
  it('creates tasks there by default, and sees only that workspace', async () => {
    const inPersonal = (await createTask(user.headers, { title: 'personal one' })).json<{
      id: number;
      workspace_id: number;
    }>();
    expect(inPersonal.workspace_id).toBe(personal);
    const secret = (await token({ workspace_id: team })).json<{ token: string }>().token;
    const made = await createTask(bearer(secret), { title: 'via the limited token' });
    expect(made.statusCode).toBe(201);
    const task = made.json<{ id: number; workspace_id: number }>();
    expect(task.workspace_id).toBe(team);

    const listed = await t.app.inject({ method: 'GET', url: '/tasks', headers: bearer(secret) });
    const ids = listed.json<{ id: number; workspace_id: number }[]>();
    expect(ids.every((row) => row.workspace_id === team)).toBe(true);
    expect(ids.map((row) => row.id)).toContain(task.id);

    const other = await t.app.inject({
      method: 'GET',
      url: `/tasks/${inPersonal.id}`,
      headers: bearer(secret),
    });
    expect(other.statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/tasks/${inPersonal.id}`,
      headers: bearer(secret),
      payload: { title: 'no' },
    });
    expect(patch.statusCode).toBe(404);
    const elsewhere = await createTask(bearer(secret), { title: 'x', workspace_id: personal });
    expect(elsewhere.statusCode).toBe(404);
    const workspaces = await t.app.inject({
      method: 'GET',
      url: '/workspaces',
      headers: bearer(secret),
    });
    expect(workspaces.json<{ id: number }[]>().map((w) => w.id)).toEqual([team]);
  });
});
