import type { FastifyInstance } from 'fastify';
import { projects } from '../../src/db/schema/index.js';
import { createUser, type TestUser } from './auth.js';
import { addEntry, addTask } from './metrics-fixtures.js';
import { createTeam } from './workspaces.js';

/**
 * One team workspace with a member of every role and a stranger, two projects, tasks and
 * entries at chosen instants (UTC users; the clock is 2026-03-10T12:00Z, so `days=7` is
 * 4–10 March). Every figure the scope and team tests expect is derived here by hand:
 *
 * | task | project | creator | assignee | status            | est | actual |
 * |------|---------|---------|----------|-------------------|-----|--------|
 * | t1   | Alpha   | owner   | member   | done 5 March      | 60  | 66     |
 * | t2   | Alpha   | admin   | –        | done 6 March      | 100 | 150    |
 * | t3   | Beta    | owner   | member   | todo              | –   | 30     |
 * | t4   | –       | owner   | –        | todo              | –   | 0      |
 * | tp   | member's personal workspace, created by member, todo   | –   | 15     |
 *
 * Entries in the period: member 60 min on t1 (5 March) and 30 on t3 (6 March), admin 120 on
 * t2 (6 March), owner 45 on t4 (7 March), member 15 on tp (8 March). Outside it: member 60 on
 * t1 (20 February).
 */
export interface TeamFixture {
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
  stranger: TestUser;
  workspaceId: number;
  alpha: number;
  beta: number;
  tasks: { t1: number; t2: number; t3: number; t4: number; tp: number };
}

export const FIXTURE_NOW = '2026-03-10T12:00:00Z';

export async function seedTeam(
  app: FastifyInstance,
  options: { membersSeeTeamTime?: boolean } = {},
): Promise<TeamFixture> {
  const db = app.database.db;
  const user = (name: string) => createUser(app, { timezone: 'UTC', full_name: name });
  const owner = await user('Olga Owner');
  const admin = await user('Adam Admin');
  const member = await user('Mia Member');
  const viewer = await user('Vic Viewer');
  const stranger = await user('Sam Stranger');
  const workspaceId = await createTeam(db, {
    ownerId: owner.id,
    members: [
      { userId: admin.id, role: 'admin' },
      { userId: member.id, role: 'member' },
      { userId: viewer.id, role: 'viewer' },
    ],
    membersSeeTeamTime: options.membersSeeTeamTime ?? false,
  });
  const project = async (name: string, budgetMinutes: number | null) => {
    const [row] = await db
      .insert(projects)
      .values({ workspaceId, name, color: '#112233', budgetMinutes })
      .returning({ id: projects.id });
    if (!row) throw new Error('project insert returned no row');
    return row.id;
  };
  const alpha = await project('Alpha', 600);
  const beta = await project('Beta', null);
  const inTeam = { workspaceId };
  const t1 = await addTask(app, owner.id, {
    ...inTeam,
    projectId: alpha,
    assigneeId: member.id,
    status: 'done',
    estimated: 60,
    actual: 66,
    createdAt: '2026-03-01T09:00:00Z',
    completedAt: '2026-03-05T15:00:00Z',
  });
  const t2 = await addTask(app, admin.id, {
    ...inTeam,
    projectId: alpha,
    status: 'done',
    estimated: 100,
    actual: 150,
    createdAt: '2026-03-01T09:00:00Z',
    completedAt: '2026-03-06T15:00:00Z',
  });
  const t3 = await addTask(app, owner.id, {
    ...inTeam,
    projectId: beta,
    assigneeId: member.id,
    actual: 30,
    createdAt: '2026-03-02T09:00:00Z',
  });
  const t4 = await addTask(app, owner.id, { ...inTeam, createdAt: '2026-03-02T09:00:00Z' });
  const tp = await addTask(app, member.id, { actual: 15, createdAt: '2026-03-03T09:00:00Z' });
  await addEntry(app, member.id, t1, '2026-03-05T09:00:00Z', '2026-03-05T10:00:00Z');
  await addEntry(app, member.id, t1, '2026-02-20T09:00:00Z', '2026-02-20T10:00:00Z');
  await addEntry(app, member.id, t3, '2026-03-06T09:00:00Z', '2026-03-06T09:30:00Z');
  await addEntry(app, admin.id, t2, '2026-03-06T10:00:00Z', '2026-03-06T12:00:00Z');
  await addEntry(app, owner.id, t4, '2026-03-07T08:00:00Z', '2026-03-07T08:45:00Z');
  await addEntry(app, member.id, tp, '2026-03-08T09:00:00Z', '2026-03-08T09:15:00Z');
  return {
    owner,
    admin,
    member,
    viewer,
    stranger,
    workspaceId,
    alpha,
    beta,
    tasks: { t1, t2, t3, t4, tp },
  };
}
