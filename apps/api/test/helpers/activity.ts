import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { createUser, type TestUser } from './auth.js';

/** A user and the personal access token an editor plugin sends, as wakatime-cli sends it. */
export interface Editor {
  user: TestUser;
  token: string;
  /** wakatime-cli: base64 of the key alone, no "user:" and no colon. */
  basic: { authorization: string };
}

export async function newEditor(
  app: FastifyInstance,
  options: { scopes?: string[]; timezone?: string } = {},
): Promise<Editor> {
  const user = await createUser(
    app,
    options.timezone === undefined ? {} : { timezone: options.timezone },
  );
  const res = await app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: user.headers,
    payload: { name: 'editor', scopes: options.scopes ?? ['activity:write'] },
  });
  expect(res.statusCode, res.body).toBe(201);
  const token = res.json<{ token: string }>().token;
  return {
    user,
    token,
    basic: { authorization: `Basic ${Buffer.from(token).toString('base64')}` },
  };
}
