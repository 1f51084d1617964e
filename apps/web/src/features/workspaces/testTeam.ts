import { json, type Handler } from '../../test/fakeApi';
import { signedIn, taskPage } from '../tasks/testTasks';
import type { Member, Workspace } from './teamTypes';

// Fixtures for the teams' component tests: workspaces and members as the API sends them.

export function makeWorkspace(id: number, fields: Partial<Workspace> = {}): Workspace {
  return {
    id,
    name: `Workspace ${id}`,
    personal: false,
    role: 'owner',
    members_see_team_time: false,
    member_count: 2,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

export const personal = makeWorkspace(1, { name: 'Personal', personal: true, member_count: 1 });
export const acme = makeWorkspace(2, { name: 'Acme', member_count: 3 });

export function makeMember(userId: number, fields: Partial<Member> = {}): Member {
  return {
    user_id: userId,
    email: `user${userId}@example.com`,
    full_name: `User ${userId}`,
    role: 'member',
    joined_at: '2026-01-02T00:00:00Z',
    ...fields,
  };
}

/** A signed-in person in `workspaces`, with empty task and project lists, plus the test's routes. */
export function teamHandlers(
  workspaces: Workspace[],
  handlers: Record<string, Handler> = {},
): Record<string, Handler> {
  return signedIn({
    'GET /workspaces': () => json(workspaces),
    'GET /tasks': () => taskPage([], 0),
    'GET /projects': () => json([]),
    ...handlers,
  });
}
