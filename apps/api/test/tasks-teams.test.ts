import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import {
  errorLocations,
  expectProblem,
  listPage,
  walkPages,
  type WireTask,
} from './helpers/tasks.js';
import { createTeam, personalWorkspaceId } from './helpers/workspaces.js';

/**
 * Tasks in team workspaces (issue 15), through the HTTP API: where a task goes, same-workspace
 * project and assignee, lists across workspaces, reads, deletes and member removal by role, and
 * tokens limited to one workspace. Every expected id comes from the fixture built here.
 */

const clock = manualClock(new Date('2026-03-02T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Who = { headers: Record<string, string> };
const call = (who: Who, method: Method, url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

/** POST /tasks that must answer 201. */
async function task(who: Who, body: Record<string, unknown> = {}): Promise<WireTask> {
  const res = await call(who, 'POST', '/tasks', { title: 'a task', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<WireTask>();
}

function expectForbidden(res: LightMyRequestResponse, requiredRole: string): void {
  expectProblem(res, 403, 'forbidden');
  expect(res.json<{ required_role: string }>().required_role).toBe(requiredRole);
}

function expect422At(res: LightMyRequestResponse, location: string): void {
  expectProblem(res, 422, 'validation_failed');
  expect(errorLocations(res)).toEqual([location]);
}

/** A team with one user per role, a stranger, and everyone's personal workspace id. */
interface Fixture {
  team: number;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
  stranger: TestUser;
  personal: (u: TestUser) => Promise<number>;
}

async function fixture(): Promise<Fixture> {
  const [owner, admin, member, viewer, stranger] = await Promise.all(
    [1, 2, 3, 4, 5].map(() => createUser(t.app)),
  );
  const team = await createTeam(t.database.db, {
    ownerId: owner!.id,
    members: [
      { userId: admin!.id, role: 'admin' },
      { userId: member!.id, role: 'member' },
      { userId: viewer!.id, role: 'viewer' },
    ],
  });
  const personal = (u: TestUser) => personalWorkspaceId(t.database.db, u.id);
  return {
    team,
    owner: owner!,
    admin: admin!,
    member: member!,
    viewer: viewer!,
    stranger: stranger!,
    personal,
  };
}

async function project(who: Who, workspaceId: number): Promise<number> {
  const res = await call(who, 'POST', '/projects', {
    workspace_id: workspaceId,
    name: `P ${Math.random().toString(36).slice(2)}`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

describe('POST /tasks: which workspace', () => {
  it('goes to the personal workspace when none is named, the one GET /workspaces lists', async () => {
    const f = await fixture();
    const created = await task(f.member);
    const listed = await call(f.member, 'GET', '/workspaces');
    const personal = listed.json<{ id: number; personal: boolean }[]>().filter((w) => w.personal);
    expect(personal.map((w) => w.id)).toEqual([await f.personal(f.member)]);
    expect(created.workspace_id).toBe(await f.personal(f.member));
  });

  it('a member creates in the team; a viewer gets 403 naming member; a stranger 404', async () => {
    const f = await fixture();
    const created = await task(f.member, { workspace_id: f.team });
    expect(created).toMatchObject({
      workspace_id: f.team,
      created_by: f.member.id,
      owner_id: f.member.id,
    });
    expectForbidden(
      await call(f.viewer, 'POST', '/tasks', { title: 'x', workspace_id: f.team }),
      'member',
    );
    expectProblem(
      await call(f.stranger, 'POST', '/tasks', { title: 'x', workspace_id: f.team }),
      404,
      'not_found',
    );
    // Neither refused create left a row behind.
    const page = await listPage(t.app, f.owner, `/tasks?workspace_id=${f.team}`);
    expect(page.ids).toEqual([created.id]);
  });
});

describe('project and assignee must belong to the task workspace', () => {
  it('refuses another workspace project and a non-member assignee (422), takes valid ones', async () => {
    const f = await fixture();
    const teamProject = await project(f.owner, f.team);
    const ownerPersonalProject = await project(f.owner, await f.personal(f.owner));
    const base = { title: 'x', workspace_id: f.team };
    expect422At(
      await call(f.member, 'POST', '/tasks', { ...base, project_id: ownerPersonalProject }),
      'body.project_id',
    );
    expect422At(
      await call(f.member, 'POST', '/tasks', { ...base, assignee_id: f.stranger.id }),
      'body.assignee_id',
    );
    const ok = await task(f.member, { ...base, project_id: teamProject, assignee_id: f.viewer.id });
    expect(ok).toMatchObject({ project_id: teamProject, assignee_id: f.viewer.id });

    const url = `/tasks/${ok.id}`;
    expect422At(
      await call(f.member, 'PATCH', url, { project_id: ownerPersonalProject }),
      'body.project_id',
    );
    expect422At(
      await call(f.member, 'PATCH', url, { assignee_id: f.stranger.id }),
      'body.assignee_id',
    );
    const other = await f.personal(f.member);
    expect422At(await call(f.member, 'PATCH', url, { workspace_id: other }), 'body.workspace_id');
    const same = await call(f.member, 'PATCH', url, { workspace_id: f.team, title: 'kept' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json<WireTask>()).toMatchObject({ workspace_id: f.team, title: 'kept' });

    const cleared = await call(f.member, 'PATCH', url, { project_id: null, assignee_id: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    const read = await call(f.owner, 'GET', url);
    expect(read.json<WireTask>()).toMatchObject({
      workspace_id: f.team,
      project_id: null,
      assignee_id: null,
      title: 'kept',
    });
  });

  it('bulk create and bulk PATCH report the same 422s per item and keep the good ones', async () => {
    const f = await fixture();
    const teamProject = await project(f.admin, f.team);
    const foreign = await project(f.owner, await f.personal(f.owner));
    const res = await call(f.member, 'POST', '/tasks/bulk', [
      { title: 'good 1', workspace_id: f.team, project_id: teamProject },
      { title: 'bad project', workspace_id: f.team, project_id: foreign },
      { title: 'bad assignee', workspace_id: f.team, assignee_id: f.stranger.id },
      { title: 'good 2', workspace_id: f.team, assignee_id: f.admin.id },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    type Item = {
      index: number;
      status: number;
      task?: WireTask;
      problem?: { errors?: { location: string }[] };
    };
    const items = res.json<Item[]>();
    expect(items.map((i) => i.status)).toEqual([201, 422, 422, 201]);
    expect(items[1]!.problem?.errors?.map((e) => e.location)).toEqual(['body.1.project_id']);
    expect(items[2]!.problem?.errors?.map((e) => e.location)).toEqual(['body.2.assignee_id']);
    const [good1, good2] = [items[0]!.task!, items[3]!.task!];
    const stored = await listPage(t.app, f.owner, `/tasks?workspace_id=${f.team}`);
    expect(stored.ids).toEqual([good1.id, good2.id]);
    expect(stored.total).toBe(2);

    const patched = await call(f.member, 'PATCH', '/tasks/bulk', [
      { id: good1.id, assignee_id: f.member.id },
      { id: good2.id, project_id: foreign },
      { id: good2.id, assignee_id: f.stranger.id },
      { id: good2.id, workspace_id: await f.personal(f.member) },
      { id: good2.id, project_id: null, title: 'renamed' },
    ]);
    expect(patched.statusCode, patched.body).toBe(200);
    const out = patched.json<Item[]>();
    expect(out.map((i) => i.status)).toEqual([200, 422, 422, 422, 200]);
    expect(out.slice(1, 4).map((i) => i.problem?.errors?.map((e) => e.location))).toEqual([
      ['body.1.project_id'],
      ['body.2.assignee_id'],
      ['body.3.workspace_id'],
    ]);
    const after = await listPage(t.app, f.owner, `/tasks?workspace_id=${f.team}`);
    expect(after.tasks.map((x) => [x.id, x.project_id, x.assignee_id, x.title])).toEqual([
      [good1.id, teamProject, f.member.id, 'good 1'],
      [good2.id, null, f.admin.id, 'renamed'],
    ]);
  });
});

describe('GET /tasks across the personal and team workspaces', () => {
  /**
   * Six tasks the member sees, created in id order a..f with created_at out of id order, so that
   * sorting by created_at interleaves the two workspaces: e b f c d a.
   */
  async function sixTasks() {
    const f = await fixture();
    const p = await project(f.owner, f.team);
    const at = (hhmm: string): void => {
      clock.set(`2026-03-02T${hhmm}:00.000Z`);
    };
    at('10:05');
    const a = await task(f.member, { title: 'a', assignee_id: f.member.id });
    at('10:01');
    const b = await task(f.owner, { title: 'b', workspace_id: f.team, assignee_id: f.member.id });
    at('10:03');
    const c = await task(f.member, { title: 'c' });
    at('10:04');
    const d = await task(f.admin, {
      title: 'd',
      workspace_id: f.team,
      assignee_id: f.admin.id,
      project_id: p,
    });
    at('10:00');
    const e = await task(f.member, { title: 'e' });
    at('10:02');
    const ff = await task(f.owner, { title: 'f', workspace_id: f.team, project_id: p });
    // Not the member's: another user's personal task, which no list of theirs may show.
    await task(f.stranger, { title: 'hidden' });
    return { f, p, ids: { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id, f: ff.id } };
  }

  it('sorts globally, walks every task once by cursor and by offset', async () => {
    const { f, ids } = await sixTasks();
    const byCreated = [ids.e, ids.b, ids.f, ids.c, ids.d, ids.a];
    const first = await listPage(t.app, f.member, '/tasks?sort=created_at');
    expect(first.ids).toEqual(byCreated);
    expect(first.total).toBe(6);
    expect((await listPage(t.app, f.member, '/tasks?sort=-created_at')).ids).toEqual(
      [...byCreated].reverse(),
    );
    expect((await listPage(t.app, f.member, '/tasks')).ids).toEqual([
      ids.a,
      ids.b,
      ids.c,
      ids.d,
      ids.e,
      ids.f,
    ]);
    for (const limit of [1, 2, 4]) {
      const walked = await walkPages(
        t.app,
        f.member,
        `/tasks?sort=created_at&limit=${limit}&cursor=`,
      );
      expect(walked.ids).toEqual(byCreated);
      const back = await walkPages(t.app, f.member, `/tasks?sort=-title&limit=${limit}&cursor=`);
      expect(back.ids).toEqual([ids.f, ids.e, ids.d, ids.c, ids.b, ids.a]);
      const offsets = await walkPages(t.app, f.member, `/tasks?sort=created_at&limit=${limit}`);
      expect(offsets.ids).toEqual(byCreated);
    }
  });

  it('filters by workspace, project, assignee and creator, with the right X-Total-Count', async () => {
    const { f, p, ids } = await sixTasks();
    const personal = await f.personal(f.member);
    const cases: [string, number[]][] = [
      [`workspace_id=${f.team}`, [ids.b, ids.d, ids.f]],
      [`workspace_id=${personal}`, [ids.a, ids.c, ids.e]],
      [`project_id=${p}`, [ids.d, ids.f]],
      ['assignee_id=me', [ids.a, ids.b]],
      ['assignee_id=none', [ids.c, ids.e, ids.f]],
      [`assignee_id=${f.admin.id}`, [ids.d]],
      ['created_by=me', [ids.a, ids.c, ids.e]],
      [`created_by=${f.owner.id}`, [ids.b, ids.f]],
      [`created_by=${f.admin.id}`, [ids.d]],
      [`workspace_id=${f.team}&assignee_id=none`, [ids.f]],
      [`workspace_id=${personal}&project_id=${p}`, []],
    ];
    for (const [query, expected] of cases) {
      const page = await listPage(t.app, f.member, `/tasks?${query}`);
      expect({ query, ids: page.ids, total: page.total }).toEqual({
        query,
        ids: expected,
        total: expected.length,
      });
    }
    const strangers = await f.personal(f.stranger);
    expectProblem(
      await call(f.member, 'GET', `/tasks?workspace_id=${strangers}`),
      404,
      'not_found',
    );
  });
});

describe('reading, deleting and member removal', () => {
  it('a member reads a team task; once removed, the task is a 404 and their tasks are unassigned', async () => {
    const f = await fixture();
    const assigned = await task(f.owner, { workspace_id: f.team, assignee_id: f.member.id });
    const own = await task(f.member, { assignee_id: f.member.id });
    const url = `/tasks/${assigned.id}`;
    expect((await call(f.member, 'GET', url)).statusCode).toBe(200);
    expect((await call(f.viewer, 'GET', url)).statusCode).toBe(200);
    expectProblem(await call(f.stranger, 'GET', url), 404, 'not_found');

    const removed = await call(f.owner, 'DELETE', `/workspaces/${f.team}/members/${f.member.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expectProblem(await call(f.member, 'GET', url), 404, 'not_found');
    expectProblem(await call(f.member, 'PATCH', url, { title: 'late' }), 404, 'not_found');
    expectProblem(await call(f.member, 'GET', `/tasks?workspace_id=${f.team}`), 404, 'not_found');
    expect((await listPage(t.app, f.member, '/tasks')).ids).toEqual([own.id]);

    const read = await call(f.owner, 'GET', url);
    expect(read.json<WireTask>()).toMatchObject({ assignee_id: null, created_by: f.owner.id });
    // Their own workspace is untouched.
    expect((await call(f.member, 'GET', `/tasks/${own.id}`)).json<WireTask>().assignee_id).toBe(
      f.member.id,
    );
  });

  it('members delete their own tasks, admins any; others get 403 naming admin', async () => {
    const f = await fixture();
    const mine = await task(f.member, { workspace_id: f.team });
    const admins = await task(f.admin, { workspace_id: f.team });
    const members = await task(f.member, { workspace_id: f.team });
    expectForbidden(await call(f.member, 'DELETE', `/tasks/${admins.id}`), 'admin');
    expectForbidden(await call(f.viewer, 'DELETE', `/tasks/${members.id}`), 'admin');
    expectProblem(await call(f.stranger, 'DELETE', `/tasks/${members.id}`), 404, 'not_found');
    expect((await call(f.member, 'DELETE', `/tasks/${mine.id}`)).statusCode).toBe(204);
    expect((await call(f.admin, 'DELETE', `/tasks/${members.id}`)).statusCode).toBe(204);
    expect((await call(f.owner, 'DELETE', `/tasks/${admins.id}`)).statusCode).toBe(204);
    expect((await listPage(t.app, f.owner, `/tasks?workspace_id=${f.team}`)).total).toBe(0);
  });
});

describe('a token limited to one workspace', () => {
  it('sees only that workspace, and creates there by default', async () => {
    const f = await fixture();
    const personalTask = await task(f.member);
    const teamTask = await task(f.owner, { workspace_id: f.team });
    const made = await call(f.member, 'POST', '/auth/tokens', {
      name: 'team script',
      scopes: ['tasks:read', 'tasks:write'],
      workspace_id: f.team,
    });
    expect(made.statusCode, made.body).toBe(201);
    const pat = { headers: { authorization: `Bearer ${made.json<{ token: string }>().token}` } };

    const listed = await call(pat, 'GET', '/tasks');
    expect(listed.json<WireTask[]>().map((x) => x.id)).toEqual([teamTask.id]);
    expect(listed.headers['x-total-count']).toBe('1');
    expect((await call(pat, 'GET', `/tasks/${teamTask.id}`)).statusCode).toBe(200);
    expectProblem(await call(pat, 'GET', `/tasks/${personalTask.id}`), 404, 'not_found');
    expectProblem(await call(pat, 'PATCH', `/tasks/${personalTask.id}`, { title: 'x' }), 404);
    const personal = await f.personal(f.member);
    expectProblem(await call(pat, 'GET', `/tasks?workspace_id=${personal}`), 404, 'not_found');
    expectProblem(
      await call(pat, 'POST', '/tasks', { title: 'x', workspace_id: personal }),
      404,
      'not_found',
    );

    const created = await task(pat, { title: 'from the script' });
    expect(created).toMatchObject({ workspace_id: f.team, created_by: f.member.id });
  });
});
