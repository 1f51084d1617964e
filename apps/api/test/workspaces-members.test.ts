import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks, workspaceMembers } from '../src/db/schema/index.js';
import { ownerGuarded } from '../src/modules/workspaces/members.service.js';
import type { Role } from '../src/modules/workspaces/workspaces.policy.js';
import { AppError } from '../src/shared/errors.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser } from './helpers/auth.js';
import { expectProblem } from './helpers/tasks.js';
import {
  createTeamOfFour,
  personalToken,
  send,
  type Headers,
  type Team,
} from './helpers/workspace-calls.js';
import { addMember, createTeam, personalWorkspaceId, setRole } from './helpers/workspaces.js';

/** Members: the list, role changes, removal and leaving, and the one-owner rule. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const call = (headers: Headers, method: 'GET' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
  send(t.app, headers, method, url, body);
const members = (ws: number) => `/workspaces/${ws}/members`;
const member = (ws: number, userId: number) => `/workspaces/${ws}/members/${userId}`;

async function roleOf(ws: number, userId: number): Promise<Role | undefined> {
  const [row] = await t.database.db
    .select({ role: workspaceMembers.role })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, ws), eq(workspaceMembers.userId, userId)));
  return row?.role;
}

describe('GET /workspaces/{id}/members', () => {
  it('lists members by role strength, then by when they joined, to every member', async () => {
    const [owner, admin, early, late, viewer] = await Promise.all(
      ['Olive', 'Ada', 'Early', 'Late', 'Vic'].map((full_name) => createUser(t.app, { full_name })),
    );
    const ws = await createTeam(t.database.db, { ownerId: owner!.id });
    // Joined in this order, at these times; the list sorts by role first.
    const joins: [typeof owner, Role, string][] = [
      [viewer, 'viewer', '2026-05-01T00:00:00.000Z'],
      [late, 'member', '2026-05-03T00:00:00.000Z'],
      [early, 'member', '2026-05-02T00:00:00.000Z'],
      [admin, 'admin', '2026-05-04T00:00:00.000Z'],
    ];
    for (const [user, role, at] of joins) {
      await t.database.db
        .insert(workspaceMembers)
        .values({ workspaceId: ws, userId: user!.id, role, createdAt: new Date(at) });
    }
    const expected = [
      [owner!, 'owner'],
      [admin!, 'admin'],
      [early!, 'member'],
      [late!, 'member'],
      [viewer!, 'viewer'],
    ] as const;
    for (const [reader] of expected) {
      const res = await call(reader.headers, 'GET', members(ws));
      expect(res.statusCode).toBe(200);
      const list = res.json<{ user_id: number; email: string; role: string }[]>();
      expect(list.map((m) => [m.user_id, m.email, m.role])).toEqual(
        expected.map(([u, role]) => [u.id, u.email, role]),
      );
    }
    const res = await call(owner!.headers, 'GET', members(ws));
    expect(res.json<unknown[]>()[2]).toEqual({
      user_id: early!.id,
      email: early!.email,
      full_name: 'Early',
      role: 'member',
      joined_at: '2026-05-02T00:00:00.000Z',
    });
  });

  it('is a 404 for a stranger and with a token limited to another workspace', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    expectProblem(await call(stranger.headers, 'GET', members(team.id)), 404, 'not_found');
    const personal = await personalWorkspaceId(t.database.db, team.owner.id);
    const pat = await personalToken(t.app, team.owner, ['tasks:read'], personal);
    expectProblem(await call(pat, 'GET', members(team.id)), 404, 'not_found');
    const inTeam = await personalToken(t.app, team.viewer, ['tasks:read'], team.id);
    expect((await call(inTeam, 'GET', members(team.id))).statusCode).toBe(200);
  });
});

describe('PATCH /workspaces/{id}/members/{user_id}', () => {
  const patch = (team: Team, by: Headers, userId: number, role: Role) =>
    call(by, 'PATCH', member(team.id, userId), { role });

  it('lets an admin move a non-owner between admin, member and viewer', async () => {
    const team = await createTeamOfFour(t.app);
    const res = await patch(team, team.admin.headers, team.viewer.id, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      user_id: team.viewer.id,
      email: team.viewer.email,
      full_name: null,
      role: 'admin',
      joined_at: expect.any(String) as string,
    });
    expect(await roleOf(team.id, team.viewer.id)).toBe('admin');
    expect((await patch(team, team.admin.headers, team.member.id, 'viewer')).statusCode).toBe(200);
    expect(await roleOf(team.id, team.member.id)).toBe('viewer');
    // Admins may demote themselves.
    expect((await patch(team, team.admin.headers, team.admin.id, 'member')).statusCode).toBe(200);
    expect(await roleOf(team.id, team.admin.id)).toBe('member');
  });

  it('needs an owner to make an owner or to change an owner’s role', async () => {
    const team = await createTeamOfFour(t.app);
    const promote = await patch(team, team.admin.headers, team.member.id, 'owner');
    expectProblem(promote, 403, 'forbidden');
    expect(promote.json()).toMatchObject({ required_role: 'owner', role: 'admin' });
    const self = await patch(team, team.admin.headers, team.admin.id, 'owner');
    expectProblem(self, 403, 'forbidden');
    const demote = await patch(team, team.admin.headers, team.owner.id, 'viewer');
    expectProblem(demote, 403, 'forbidden');
    expect(demote.json()).toMatchObject({ required_role: 'owner' });
    expect(await roleOf(team.id, team.member.id)).toBe('member');
    expect(await roleOf(team.id, team.owner.id)).toBe('owner');

    expect((await patch(team, team.owner.headers, team.member.id, 'owner')).statusCode).toBe(200);
    expect(await roleOf(team.id, team.member.id)).toBe('owner');
    // Now two owners: one may step down.
    const stepDown = await patch(team, team.owner.headers, team.owner.id, 'admin');
    expect(stepDown.statusCode).toBe(200);
    expect(await roleOf(team.id, team.owner.id)).toBe('admin');
  });

  it.each(['member', 'viewer'] as const)('is a 403 naming admin for a %s', async (role) => {
    const team = await createTeamOfFour(t.app);
    const res = await patch(team, team[role].headers, team.viewer.id, 'member');
    expectProblem(res, 403, 'forbidden');
    expect(res.json()).toMatchObject({ required_role: 'admin', role });
    expect(await roleOf(team.id, team.viewer.id)).toBe('viewer');
  });

  it('refuses to demote the last owner (409 last_owner), even by themselves', async () => {
    const team = await createTeamOfFour(t.app);
    for (const role of ['admin', 'member', 'viewer'] as const) {
      expectProblem(await patch(team, team.owner.headers, team.owner.id, role), 409, 'last_owner');
    }
    expect(await roleOf(team.id, team.owner.id)).toBe('owner');
    // Setting the same role is not a demotion.
    expect((await patch(team, team.owner.headers, team.owner.id, 'owner')).statusCode).toBe(200);
  });

  it('refuses the personal workspace’s owner a demotion (last owner)', async () => {
    const user = await createUser(t.app);
    const ws = await personalWorkspaceId(t.database.db, user.id);
    const res = await call(user.headers, 'PATCH', member(ws, user.id), { role: 'admin' });
    expectProblem(res, 409, 'last_owner');
  });

  it('two owners stepping down at once: one wins, the other is the last owner', async () => {
    const team = await createTeamOfFour(t.app);
    await setRole(t.database.db, team.id, team.admin.id, 'owner');
    const [a, b] = await Promise.all([
      patch(team, team.owner.headers, team.owner.id, 'member'),
      patch(team, team.admin.headers, team.admin.id, 'member'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].map((r) => r.json<{ code?: string }>().code)).toContain('last_owner');
    const owners = [await roleOf(team.id, team.owner.id), await roleOf(team.id, team.admin.id)];
    expect(owners.filter((r) => r === 'owner')).toHaveLength(1);
  });

  it('is a 404 when the user is not a member, and for a stranger', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    expectProblem(await patch(team, team.owner.headers, stranger.id, 'member'), 404, 'not_found');
    expectProblem(await patch(team, stranger.headers, team.member.id, 'admin'), 404, 'not_found');
    expect(await roleOf(team.id, team.member.id)).toBe('member');
  });

  it('refuses an unknown role, a missing one and extra fields (422); tokens (403)', async () => {
    const team = await createTeamOfFour(t.app);
    const url = member(team.id, team.member.id);
    for (const body of [{ role: 'boss' }, {}, { role: 'admin', user_id: 1 }, { role: null }]) {
      expectProblem(await call(team.owner.headers, 'PATCH', url, body), 422, 'validation_failed');
    }
    const pat = await personalToken(t.app, team.owner, ['tasks:write'], team.id);
    expectProblem(await call(pat, 'PATCH', url, { role: 'admin' }), 403, 'insufficient_scope');
  });
});

describe('DELETE /workspaces/{id}/members/{user_id}', () => {
  const remove = (team: Team, by: Headers, userId: number) =>
    call(by, 'DELETE', member(team.id, userId));

  it('lets every role but the last owner leave', async () => {
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const team = await createTeamOfFour(t.app);
      const res = await remove(team, team[role].headers, team[role].id);
      expect(res.statusCode, role).toBe(204);
      expect(await roleOf(team.id, team[role].id)).toBeUndefined();
      expectProblem(await call(team[role].headers, 'GET', `/workspaces/${team.id}`), 404);
    }
    const team = await createTeamOfFour(t.app);
    expectProblem(await remove(team, team.owner.headers, team.owner.id), 409, 'last_owner');
    expect(await roleOf(team.id, team.owner.id)).toBe('owner');
    await setRole(t.database.db, team.id, team.member.id, 'owner');
    expect((await remove(team, team.owner.headers, team.owner.id)).statusCode).toBe(204);
  });

  it('never lets the owner leave their personal workspace (409 personal_workspace)', async () => {
    const user = await createUser(t.app);
    const ws = await personalWorkspaceId(t.database.db, user.id);
    const res = await call(user.headers, 'DELETE', member(ws, user.id));
    expectProblem(res, 409, 'personal_workspace');
  });

  it('lets an admin remove members, viewers and admins, but not an owner', async () => {
    const team = await createTeamOfFour(t.app);
    const other = await createUser(t.app);
    await addMember(t.database.db, team.id, other.id, 'admin');
    for (const target of [team.viewer, team.member, other]) {
      expect((await remove(team, team.admin.headers, target.id)).statusCode).toBe(204);
      expect(await roleOf(team.id, target.id)).toBeUndefined();
    }
    const res = await remove(team, team.admin.headers, team.owner.id);
    expectProblem(res, 403, 'forbidden');
    expect(res.json()).toMatchObject({ required_role: 'owner', role: 'admin' });
    expect(await roleOf(team.id, team.owner.id)).toBe('owner');
  });

  it('lets an owner remove another owner', async () => {
    const team = await createTeamOfFour(t.app);
    await setRole(t.database.db, team.id, team.admin.id, 'owner');
    expect((await remove(team, team.owner.headers, team.admin.id)).statusCode).toBe(204);
    expect(await roleOf(team.id, team.admin.id)).toBeUndefined();
  });

  it('two owners leaving at once: one goes, the other is the last owner', async () => {
    const team = await createTeamOfFour(t.app);
    await setRole(t.database.db, team.id, team.admin.id, 'owner');
    const [a, b] = await Promise.all([
      remove(team, team.owner.headers, team.owner.id),
      remove(team, team.admin.headers, team.admin.id),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
    const left = [await roleOf(team.id, team.owner.id), await roleOf(team.id, team.admin.id)];
    expect(left.filter((r) => r === 'owner')).toHaveLength(1);
  });

  it.each(['member', 'viewer'] as const)(
    'is a 403 naming admin when a %s removes someone else',
    async (role) => {
      const team = await createTeamOfFour(t.app);
      const target = role === 'member' ? team.viewer : team.member;
      const res = await remove(team, team[role].headers, target.id);
      expectProblem(res, 403, 'forbidden');
      expect(res.json()).toMatchObject({ required_role: 'admin', role });
      expect(await roleOf(team.id, target.id)).toBeDefined();
    },
  );

  it('is a 404 for a user who is not a member, and for a stranger', async () => {
    const team = await createTeamOfFour(t.app);
    const stranger = await createUser(t.app);
    expectProblem(await remove(team, team.owner.headers, stranger.id), 404, 'not_found');
    expectProblem(await remove(team, stranger.headers, team.member.id), 404, 'not_found');
    expectProblem(await remove(team, stranger.headers, stranger.id), 404, 'not_found');
    expect(await roleOf(team.id, team.member.id)).toBe('member');
  });

  it('leaves the removed member’s tasks in the workspace, unassigned', async () => {
    const team = await createTeamOfFour(t.app);
    // Written directly: what is under test is the foreign key's ON DELETE SET NULL (assignee_id).
    const rows = await t.database.db
      .insert(tasks)
      .values([
        { workspaceId: team.id, ownerId: team.owner.id, assigneeId: team.member.id, title: 'a' },
        { workspaceId: team.id, ownerId: team.member.id, assigneeId: team.viewer.id, title: 'b' },
      ])
      .returning({ id: tasks.id });
    expect((await remove(team, team.admin.headers, team.member.id)).statusCode).toBe(204);
    const after = await t.database.db
      .select({ id: tasks.id, workspaceId: tasks.workspaceId, assigneeId: tasks.assigneeId })
      .from(tasks)
      .where(eq(tasks.workspaceId, team.id))
      .orderBy(tasks.id);
    expect(after).toEqual([
      { id: rows[0]!.id, workspaceId: team.id, assigneeId: null },
      { id: rows[1]!.id, workspaceId: team.id, assigneeId: team.viewer.id },
    ]);
  });

  it('through the API: the removed member’s task reads back unassigned, still there', async () => {
    const team = await createTeamOfFour(t.app);
    const made = await send(t.app, team.admin.headers, 'POST', '/tasks', {
      title: 'Ship it',
      workspace_id: team.id,
      assignee_id: team.member.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const task = made.json<{ id: number; assignee_id: number | null }>();
    expect(task.assignee_id).toBe(team.member.id);
    expect((await remove(team, team.owner.headers, team.member.id)).statusCode).toBe(204);
    const read = await send(t.app, team.admin.headers, 'GET', `/tasks/${task.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      id: task.id,
      workspace_id: team.id,
      assignee_id: null,
      created_by: team.admin.id,
    });
    // The former member no longer sees it.
    expectProblem(await send(t.app, team.member.headers, 'GET', `/tasks/${task.id}`), 404);
  });

  it('is refused to a personal access token, even for leaving', async () => {
    const team = await createTeamOfFour(t.app);
    const pat = await personalToken(t.app, team.viewer, ['tasks:read', 'tasks:write'], team.id);
    expectProblem(await remove(team, pat, team.viewer.id), 403, 'insufficient_scope');
  });
});

describe('the one-owner backstop', () => {
  it('maps the deferred trigger’s error at commit to 409 last_owner', async () => {
    const team = await createTeamOfFour(t.app);
    // Around the service's own check: delete the only owner straight in the transaction.
    const attempt = ownerGuarded(t.database.db, async (tx) => {
      await tx
        .delete(workspaceMembers)
        .where(
          and(
            eq(workspaceMembers.workspaceId, team.id),
            eq(workspaceMembers.userId, team.owner.id),
          ),
        );
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'last_owner', status: 409 });
    expect(await roleOf(team.id, team.owner.id)).toBe('owner');
  });

  it('passes other errors through', async () => {
    const boom = new Error('boom');
    await expect(ownerGuarded(t.database.db, () => Promise.reject(boom))).rejects.toBe(boom);
  });
});
