import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaces } from '../src/db/schema/index.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { expectProblem, type WireTask } from './helpers/tasks.js';
import { dbActualMinutes, dbEntries } from './helpers/time.js';
import { createTeam, personalWorkspaceId, setRole } from './helpers/workspaces.js';

/**
 * Time in team workspaces (issue 15), through the HTTP API: entries take their task's workspace,
 * one running timer per user across workspaces, admins edit members' entries (the task's
 * actual_minutes follows), and who may read whose entries, with and without the workspace's
 * members_see_team_time.
 */

const clock = manualClock(new Date('2026-03-02T12:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (who: TestUser, method: Method, url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: who.headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

interface Entry {
  id: number;
  workspace_id: number;
  task_id: number;
  user_id: number;
  started_at: string;
  ended_at: string | null;
  duration_seconds: number | null;
  source: string;
}

const hm = (hhmm: string): string => `2026-03-02T${hhmm}:00.000Z`;

function expectForbidden(res: LightMyRequestResponse, requiredRole: string): void {
  expectProblem(res, 403, 'forbidden');
  expect(res.json<{ required_role: string }>().required_role).toBe(requiredRole);
}

async function newTask(who: TestUser, workspaceId?: number): Promise<number> {
  const res = await call(who, 'POST', '/tasks', {
    title: 'tracked',
    ...(workspaceId === undefined ? {} : { workspace_id: workspaceId }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<WireTask>().id;
}

/** A manual entry [from, to) on the task; must answer 201. */
async function log(who: TestUser, taskId: number, from: string, to: string): Promise<Entry> {
  const res = await call(who, 'POST', `/tasks/${taskId}/time-entries`, {
    started_at: hm(from),
    ended_at: hm(to),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Entry>();
}

/** GET a list of entries: ids and X-Total-Count; must answer 200. */
async function entryList(who: TestUser, url: string): Promise<{ ids: number[]; total: number }> {
  const res = await call(who, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return {
    ids: res.json<Entry[]>().map((e) => e.id),
    total: Number(res.headers['x-total-count']),
  };
}

/** A team (owner, admin, two members, viewer), a stranger, and a task of the team. */
async function fixture() {
  clock.set(hm('12:00'));
  const [owner, admin, member, member2, viewer, stranger] = await Promise.all(
    [1, 2, 3, 4, 5, 6].map(() => createUser(t.app)),
  );
  const team = await createTeam(t.database.db, {
    ownerId: owner!.id,
    members: [
      { userId: admin!.id, role: 'admin' },
      { userId: member!.id, role: 'member' },
      { userId: member2!.id, role: 'member' },
      { userId: viewer!.id, role: 'viewer' },
    ],
  });
  const teamTask = await newTask(owner!, team);
  return {
    team,
    teamTask,
    owner: owner!,
    admin: admin!,
    member: member!,
    member2: member2!,
    viewer: viewer!,
    stranger: stranger!,
  };
}

describe('timers on team tasks', () => {
  it("a member's timer records the task's workspace; one timer runs per user across workspaces", async () => {
    const f = await fixture();
    const personal = await personalWorkspaceId(t.database.db, f.member.id);
    const personalTask = await newTask(f.member);

    const started = await call(f.member, 'POST', `/tasks/${f.teamTask}/start-timer`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json<WireTask>().timer_started_at).toBe(hm('12:00'));
    const timer = await call(f.member, 'GET', '/timer');
    expect(timer.json()).toMatchObject({
      running: true,
      started_at: hm('12:00'),
      task: { id: f.teamTask, workspace_id: f.team },
    });

    clock.set(hm('12:30'));
    const switched = await call(f.member, 'POST', `/tasks/${personalTask}/start-timer`);
    expect(switched.statusCode, switched.body).toBe(200);
    const stored = await dbEntries(t.app, f.member.id);
    expect(
      stored.map((e) => [e.taskId, e.workspaceId, e.startedAt.toISOString(), e.endedAt]),
    ).toEqual([
      [f.teamTask, f.team, hm('12:00'), new Date(hm('12:30'))],
      [personalTask, personal, hm('12:30'), null],
    ]);
    const listed = await call(f.member, 'GET', '/time-entries');
    expect(listed.json<Entry[]>().map((e) => [e.task_id, e.workspace_id, e.ended_at])).toEqual([
      [f.teamTask, f.team, hm('12:30')],
      [personalTask, personal, null],
    ]);
    expect(await dbActualMinutes(t.app, f.teamTask)).toBe(30);
    expect((await call(f.member, 'GET', '/timer')).json()).toMatchObject({
      task: { id: personalTask, workspace_id: personal },
    });
  });

  it('a viewer may not track time (403 naming member); a stranger gets 404', async () => {
    const f = await fixture();
    expectForbidden(await call(f.viewer, 'POST', `/tasks/${f.teamTask}/start-timer`), 'member');
    expectForbidden(
      await call(f.viewer, 'POST', `/tasks/${f.teamTask}/time-entries`, {
        started_at: hm('09:00'),
        ended_at: hm('10:00'),
      }),
      'member',
    );
    expectProblem(await call(f.stranger, 'POST', `/tasks/${f.teamTask}/start-timer`), 404);
    expect(await dbEntries(t.app, f.viewer.id)).toEqual([]);
    expect(await dbEntries(t.app, f.stranger.id)).toEqual([]);
  });
});

describe("editing another member's entries", () => {
  it('admins may, and the task actual_minutes follows; members and viewers get 403', async () => {
    const f = await fixture();
    const entry = await log(f.member, f.teamTask, '09:00', '10:00');
    expect(entry).toMatchObject({ workspace_id: f.team, user_id: f.member.id });
    expect(await dbActualMinutes(t.app, f.teamTask)).toBe(60);
    const url = `/time-entries/${entry.id}`;

    expectForbidden(await call(f.member2, 'PATCH', url, { ended_at: hm('09:10') }), 'admin');
    expectForbidden(await call(f.member2, 'DELETE', url), 'admin');
    expectForbidden(await call(f.viewer, 'PATCH', url, { note: 'x' }), 'admin');
    expectProblem(await call(f.stranger, 'PATCH', url, { note: 'x' }), 404);
    expectProblem(await call(f.stranger, 'DELETE', url), 404);
    expect(await dbActualMinutes(t.app, f.teamTask)).toBe(60);

    const edited = await call(f.admin, 'PATCH', url, { ended_at: hm('09:30') });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json<Entry>()).toMatchObject({
      user_id: f.member.id,
      workspace_id: f.team,
      ended_at: hm('09:30'),
      duration_seconds: 1800,
    });
    expect(await dbActualMinutes(t.app, f.teamTask)).toBe(30);
    const noted = await call(f.owner, 'PATCH', url, { note: 'checked' });
    expect(noted.statusCode, noted.body).toBe(200);

    expect((await call(f.admin, 'DELETE', url)).statusCode).toBe(204);
    expect(await dbActualMinutes(t.app, f.teamTask)).toBe(0);
    expect(await dbEntries(t.app, f.member.id)).toEqual([]);
  });
});

describe("reading another member's entries", () => {
  it('GET /time-entries?user_id=: admins see the team entries; members only with the setting', async () => {
    const f = await fixture();
    const memberPersonal = await personalWorkspaceId(t.database.db, f.member.id);
    const teamEntry = await log(f.member, f.teamTask, '09:00', '10:00');
    // Not the team's: nobody else may ever see it.
    const privateEntry = await log(f.member, await newTask(f.member), '10:00', '11:00');
    const whose = `/time-entries?user_id=${f.member.id}`;
    const inTeam = `${whose}&workspace_id=${f.team}`;

    expect(await entryList(f.member, '/time-entries')).toEqual({
      ids: [teamEntry.id, privateEntry.id],
      total: 2,
    });
    for (const admin of [f.admin, f.owner]) {
      expect(await entryList(admin, whose)).toEqual({ ids: [teamEntry.id], total: 1 });
      expect(await entryList(admin, inTeam)).toEqual({ ids: [teamEntry.id], total: 1 });
    }
    expectProblem(await call(f.admin, 'GET', `${whose}&workspace_id=${memberPersonal}`), 404);

    for (const weaker of [f.member2, f.viewer]) {
      expectForbidden(await call(weaker, 'GET', inTeam), 'admin');
      expect(await entryList(weaker, whose)).toEqual({ ids: [], total: 0 });
    }
    expectForbidden(await call(f.member2, 'GET', `/time-entries/${teamEntry.id}`), 'admin');
    expect(await entryList(f.stranger, whose)).toEqual({ ids: [], total: 0 });
    expectProblem(await call(f.stranger, 'GET', inTeam), 404);
    expectProblem(await call(f.stranger, 'GET', `/time-entries/${teamEntry.id}`), 404);

    const setting = await call(f.owner, 'PATCH', `/workspaces/${f.team}`, {
      members_see_team_time: true,
    });
    expect(setting.statusCode, setting.body).toBe(200);
    for (const weaker of [f.member2, f.viewer]) {
      expect(await entryList(weaker, whose)).toEqual({ ids: [teamEntry.id], total: 1 });
      expect(await entryList(weaker, inTeam)).toEqual({ ids: [teamEntry.id], total: 1 });
    }
    const one = await call(f.member2, 'GET', `/time-entries/${teamEntry.id}`);
    expect(one.statusCode, one.body).toBe(200);
    expectProblem(await call(f.member2, 'GET', `/time-entries/${privateEntry.id}`), 404);
    // Seeing is not editing.
    expectForbidden(await call(f.member2, 'DELETE', `/time-entries/${teamEntry.id}`), 'admin');
  });

  it("GET /tasks/{id}/time-entries: everyone's to an admin, only their own to a member", async () => {
    const f = await fixture();
    const a = await log(f.member, f.teamTask, '09:00', '10:00');
    const b = await log(f.member2, f.teamTask, '09:30', '10:30');
    const c = await log(f.admin, f.teamTask, '11:00', '11:30');
    const url = `/tasks/${f.teamTask}/time-entries`;

    expect(await entryList(f.admin, url)).toEqual({ ids: [a.id, b.id, c.id], total: 3 });
    expect(await entryList(f.owner, url)).toEqual({ ids: [a.id, b.id, c.id], total: 3 });
    expect(await entryList(f.member, url)).toEqual({ ids: [a.id], total: 1 });
    expect(await entryList(f.member2, url)).toEqual({ ids: [b.id], total: 1 });
    expect(await entryList(f.viewer, url)).toEqual({ ids: [], total: 0 });
    expectProblem(await call(f.stranger, 'GET', url), 404);

    // The setting written straight to the database: the read path must not cache it.
    await t.database.db
      .update(workspaces)
      .set({ membersSeeTeamTime: true })
      .where(eq(workspaces.id, f.team));
    expect(await entryList(f.member, url)).toEqual({ ids: [a.id, b.id, c.id], total: 3 });
    expect(await entryList(f.viewer, url)).toEqual({ ids: [a.id, b.id, c.id], total: 3 });
    expectProblem(await call(f.stranger, 'GET', url), 404);
  });
});

describe('when a membership narrows or ends', () => {
  it('a member demoted to viewer may still stop the timer they started', async () => {
    const f = await fixture();
    expect((await call(f.member, 'POST', `/tasks/${f.teamTask}/start-timer`)).statusCode).toBe(200);
    await setRole(t.database.db, f.team, f.member.id, 'viewer');
    clock.set(hm('12:20'));
    const stopped = await call(f.member, 'POST', `/tasks/${f.teamTask}/stop-timer`);
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json<WireTask>()).toMatchObject({ actual_minutes: 20, timer_started_at: null });
    expectForbidden(await call(f.member, 'POST', `/tasks/${f.teamTask}/start-timer`), 'member');
  });

  it('a removed member stops tracking on the team task and no longer sees it in GET /timer', async () => {
    const f = await fixture();
    expect((await call(f.member, 'POST', `/tasks/${f.teamTask}/start-timer`)).statusCode).toBe(200);
    clock.set(hm('12:30'));
    const removed = await call(f.owner, 'DELETE', `/workspaces/${f.team}/members/${f.member.id}`);
    expect(removed.statusCode, removed.body).toBe(204);
    // A non-member learns nothing of the workspace (DESIGN §7), its task titles included.
    const timer = await call(f.member, 'GET', '/timer');
    expect(timer.json<{ task: { workspace_id: number } | null }>().task?.workspace_id).not.toBe(
      f.team,
    );
    // The team is not credited with time tracked by someone who has left: the entry ended by
    // the removal at the latest, even if its former member only starts another timer hours on.
    clock.set(hm('15:30'));
    const own = await newTask(f.member);
    expect((await call(f.member, 'POST', `/tasks/${own}/start-timer`)).statusCode).toBe(200);
    const teamEntries = (await dbEntries(t.app, f.member.id)).filter(
      (e) => e.taskId === f.teamTask,
    );
    expect(teamEntries).toHaveLength(1);
    expect(teamEntries[0]!.endedAt?.getTime()).toBeLessThanOrEqual(Date.parse(hm('12:30')));
  });

  it('a token limited to one workspace does not see a timer running in another', async () => {
    const f = await fixture();
    expect((await call(f.member, 'POST', `/tasks/${f.teamTask}/start-timer`)).statusCode).toBe(200);
    const made = await call(f.member, 'POST', '/auth/tokens', {
      name: 'personal script',
      scopes: ['time:read'],
      workspace_id: await personalWorkspaceId(t.database.db, f.member.id),
    });
    expect(made.statusCode, made.body).toBe(201);
    const pat = {
      ...f.member,
      headers: { authorization: `Bearer ${made.json<{ token: string }>().token}` },
    };
    const timer = await call(pat, 'GET', '/timer');
    expect(timer.statusCode, timer.body).toBe(200);
    expect(timer.body).not.toContain('tracked');
    expect(timer.json<{ task: { workspace_id: number } | null }>().task?.workspace_id).not.toBe(
      f.team,
    );
    expect(await entryList(pat, '/time-entries')).toEqual({ ids: [], total: 0 });
  });
});

describe('hand-set actual_minutes on a team task', () => {
  it('needs admin once another member tracked time on it, since it would undo their time', async () => {
    const owner = await createUser(t.app);
    const member = await createUser(t.app);
    const other = await createUser(t.app);
    const team = await createTeam(t.database.db, {
      ownerId: owner.id,
      members: [
        { userId: member.id, role: 'member' },
        { userId: other.id, role: 'member' },
      ],
    });
    const task = await newTask(member, team);
    // Only the member's own time so far: they may set the total (an adjustment of their own).
    await log(member, task, '08:00', '08:30');
    const own = await call(member, 'PATCH', `/tasks/${task}`, { actual_minutes: 45 });
    expect(own.statusCode, own.body).toBe(200);
    expect(await dbActualMinutes(t.app, task)).toBe(45);

    await log(other, task, '09:00', '10:00'); // 60 minutes of someone else's time
    const wipe = await call(member, 'PATCH', `/tasks/${task}`, { actual_minutes: 0 });
    expectForbidden(wipe, 'admin');
    expect(await dbActualMinutes(t.app, task)).toBe(105);
    // The other fields of a PATCH stay open to the member.
    expect((await call(member, 'PATCH', `/tasks/${task}`, { title: 'renamed' })).statusCode).toBe(
      200,
    );
    const admin = await call(owner, 'PATCH', `/tasks/${task}`, { actual_minutes: 90 });
    expect(admin.statusCode, admin.body).toBe(200);
    expect(await dbActualMinutes(t.app, task)).toBe(90);
  });
});
