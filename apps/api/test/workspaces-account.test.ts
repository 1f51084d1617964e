import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks, users, workspaceMembers, workspaces } from '../src/db/schema/index.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { expectProblem } from './helpers/tasks.js';
import { createTeamOfFour, send } from './helpers/workspace-calls.js';
import { createTeam, personalWorkspaceId, setRole } from './helpers/workspaces.js';

/** DELETE /auth/me and the workspaces: what goes with the account, and what stops it. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const deleteMe = (user: TestUser) =>
  send(t.app, user.headers, 'DELETE', '/auth/me', { password: user.password });

async function existingWorkspaces(ids: number[]): Promise<number[]> {
  const rows = await t.database.db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(inArray(workspaces.id, ids))
    .orderBy(workspaces.id);
  return rows.map((r) => r.id);
}

async function userExists(id: number): Promise<boolean> {
  const rows = await t.database.db.select({ id: users.id }).from(users).where(eq(users.id, id));
  return rows.length === 1;
}

async function addTask(workspaceId: number, ownerId: number, assigneeId: number | null = null) {
  const [row] = await t.database.db
    .insert(tasks)
    .values({ workspaceId, ownerId, assigneeId, title: 'work' })
    .returning({ id: tasks.id });
  return row!.id;
}

describe('DELETE /auth/me with workspaces', () => {
  it('deletes the personal workspace and the team workspaces the user is alone in', async () => {
    const user = await createUser(t.app);
    const personal = await personalWorkspaceId(t.database.db, user.id);
    const alone = await createTeam(t.database.db, { ownerId: user.id });
    const task = await addTask(alone, user.id, user.id);
    expect((await deleteMe(user)).statusCode).toBe(204);
    expect(await userExists(user.id)).toBe(false);
    expect(await existingWorkspaces([personal, alone])).toEqual([]);
    const left = await t.database.db.select().from(tasks).where(eq(tasks.id, task));
    expect(left).toEqual([]);
  });

  it('refuses the sole owner of team workspaces with other members: 409, nothing deleted', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const personal = await personalWorkspaceId(t.database.db, user.id);
    const alone = await createTeam(t.database.db, { ownerId: user.id });
    const first = await createTeam(t.database.db, {
      ownerId: user.id,
      members: [{ userId: other.id, role: 'admin' }],
    });
    const second = await createTeam(t.database.db, {
      ownerId: user.id,
      members: [{ userId: other.id, role: 'viewer' }],
    });
    // Co-owned: not blocking.
    const shared = await createTeam(t.database.db, {
      ownerId: user.id,
      members: [{ userId: other.id, role: 'owner' }],
    });

    const res = await deleteMe(user);
    expectProblem(res, 409, 'sole_owner');
    expect(res.json<{ workspace_ids: number[] }>().workspace_ids).toEqual([first, second]);
    expect(await userExists(user.id)).toBe(true);
    const all = [personal, alone, first, second, shared].sort((a, b) => a - b);
    expect(await existingWorkspaces(all)).toEqual(all);
    // The account still works.
    const me = await send(t.app, user.headers, 'GET', '/workspaces');
    expect(me.json<unknown[]>()).toHaveLength(5);

    // Handing ownership on unblocks it.
    await setRole(t.database.db, first, other.id, 'owner');
    const stillOne = await deleteMe(user);
    expectProblem(stillOne, 409, 'sole_owner');
    expect(stillOne.json<{ workspace_ids: number[] }>().workspace_ids).toEqual([second]);
    await send(t.app, user.headers, 'DELETE', `/workspaces/${second}/members/${other.id}`);
    expect((await deleteMe(user)).statusCode).toBe(204);
    // `second` lost its last other member, so it went with the account.
    expect(await existingWorkspaces(all)).toEqual([first, shared]);
  });

  it('leaves team workspaces that keep an owner, with the user’s tasks unassigned', async () => {
    const team = await createTeamOfFour(t.app);
    await setRole(t.database.db, team.id, team.admin.id, 'owner');
    const created = await addTask(team.id, team.owner.id, team.owner.id);
    const assigned = await addTask(team.id, team.member.id, team.member.id);

    // A co-owner goes: the workspace stays with its other owner.
    expect((await deleteMe(team.owner)).statusCode).toBe(204);
    // A member goes too.
    expect((await deleteMe(team.member)).statusCode).toBe(204);

    expect(await existingWorkspaces([team.id])).toEqual([team.id]);
    const members = await t.database.db
      .select({ userId: workspaceMembers.userId, role: workspaceMembers.role })
      .from(workspaceMembers)
      .where(eq(workspaceMembers.workspaceId, team.id))
      .orderBy(workspaceMembers.role);
    expect(members).toEqual([
      { userId: team.admin.id, role: 'owner' },
      { userId: team.viewer.id, role: 'viewer' },
    ]);
    const rows = await t.database.db
      .select({ id: tasks.id, ownerId: tasks.ownerId, assigneeId: tasks.assigneeId })
      .from(tasks)
      .where(inArray(tasks.id, [created, assigned]))
      .orderBy(tasks.id);
    expect(rows).toEqual([
      { id: created, ownerId: null, assigneeId: null },
      { id: assigned, ownerId: null, assigneeId: null },
    ]);
  });

  it('a wrong password still answers 403 before any workspace rule', async () => {
    const team = await createTeamOfFour(t.app);
    const res = await send(t.app, team.owner.headers, 'DELETE', '/auth/me', {
      password: 'not-the-password',
    });
    expectProblem(res, 403, 'incorrect_password');
  });
});
