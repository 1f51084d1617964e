import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTeam, personalWorkspaceId } from './helpers/workspaces.js';

/**
 * tracked_minutes and budget_used_percent against a fixture computed by hand: every member's
 * finished entries and adjustments on the project's tasks, summed in seconds, then floored to
 * minutes; running timers, tasks without a project and other workspaces do not count.
 */

interface WireProject {
  id: number;
  workspace_id: number;
  name: string;
  budget_minutes: number | null;
  tracked_minutes: number;
  budget_used_percent: number | null;
}

const clock = manualClock(new Date('2026-03-02T18:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

async function call(
  user: TestUser,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: Record<string, unknown>,
  expected?: number,
) {
  const res = await t.app.inject({
    method,
    url,
    headers: user.headers,
    ...(payload ? { payload } : {}),
  });
  if (expected !== undefined && res.statusCode !== expected) {
    throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  }
  return res;
}

const project = async (user: TestUser, body: Record<string, unknown>) =>
  (await call(user, 'POST', '/projects', body, 201)).json<WireProject>();
const task = async (user: TestUser, body: Record<string, unknown>) =>
  (await call(user, 'POST', '/tasks', { title: 'work', ...body }, 201)).json<{ id: number }>().id;
/** A finished manual entry on 2026-03-02 between two times of day (UTC). */
const entry = (user: TestUser, taskId: number, from: string, to: string) =>
  call(
    user,
    'POST',
    `/tasks/${taskId}/time-entries`,
    { started_at: `2026-03-02T${from}Z`, ended_at: `2026-03-02T${to}Z` },
    201,
  );

describe('tracked_minutes and budget_used_percent', () => {
  it('sum every member’s finished time on the project’s tasks, floored to minutes', async () => {
    const [owner, member, viewer] = await Promise.all([
      createUser(t.app),
      createUser(t.app),
      createUser(t.app),
    ]);
    const team = await createTeam(t.database.db, {
      ownerId: owner.id,
      members: [
        { userId: member.id, role: 'member' },
        { userId: viewer.id, role: 'viewer' },
      ],
    });
    const ws = { workspace_id: team };
    const web = await project(owner, { ...ws, name: 'Web', budget_minutes: 120 });
    const api = await project(owner, { ...ws, name: 'Api', budget_minutes: 3 });
    const ops = await project(owner, { ...ws, name: 'Ops' });
    const idle = await project(owner, { ...ws, name: 'Idle', budget_minutes: 10 });
    // Same name, another workspace: its time must not leak into Web.
    const personalWeb = await project(owner, { name: 'Web', budget_minutes: 60 });

    const t1 = await task(owner, { ...ws, project_id: web.id });
    const t2 = await task(member, { ...ws, project_id: web.id });
    const t3 = await task(owner, { ...ws, project_id: api.id });
    const t4 = await task(owner, ws);
    const t5 = await task(owner, { ...ws, project_id: ops.id });
    const t6 = await task(owner, { project_id: personalWeb.id });

    // Web: 3,600 + 1,800 + 1,230 s = 6,630 s = 110.5 min → 110; 110 / 120 = 91.67 % → 91.7.
    await entry(owner, t1, '09:00:00', '10:00:00');
    await entry(member, t1, '10:00:00', '10:30:00');
    await entry(member, t2, '11:00:00', '11:20:30');
    // Api: 59 + 59 s = 118 s → 1 min (the sum is floored, not each entry); 1 / 3 → 33.3 %.
    await entry(owner, t3, '12:00:00', '12:00:59');
    await entry(owner, t3, '12:10:00', '12:10:59');
    // A running timer counts only once it stops.
    clock.set('2026-03-02T17:00:00.000Z');
    await call(member, 'POST', `/tasks/${t3}/start-timer`, undefined, 200);
    clock.set('2026-03-02T18:00:00.000Z');
    // No project: counts nowhere.
    await entry(owner, t4, '13:00:00', '14:00:00');
    // Ops: an adjustment (hand-set actual minutes) of 45 min; no budget → null.
    await call(owner, 'PATCH', `/tasks/${t5}`, { actual_minutes: 45 }, 200);
    // The personal workspace's Web: 30 min of 60 → 50 %.
    await entry(owner, t6, '15:00:00', '15:30:00');

    const expected = new Map([
      [web.id, { tracked_minutes: 110, budget_used_percent: 91.7 }],
      [api.id, { tracked_minutes: 1, budget_used_percent: 33.3 }],
      [ops.id, { tracked_minutes: 45, budget_used_percent: null }],
      [idle.id, { tracked_minutes: 0, budget_used_percent: 0 }],
      [personalWeb.id, { tracked_minutes: 30, budget_used_percent: 50 }],
    ]);
    const figures = (p: WireProject) => ({
      tracked_minutes: p.tracked_minutes,
      budget_used_percent: p.budget_used_percent,
    });

    // The list (one grouped query for the page) and each single read agree with the fixture.
    const listed = (await call(owner, 'GET', '/projects', undefined, 200)).json<WireProject[]>();
    expect(new Map(listed.map((p) => [p.id, figures(p)]))).toEqual(expected);
    for (const [id, want] of expected) {
      const one = (await call(owner, 'GET', `/projects/${id}`, undefined, 200)).json<WireProject>();
      expect(figures(one), `project ${id}`).toEqual(want);
    }
    // Every member sees the totals (no names in them), viewers included.
    for (const user of [member, viewer]) {
      const seen = (await call(user, 'GET', `/projects?workspace_id=${team}`, undefined, 200))
        .json<WireProject[]>()
        .map((p) => [p.id, figures(p)] as const);
      expect(new Map(seen)).toEqual(new Map([...expected].filter(([id]) => id !== personalWeb.id)));
    }
    // A small page still computes its own projects' figures (ordered: Api, Idle, Ops, Web).
    const page = (
      await call(owner, 'GET', `/projects?workspace_id=${team}&limit=2&offset=2`, undefined, 200)
    ).json<WireProject[]>();
    expect(page.map((p) => [p.id, figures(p)])).toEqual([
      [ops.id, expected.get(ops.id)],
      [web.id, expected.get(web.id)],
    ]);

    // Stopping the timer (17:00 → 17:30): 118 + 1,800 s = 1,918 s → 31 min; 31 / 3 → 1,033.3 %.
    clock.set('2026-03-02T17:30:00.000Z');
    await call(member, 'POST', `/tasks/${t3}/stop-timer`, undefined, 200);
    const after = (
      await call(owner, 'GET', `/projects/${api.id}`, undefined, 200)
    ).json<WireProject>();
    expect(figures(after)).toEqual({ tracked_minutes: 31, budget_used_percent: 1033.3 });
    clock.set('2026-03-02T18:00:00.000Z');
  });

  it('deleting a project keeps its tasks and their time, without a project', async () => {
    const owner = await createUser(t.app);
    const doomed = await project(owner, { name: 'Doomed', budget_minutes: 100 });
    const taskId = await task(owner, { project_id: doomed.id });
    await entry(owner, taskId, '08:00:00', '08:45:00');
    const before = (await call(owner, 'GET', `/projects/${doomed.id}`, undefined, 200)).json();
    expect(before).toMatchObject({ tracked_minutes: 45, budget_used_percent: 45 });

    await call(owner, 'DELETE', `/projects/${doomed.id}`, undefined, 204);
    const kept = (await call(owner, 'GET', `/tasks/${taskId}`, undefined, 200)).json<{
      project_id: number | null;
      actual_minutes: number;
      workspace_id: number;
    }>();
    expect(kept).toMatchObject({
      project_id: null,
      actual_minutes: 45,
      workspace_id: await personalWorkspaceId(t.database.db, owner.id),
    });
  });
});
