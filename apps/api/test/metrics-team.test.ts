import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamResponse } from '../src/modules/metrics/metrics.schemas.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import type { TestUser } from './helpers/auth.js';
import { FIXTURE_NOW, seedTeam, type TeamFixture } from './helpers/metrics-team-fixture.js';
import { addPersonalToken } from './helpers/metrics-fixtures.js';
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

const team = (u: TestUser | { authorization: string }, query: string) =>
  t.app.inject({
    method: 'GET',
    url: `/metrics/team?${query}`,
    headers: 'headers' in u ? u.headers : u,
  });

async function teamOf(u: TestUser, fx: TeamFixture): Promise<TeamResponse> {
  const res = await team(u, `workspace_id=${fx.workspaceId}&days=7`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TeamResponse>();
}

/** The member rows of the fixture, as its table says (admin's view: everyone). */
function everyone(fx: TeamFixture) {
  return [
    { user: fx.owner, name: 'Olga Owner', tracked: 45, completed: 0, accuracy: null },
    // t2: done, unassigned, created by the admin: 1 − |150 − 100| ÷ 100 = 0.5.
    { user: fx.admin, name: 'Adam Admin', tracked: 120, completed: 1, accuracy: 50 },
    // t1: done, assigned to the member: 1 − |66 − 60| ÷ 60 = 0.9. Their 15 personal minutes
    // are in another workspace; the 20 February hour is outside the period.
    { user: fx.member, name: 'Mia Member', tracked: 90, completed: 1, accuracy: 90 },
    { user: fx.viewer, name: 'Vic Viewer', tracked: 0, completed: 0, accuracy: null },
  ]
    .map((m) => ({
      user_id: m.user.id,
      full_name: m.name,
      email: m.user.email,
      tracked_minutes: m.tracked,
      tasks_completed: m.completed,
      estimate_accuracy: m.accuracy,
    }))
    .sort((a, b) => a.user_id - b.user_id);
}

function projectsOf(fx: TeamFixture) {
  return [
    // Alpha: member 60 + admin 120 in the period; all time 66 + 150 = 216 of 600 → 36.0 %.
    {
      project_id: fx.alpha,
      name: 'Alpha',
      color: '#112233',
      tracked_minutes: 180,
      budget_minutes: 600,
      budget_used_percent: 36,
    },
    {
      project_id: fx.beta,
      name: 'Beta',
      color: '#112233',
      tracked_minutes: 30,
      budget_minutes: null,
      budget_used_percent: null,
    },
  ];
}

describe('GET /metrics/team', () => {
  it('gives an admin every member, every project and the unassigned time', async () => {
    const body = await teamOf(f.admin, f);
    expect(body.period).toEqual({ from: '2026-03-04', to: '2026-03-10', tz: 'UTC' });
    expect(body.members).toEqual(everyone(f));
    expect(body.projects).toEqual(projectsOf(f));
    expect(body.unassigned).toEqual({ tracked_minutes: 45 });
  });

  it('gives the owner the same', async () => {
    const body = await teamOf(f.owner, f);
    expect(body.members).toEqual(everyone(f));
    expect(body.projects).toEqual(projectsOf(f));
  });

  it("gives a member and a viewer only their own row, and the projects' totals", async () => {
    const mine = await teamOf(f.member, f);
    expect(mine.members).toEqual(everyone(f).filter((m) => m.user_id === f.member.id));
    expect(mine.projects).toEqual(projectsOf(f));
    expect(mine.unassigned).toEqual({ tracked_minutes: 45 });
    const viewer = await teamOf(f.viewer, f);
    expect(viewer.members).toEqual(everyone(f).filter((m) => m.user_id === f.viewer.id));
    expect(viewer.projects).toEqual(projectsOf(f));
  });

  it('gives members and viewers everyone when the workspace shares team time', async () => {
    expect((await teamOf(open.member, open)).members).toEqual(everyone(open));
    expect((await teamOf(open.viewer, open)).members).toEqual(everyone(open));
  });

  it('counts only the period', async () => {
    const res = await team(f.admin, `workspace_id=${f.workspaceId}&from=2026-03-06&to=2026-03-06`);
    const body = res.json<TeamResponse>();
    const byUser = new Map(body.members.map((m) => [m.user_id, m]));
    expect(byUser.get(f.member.id)?.tracked_minutes).toBe(30);
    expect(byUser.get(f.member.id)?.tasks_completed).toBe(0);
    expect(byUser.get(f.admin.id)?.tracked_minutes).toBe(120);
    expect(byUser.get(f.owner.id)?.tracked_minutes).toBe(0);
    expect(body.projects.map((p) => p.tracked_minutes)).toEqual([120, 30]);
    // Budget use is all-time, whatever the period.
    expect(body.projects[0]?.budget_used_percent).toBe(36);
    expect(body.unassigned).toEqual({ tracked_minutes: 0 });
  });

  it('answers a stranger 404, as for a workspace that does not exist', async () => {
    const stranger = await team(f.stranger, `workspace_id=${f.workspaceId}`);
    expect(stranger.statusCode).toBe(404);
    const none = await team(f.admin, 'workspace_id=2147483647');
    expect(none.statusCode).toBe(404);
    expect(stranger.json<{ code: string }>().code).toBe(none.json<{ code: string }>().code);
  });

  it('gives a personal workspace its one member', async () => {
    const ws = await personalWorkspaceId(t.app.database.db, f.member.id);
    const res = await team(f.member, `workspace_id=${ws}&days=7`);
    expect(res.statusCode).toBe(200);
    const body = res.json<TeamResponse>();
    expect(body.members.map((m) => [m.user_id, m.tracked_minutes])).toEqual([[f.member.id, 15]]);
    expect(body.projects).toEqual([]);
    expect(body.unassigned).toEqual({ tracked_minutes: 15 });
  });

  it('requires workspace_id, and refuses unknown parameters', async () => {
    expect((await team(f.admin, 'days=7')).statusCode).toBe(422);
    expect((await team(f.admin, `workspace_id=${f.workspaceId}&user_id=1`)).statusCode).toBe(422);
  });

  it('needs the metrics:read scope on a personal access token', async () => {
    const without = await addPersonalToken(t.app, f.admin.id, ['tasks:read']);
    expect((await team(without, `workspace_id=${f.workspaceId}`)).statusCode).toBe(403);
    const withRead = await addPersonalToken(t.app, f.admin.id, ['metrics:read']);
    expect((await team(withRead, `workspace_id=${f.workspaceId}`)).statusCode).toBe(200);
  });
});
