import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

export interface TestUser {
  id: number;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** `{ authorization: 'Bearer …' }`, ready for inject's headers. */
  headers: { authorization: string };
}

let counter = 0;

/** A unique email per call, so tests never collide on the shared PostgreSQL database. */
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${randomBytes(3).toString('hex')}@example.com`;
}

/** Registers a user and logs in through the real HTTP routes. */
export async function createUser(
  app: FastifyInstance,
  overrides: { email?: string; password?: string; full_name?: string; timezone?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const reg = await app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: {
      email,
      password,
      ...(overrides.full_name ? { full_name: overrides.full_name } : {}),
      ...(overrides.timezone ? { timezone: overrides.timezone } : {}),
    },
  });
  if (reg.statusCode !== 201) throw new Error(`register failed: ${reg.statusCode} ${reg.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email, password },
  });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const tokens = login.json<{ access_token: string; refresh_token: string }>();
  return {
    id: reg.json<{ id: number }>().id,
    email,
    password,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    headers: { authorization: `Bearer ${tokens.access_token}` },
  };
}
