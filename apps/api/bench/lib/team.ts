import pg from 'pg';
import type { LoggedIn } from './tokens.js';
import type { LatencyProbe } from './scenarios.js';

/**
 * Issue 15's team: one workspace of `members` users (the owner is a logged-in sampled user, the
 * others any seeded users), `projects` projects with budgets, `tasksPerMember` tasks each, and a
 * year of entries, `entriesPerMember` per member (≈2,000: one every 4.4 hours, 20–110 minutes,
 * ending before now), written with SQL set operations like the rest of the seed. The entries go
 * through the time_rollups triggers (one statement, one set-based upsert), so the rollups are
 * what the API's writes would have left; actual_minutes follows the ledger rule.
 */
export interface TeamSizes {
  members: number;
  projects: number;
  tasksPerMember: number;
  entriesPerMember: number;
}

export const TEAM_SIZES: TeamSizes = {
  members: 50,
  projects: 10,
  tasksPerMember: 100,
  entriesPerMember: 2000,
};

/** The team in full and quick runs; a token team in the smoke run (it checks the harness). */
export function teamSizes(mode: 'full' | 'quick' | 'smoke', users: number): TeamSizes {
  if (mode !== 'smoke') return { ...TEAM_SIZES, members: Math.min(TEAM_SIZES.members, users) };
  return { members: Math.min(4, users), projects: 2, tasksPerMember: 5, entriesPerMember: 20 };
}

export interface TeamFixture {
  owner: LoggedIn;
  workspaceId: number;
  projectId: number;
  memberId: number;
  entries: number;
}

export async function seedTeam(
  url: string,
  owner: LoggedIn,
  sizes: TeamSizes,
  log: (line: string) => void,
): Promise<TeamFixture> {
  const client = new pg.Client({ connectionString: url, application_name: 'devtrackr-bench' });
  await client.connect();
  const t0 = performance.now();
  try {
    await client.query('begin');
    const ws = await client.query<{ id: number }>(
      `insert into workspaces (name) values ('Bench team') returning id`,
    );
    const workspaceId = ws.rows[0]!.id;
    // The owner, then the first other users by id as members.
    await client.query(
      `insert into workspace_members (workspace_id, user_id, role)
       select $1::int, $2::int, 'owner'::workspace_role
       union all
       select $1::int, id, 'member'::workspace_role from (
         select id from users where id <> $2::int order by id limit $3::int) u`,
      [workspaceId, owner.id, sizes.members - 1],
    );
    await client.query(
      `insert into projects (workspace_id, name, budget_minutes)
       select $1::int, 'Project ' || i, case when i % 3 = 0 then null else 20000 * i end
       from generate_series(1, $2::int) i`,
      [workspaceId, sizes.projects],
    );
    // Tasks: each member creates tasksPerMember, assigned to themselves (one in 10 unassigned),
    // spread over the projects (one in 8 without a project); a third done in the year.
    await client.query(
      `insert into tasks (workspace_id, owner_id, assignee_id, project_id, title, status,
         estimated_minutes, created_at, completed_at)
       select $1::int, m.user_id, case when k % 10 = 0 then null else m.user_id end,
         case when k % 8 = 0 then null
           else (select min(id) from projects where workspace_id = $1::int) + (k % $3::int) end,
         'Team task ' || k,
         (case when k % 3 = 0 then 'done' else 'todo' end)::task_status,
         30 + (k * 7) % 120,
         now() - interval '400 days' + k * interval '3 days',
         case when k % 3 = 0 then now() - interval '365 days' + k * interval '3.6 days' end
       from workspace_members m cross join generate_series(1, $2::int) k
       where m.workspace_id = $1::int`,
      [workspaceId, sizes.tasksPerMember, sizes.projects],
    );
    // Entries: member's j-th entry on one of their tasks, every 365 d / entriesPerMember.
    const entries = await client.query(
      `insert into time_entries (workspace_id, task_id, user_id, started_at, ended_at, source)
       select $1::int, t.id, m.user_id, s.at, s.at + ((20 + (j * 37) % 90) * interval '1 minute'),
         'timer'
       from workspace_members m
       cross join generate_series(1, $2::int) j
       cross join lateral (select now() - interval '365 days'
         + (j - 1) * (interval '365 days' / $2::int) + (m.user_id % 60) * interval '1 minute' as at) s
       cross join lateral (select id from tasks
         where workspace_id = $1::int and owner_id = m.user_id
         order by id offset (j % $3::int) limit 1) t
       where m.workspace_id = $1::int`,
      [workspaceId, sizes.entriesPerMember, sizes.tasksPerMember],
    );
    await client.query(
      `update tasks t set actual_minutes = s.minutes
       from (select task_id, round(sum(duration_seconds) / 60.0)::int as minutes
             from time_entries where workspace_id = $1::int group by task_id) s
       where t.workspace_id = $1::int and t.id = s.task_id`,
      [workspaceId],
    );
    const member = await client.query<{ user_id: number }>(
      `select user_id from workspace_members where workspace_id = $1::int and role = 'member'
       order by user_id limit 1`,
      [workspaceId],
    );
    const project = await client.query<{ id: number }>(
      `select min(id) as id from projects where workspace_id = $1::int`,
      [workspaceId],
    );
    await client.query('commit');
    await client.query('analyze tasks, time_entries, time_rollups, workspace_members, projects');
    log(
      `team: ${sizes.members} members, ${entries.rowCount} entries, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return {
      owner,
      workspaceId,
      projectId: project.rows[0]!.id,
      memberId: member.rows[0]!.user_id,
      entries: entries.rowCount ?? 0,
    };
  } finally {
    await client.end();
  }
}

const TEAM_ENDPOINTS = [
  'summary',
  'categories',
  'weekly',
  'time-efficiency',
  'productivity-trends',
  'priorities',
  'insights',
] as const;

/** Sequential probes: /metrics/team and every endpoint scoped to the workspace, a project, a user. */
export function teamProbes(team: TeamFixture): LatencyProbe[] {
  const headers = { authorization: `Bearer ${team.owner.token}` };
  const probe = (name: string, title: string, path: string): LatencyProbe => ({
    name,
    title,
    requests: [{ method: 'GET', path, headers }],
  });
  const ws = `workspace_id=${team.workspaceId}`;
  return [
    probe(
      'metrics-team-90d',
      'GET /metrics/team?days=90 (50 members)',
      `/metrics/team?days=90&${ws}`,
    ),
    ...TEAM_ENDPOINTS.map((e) =>
      probe(
        `metrics-${e}-ws-90d`,
        `GET /metrics/${e}?days=90&workspace_id`,
        `/metrics/${e}?days=90&${ws}`,
      ),
    ),
    probe(
      'metrics-summary-project-90d',
      'GET /metrics/summary?days=90&project_id',
      `/metrics/summary?days=90&project_id=${team.projectId}`,
    ),
    probe(
      'metrics-summary-user-90d',
      'GET /metrics/summary?days=90&user_id (a member)',
      `/metrics/summary?days=90&${ws}&user_id=${team.memberId}`,
    ),
  ];
}
