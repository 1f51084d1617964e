import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { personalAccessTokens } from '../../src/db/schema/index.js';
import type { Role } from '../../src/modules/workspaces/workspaces.policy.js';
import { createUser, type TestUser } from './auth.js';
import { createTeam } from './workspaces.js';

/** HTTP calls for the workspace, member and invitation tests. */

export type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export function send(
  app: FastifyInstance,
  headers: Headers,
  method: Method,
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** A team with one user per role, the owner first; `id` is the workspace. */
export interface Team {
  id: number;
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  viewer: TestUser;
}

/** Four new accounts and a team workspace holding them, one per role (written to the DB). */
export async function createTeamOfFour(app: FastifyInstance, name?: string): Promise<Team> {
  const [owner, admin, member, viewer] = await Promise.all([
    createUser(app),
    createUser(app),
    createUser(app),
    createUser(app),
  ]);
  const roles: [TestUser, Role][] = [
    [admin, 'admin'],
    [member, 'member'],
    [viewer, 'viewer'],
  ];
  const id = await createTeam(app.database.db, {
    ownerId: owner.id,
    members: roles.map(([u, role]) => ({ userId: u.id, role })),
    ...(name === undefined ? {} : { name }),
  });
  return { id, owner, admin, member, viewer };
}

/** A `dtk_` token with `scopes`, limited to `workspaceId` (null: every workspace). */
export async function personalToken(
  app: FastifyInstance,
  user: TestUser,
  scopes: string[],
  workspaceId: number | null = null,
): Promise<Headers> {
  const res = await send(app, user.headers, 'POST', '/auth/tokens', { name: 'script', scopes });
  if (res.statusCode !== 201) throw new Error(`token failed: ${res.statusCode} ${res.body}`);
  const { id, token } = res.json<{ id: number; token: string }>();
  // No route sets the limit yet; set it before the token's first use (nothing cached).
  await app.database.db
    .update(personalAccessTokens)
    .set({ workspaceId })
    .where(eq(personalAccessTokens.id, id));
  return { authorization: `Bearer ${token}` };
}

/** POST /workspaces/{id}/invitations; fails the test unless it answers 201. */
export async function invite(
  app: FastifyInstance,
  by: TestUser,
  workspaceId: number,
  email: string,
  role: Exclude<Role, 'owner'> = 'member',
  extra: Record<string, unknown> = {},
): Promise<{ id: number; token: string; expires_at: string }> {
  const res = await send(app, by.headers, 'POST', `/workspaces/${workspaceId}/invitations`, {
    email,
    role,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`invite failed: ${res.statusCode} ${res.body}`);
  return res.json();
}
