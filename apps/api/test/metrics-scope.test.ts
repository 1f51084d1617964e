import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PrioritiesResponse,
  SummaryResponse,
} from '../src/modules/metrics/metrics.schemas.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import type { TestUser } from './helpers/auth.js';
import { FIXTURE_NOW, seedTeam, type TeamFixture } from './helpers/metrics-team-fixture.js';
import { personalWorkspaceId } from './helpers/workspaces.js';

let t: TestApp;
let f: TeamFixture;
let open: TeamFixture;

beforeAll(async () => {
  t = await createTestApp({ clock: manualClock(new Date(FIXTURE_NOW)) });
  f = await seedTeam(t.app);
  open = await seedTeam(t.app, { membersSeeTeamTime: true });
});
afterAll(async () => {
  await t.close();
});

const get = (u: TestUser, path: string, query: string) =>
  t.app.inject({ method: 'GET', url: `${path}?days=7&${query}`, headers: u.headers });

/** tasks.total and tracked_minutes of /metrics/summary for the scope. */
async function summary(u: TestUser, query: string): Promise<[number, number]> {
  const res = await get(u, '/metrics/summary', query);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<SummaryResponse>();
  return [body.tasks.total, body.tracked_minutes];
}

describe('the default scope: my tasks and my entries in every workspace I can see', () => {
  it("counts the member's assigned team tasks, their personal task and all their time", async () => {
    // t1, t3 (assigned to them), tp (personal); 60 + 30 + 15 minutes.
    expect(await summary(f.member, '')).toEqual([3, 105]);
  });

  it('counts a task created by me and assigned to someone else as theirs, not mine', async () => {
    // The owner created t1, t3 (assigned to the member) and t4 (unassigned): only t4 is theirs.
    expect(await summary(f.owner, '')).toEqual([1, 45]);
  });

  it('equals user_id = me', async () => {
    expect(await summary(f.member, `user_id=${f.member.id}`)).toEqual([3, 105]);
  });
});

describe('workspace_id', () => {
  it("gives an admin all of the workspace's tasks and entries", async () => {
    expect(await summary(f.admin, `workspace_id=${f.workspaceId}`)).toEqual([4, 255]);
  });

  it('gives a member all of its tasks but only their own time without the setting', async () => {
    expect(await summary(f.member, `workspace_id=${f.workspaceId}`)).toEqual([4, 90]);
    expect(await summary(f.viewer, `workspace_id=${f.workspaceId}`)).toEqual([4, 0]);
  });

  it('gives members everyone’s time when the workspace shares team time', async () => {
    expect(await summary(open.member, `workspace_id=${open.workspaceId}`)).toEqual([4, 255]);
    expect(await summary(open.viewer, `workspace_id=${open.workspaceId}`)).toEqual([4, 255]);
  });

  it('answers a stranger 404, as for a workspace that does not exist', async () => {
    const res = await get(f.stranger, '/metrics/summary', `workspace_id=${f.workspaceId}`);
    expect(res.statusCode).toBe(404);
    const none = await get(f.stranger, '/metrics/summary', 'workspace_id=2147483647');
    expect(none.statusCode).toBe(404);
    expect(res.json<{ detail: string }>().detail).toBe(none.json<{ detail: string }>().detail);
  });

  it("splits the admin's workspace view by priority with the same total", async () => {
    const res = await get(f.admin, '/metrics/priorities', `workspace_id=${f.workspaceId}`);
    const rows = res.json<PrioritiesResponse>().priorities;
    expect(rows.reduce((s, r) => s + r.tracked_minutes, 0)).toBe(255);
    expect(rows.find((r) => r.priority === 'medium')).toMatchObject({ open: 2, done: 2 });
  });
});

describe('project_id', () => {
  it("gives an admin the project's tasks and everyone's entries on them", async () => {
    expect(await summary(f.admin, `project_id=${f.alpha}`)).toEqual([2, 180]);
    expect(await summary(f.admin, `project_id=${f.beta}`)).toEqual([1, 30]);
  });

  it('gives a member only their own time on it', async () => {
    expect(await summary(f.member, `project_id=${f.alpha}`)).toEqual([2, 60]);
  });

  it('answers 404 to a stranger and for a project outside workspace_id', async () => {
    expect((await get(f.stranger, '/metrics/summary', `project_id=${f.alpha}`)).statusCode).toBe(
      404,
    );
    const personal = await personalWorkspaceId(t.app.database.db, f.admin.id);
    const res = await get(
      f.admin,
      '/metrics/summary',
      `project_id=${f.alpha}&workspace_id=${personal}`,
    );
    expect(res.statusCode).toBe(404);
    const none = await get(f.admin, '/metrics/summary', 'project_id=2147483647');
    expect(none.statusCode).toBe(404);
  });
});

describe('user_id', () => {
  it("gives an admin a member's tasks and time in the workspaces they share", async () => {
    // The member's personal task and its 15 minutes are not the admin's to see.
    expect(await summary(f.admin, `user_id=${f.member.id}`)).toEqual([2, 90]);
    expect(await summary(f.admin, `user_id=${f.member.id}&workspace_id=${f.workspaceId}`)).toEqual([
      2, 90,
    ]);
    expect(await summary(f.admin, `user_id=${f.member.id}&project_id=${f.alpha}`)).toEqual([1, 60]);
  });

  it('refuses a member 403 forbidden for another member, naming the role needed', async () => {
    for (const query of [
      `user_id=${f.admin.id}`,
      `user_id=${f.admin.id}&workspace_id=${f.workspaceId}`,
    ]) {
      const res = await get(f.member, '/metrics/summary', query);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden', required_role: 'admin' });
    }
    const viewer = await get(f.viewer, '/metrics/summary', `user_id=${f.member.id}`);
    expect(viewer.statusCode).toBe(403);
  });

  it('lets a member see another member when the workspace shares team time', async () => {
    expect(await summary(open.viewer, `user_id=${open.member.id}`)).toEqual([2, 90]);
  });

  it('answers 404 for a user the caller shares no workspace with', async () => {
    expect((await get(f.stranger, '/metrics/summary', `user_id=${f.member.id}`)).statusCode).toBe(
      404,
    );
    const res = await get(
      f.admin,
      '/metrics/summary',
      `user_id=${f.stranger.id}&workspace_id=${f.workspaceId}`,
    );
    expect(res.statusCode).toBe(404);
  });
});

describe('every metrics endpoint takes the scope', () => {
  const paths = [
    '/metrics/summary',
    '/metrics/categories',
    '/metrics/weekly',
    '/metrics/time-efficiency',
    '/metrics/productivity-trends',
    '/metrics/priorities',
    '/metrics/insights',
  ];
  it.each(paths)('%s: 200 in scope, 404 for a stranger, 403 for a weaker role', async (path) => {
    expect((await get(f.admin, path, `workspace_id=${f.workspaceId}`)).statusCode).toBe(200);
    expect((await get(f.admin, path, `project_id=${f.alpha}`)).statusCode).toBe(200);
    expect((await get(f.stranger, path, `workspace_id=${f.workspaceId}`)).statusCode).toBe(404);
    expect((await get(f.stranger, path, `project_id=${f.alpha}`)).statusCode).toBe(404);
    expect((await get(f.member, path, `user_id=${f.admin.id}`)).statusCode).toBe(403);
  });
});
