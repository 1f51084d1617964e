import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { authCalls, jwtClaims } from './helpers/auth-calls.js';
import { LeakWatch } from './helpers/auth-leaks.js';
import { createUser, type TestUser } from './helpers/auth.js';

// Written out here rather than imported, so a scope renamed in the code fails this test.
const SCOPES = [
  'tasks:read',
  'tasks:write',
  'time:read',
  'time:write',
  'metrics:read',
  'activity:write',
] as const;
const DAY_MS = 86_400_000;
const PROPAGATION_BOUND_MS = 5_000;

const probePath = (scope: string) => `/probe/${scope.replace(':', '/')}`;

const clock = manualClock();
const watch = new LeakWatch();
let t: TestApp;
let other: TestApp;
const api = authCalls(() => t.app);

/** One probe route per scope, each requiring exactly that scope (the feature routes are elsewhere). */
function probes(app: FastifyInstance): void {
  watch.record(app);
  for (const scope of SCOPES) {
    app.get(probePath(scope), { onRequest: app.authenticate(scope) }, (request) => ({
      user_id: request.auth.userId,
    }));
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock, logStream: watch.logStream, extraRoutes: probes });
  other = await createTestApp({ clock, database: t.database, extraRoutes: probes });
});
afterAll(async () => {
  await other.close();
  await t.close();
});

async function newUser(): Promise<TestUser> {
  return watch.track(await createUser(t.app));
}

interface Created {
  id: number;
  token: string;
  body: Record<string, unknown>;
}

async function createToken(user: TestUser, payload: Record<string, unknown>): Promise<Created> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: user.headers,
    payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  const body = res.json();
  watch.add('personal access token', body.token);
  return { id: body.id, token: body.token, body };
}

const withoutSecret = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'token'));

const get = (app: FastifyInstance, url: string, token: string) =>
  app.inject({ url, headers: api.bearer(token) });

describe('creating and listing personal access tokens', () => {
  it('answers 201 with the secret once, then lists it without the secret', async () => {
    const user = await newUser();
    const created = await createToken(user, {
      name: ' deploy bot ',
      scopes: ['time:write', 'tasks:read'],
      expires_in_days: 30,
    });
    expect(created.token).toMatch(/^dtk_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toEqual({
      id: created.id,
      name: 'deploy bot',
      scopes: ['tasks:read', 'time:write'],
      workspace_id: null,
      prefix: created.token.slice(0, 12),
      created_at: clock().toISOString(),
      expires_at: new Date(clock().getTime() + 30 * DAY_MS).toISOString(),
      last_used_at: null,
      token: created.token,
    });

    const list = await get(t.app, '/auth/tokens', user.accessToken);
    expect(list.statusCode).toBe(200);
    expect(list.headers['x-total-count']).toBe('1');
    expect(list.body).not.toContain(created.token);
    expect(list.json()).toEqual([withoutSecret(created.body)]);
  });

  it('without expires_in_days the token never expires', async () => {
    const user = await newUser();
    const created = await createToken(user, { name: 'forever', scopes: ['metrics:read'] });
    expect(created.body.expires_at).toBeNull();
    clock.advance(3650 * DAY_MS);
    expect((await get(t.app, probePath('metrics:read'), created.token)).statusCode).toBe(200);
  });

  it('records when a token was last used', async () => {
    const user = await newUser();
    const created = await createToken(user, { name: 'ci', scopes: ['tasks:read'] });
    expect((await get(t.app, probePath('tasks:read'), created.token)).statusCode).toBe(200);
    const list = await get(t.app, '/auth/tokens', user.accessToken);
    expect(list.json()[0].last_used_at).toEqual(expect.any(String));
  });

  it('paginates newest first with X-Total-Count and Link', async () => {
    const user = await newUser();
    const ids: number[] = [];
    for (const name of ['a', 'b', 'c']) {
      ids.push((await createToken(user, { name, scopes: ['tasks:read'] })).id);
    }
    const page = await get(t.app, '/auth/tokens?limit=2&offset=0', user.accessToken);
    expect(page.headers['x-total-count']).toBe('3');
    expect(page.json().map((r: { id: number }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page.headers.link).toBe('</auth/tokens?limit=2&offset=2>; rel="next"');
    const last = await get(t.app, '/auth/tokens?limit=2&offset=2', user.accessToken);
    expect(last.json().map((r: { id: number }) => r.id)).toEqual([ids[0]]);
    expect(last.headers.link).toBe('</auth/tokens?limit=2&offset=0>; rel="prev"');
    expect((await get(t.app, '/auth/tokens?limit=201', user.accessToken)).statusCode).toBe(422);
  });

  it('lists only the caller’s tokens', async () => {
    const alice = await newUser();
    const bob = await newUser();
    await createToken(alice, { name: 'alice', scopes: ['tasks:read'] });
    const list = await get(t.app, '/auth/tokens', bob.accessToken);
    expect(list.json()).toEqual([]);
    expect(list.headers['x-total-count']).toBe('0');
  });

  it.each([
    [{ name: '', scopes: ['tasks:read'] }, 'body.name'],
    [{ name: 'x'.repeat(101), scopes: ['tasks:read'] }, 'body.name'],
    [{ name: 'n', scopes: [] }, 'body.scopes'],
    [{ name: 'n', scopes: ['admin'] }, 'body.scopes.0'],
    [{ name: 'n', scopes: ['account'] }, 'body.scopes.0'],
    [{ name: 'n', scopes: ['tasks:read', 'tasks:read'] }, 'body.scopes'],
    [{ name: 'n', scopes: ['tasks:read'], expires_in_days: 0 }, 'body.expires_in_days'],
    [{ name: 'n', scopes: ['tasks:read'], user_id: 1 }, 'body.user_id'],
  ])('refuses %j with 422 at %s', async (payload, location) => {
    const user = await newUser();
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: user.headers,
      payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
  });

  it('caps the live tokens of an account at 100 (409 token_limit_reached)', async () => {
    const user = await newUser();
    await t.database.db.execute(
      sql`insert into personal_access_tokens (user_id, name, token_hash, token_prefix, scopes)
          select ${user.id}, 'bulk', 'hash-' || ${user.id} || '-' || g, 'dtk_bulk', '{tasks:read}'
          from generate_series(1, 99) g`,
    );
    await createToken(user, { name: 'the 100th', scopes: ['tasks:read'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: user.headers,
      payload: { name: 'one too many', scopes: ['tasks:read'] },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('token_limit_reached');
  });
});

describe('the scope matrix', () => {
  it.each(SCOPES)('a token with only %s passes its own scope and nothing else', async (granted) => {
    const user = await newUser();
    const { token } = await createToken(user, { name: granted, scopes: [granted] });
    for (const required of SCOPES) {
      const res = await get(t.app, probePath(required), token);
      if (required === granted) {
        expect(res.statusCode, required).toBe(200);
        expect(res.json()).toEqual({ user_id: user.id });
      } else {
        expect(res.statusCode, required).toBe(403);
        expect(res.json()).toMatchObject({ code: 'insufficient_scope', required_scope: required });
        expect(res.headers['www-authenticate']).toBe(
          `Bearer error="insufficient_scope", scope="${required}"`,
        );
      }
    }
    const me = await api.me(token);
    expect(me.statusCode).toBe(403);
    expect(me.json()).toMatchObject({ code: 'insufficient_scope', required_scope: 'account' });
  });

  it('a token with every scope still never reaches the account and token endpoints', async () => {
    const user = await newUser();
    const { id, token } = await createToken(user, { name: 'all', scopes: [...SCOPES] });
    for (const scope of SCOPES) {
      expect((await get(t.app, probePath(scope), token)).statusCode, scope).toBe(200);
    }
    const headers = api.bearer(token);
    const accountCalls = [
      { method: 'GET' as const, url: '/auth/me' },
      { method: 'PATCH' as const, url: '/auth/me', payload: { full_name: 'x' } },
      { method: 'DELETE' as const, url: '/auth/me', payload: { password: user.password } },
      {
        method: 'POST' as const,
        url: '/auth/change-password',
        payload: { current_password: user.password, new_password: 'a new passphrase' },
      },
      { method: 'GET' as const, url: '/auth/tokens' },
      {
        method: 'POST' as const,
        url: '/auth/tokens',
        payload: { name: 'x', scopes: ['tasks:read'] },
      },
      { method: 'DELETE' as const, url: `/auth/tokens/${id}` },
    ];
    for (const call of accountCalls) {
      const res = await t.app.inject({ ...call, headers });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(403);
      expect(res.json()).toMatchObject({ code: 'insufficient_scope', required_scope: 'account' });
    }
    // Nothing happened: the account, its password and the token are all intact.
    expect((await api.login(user.email, user.password)).statusCode).toBe(200);
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(200);
  });

  it('a login session has every scope', async () => {
    const user = await newUser();
    for (const scope of SCOPES) {
      expect((await get(t.app, probePath(scope), user.accessToken)).statusCode, scope).toBe(200);
    }
  });
});

describe('GET /auth/tokens/current', () => {
  it('with a personal access token: which token, its scopes and expiry', async () => {
    const user = await newUser();
    const created = await createToken(user, {
      name: 'probe',
      scopes: ['time:read'],
      expires_in_days: 7,
    });
    const res = await get(t.app, '/auth/tokens/current', created.token);
    expect(res.statusCode).toBe(200);
    const listed = withoutSecret(created.body);
    expect(res.json()).toEqual({
      kind: 'personal_access_token',
      user_id: user.id,
      session_id: null,
      // Using the token to ask about itself counts as a use.
      token: { ...listed, last_used_at: expect.any(String) },
      scopes: ['time:read'],
      account_access: false,
      expires_at: new Date(clock().getTime() + 7 * DAY_MS).toISOString(),
    });
    expect(res.body).not.toContain(created.token);
  });

  it('with a login session: the session, every scope and account access', async () => {
    const user = await newUser();
    const claims = jwtClaims(user.accessToken);
    const res = await get(t.app, '/auth/tokens/current', user.accessToken);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      kind: 'session',
      user_id: user.id,
      session_id: claims.sid,
      token: null,
      scopes: [...SCOPES],
      account_access: true,
      expires_at: new Date(Number(claims.exp) * 1000).toISOString(),
    });
  });

  it('without a token is 401', async () => {
    expect((await t.app.inject({ url: '/auth/tokens/current' })).statusCode).toBe(401);
  });
});

describe('DELETE /auth/tokens/current', () => {
  const revokeCurrent = (app: FastifyInstance, token: string) =>
    app.inject({ method: 'DELETE', url: '/auth/tokens/current', headers: api.bearer(token) });

  it('revokes the calling token, whatever its scopes, here and on another process', async () => {
    const user = await newUser();
    const mine = await createToken(user, { name: 'cli@host', scopes: ['metrics:read'] });
    const sibling = await createToken(user, { name: 'ci', scopes: ['tasks:read'] });
    expect((await get(other.app, '/auth/tokens/current', mine.token)).statusCode).toBe(200);

    const res = await revokeCurrent(t.app, mine.token);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe('');
    // Revoked: refused at once here, within the propagation bound on the other process.
    const after = await get(t.app, '/auth/tokens/current', mine.token);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_token');
    clock.advance(PROPAGATION_BOUND_MS);
    expect((await get(other.app, probePath('metrics:read'), mine.token)).statusCode).toBe(401);
    // Only itself: the user's other token still works and is the only one listed.
    expect((await get(t.app, probePath('tasks:read'), sibling.token)).statusCode).toBe(200);
    const list = await get(t.app, '/auth/tokens', user.accessToken);
    expect(list.json().map((r: { id: number }) => r.id)).toEqual([sibling.id]);
  });

  it('leaves another user’s tokens alone', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const alices = await createToken(alice, { name: 'alice', scopes: ['tasks:read'] });
    const bobs = await createToken(bob, { name: 'bob', scopes: ['tasks:read'] });
    expect((await revokeCurrent(t.app, bobs.token)).statusCode).toBe(204);
    expect((await get(t.app, probePath('tasks:read'), alices.token)).statusCode).toBe(200);
    const list = await get(t.app, '/auth/tokens', alice.accessToken);
    expect(list.json().map((r: { id: number }) => r.id)).toEqual([alices.id]);
  });

  it('an already revoked token is a 401 and changes nothing', async () => {
    const user = await newUser();
    const { token } = await createToken(user, { name: 'twice', scopes: ['tasks:read'] });
    expect((await revokeCurrent(t.app, token)).statusCode).toBe(204);
    const again = await revokeCurrent(t.app, token);
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('invalid_token');
  });

  it('a login session is refused with 409 not_a_personal_token and stays signed in', async () => {
    const user = await newUser();
    const { token } = await createToken(user, { name: 'kept', scopes: ['tasks:read'] });
    const res = await revokeCurrent(t.app, user.accessToken);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 409, code: 'not_a_personal_token' });
    expect((await get(t.app, '/auth/tokens', user.accessToken)).statusCode).toBe(200);
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(200);
  });

  it('without a token is 401', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/auth/tokens/current' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthorized');
  });
});

describe('expiry and revocation', () => {
  it('an expired token is a 401 from the moment it expires', async () => {
    const user = await newUser();
    const { token } = await createToken(user, {
      name: 'short',
      scopes: ['tasks:read'],
      expires_in_days: 1,
    });
    clock.advance(DAY_MS - 1);
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(200);
    clock.advance(1);
    const res = await get(t.app, probePath('tasks:read'), token);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    // Still listed, so its owner can see why the script stopped.
    const list = await get(t.app, '/auth/tokens', user.accessToken);
    expect(list.json()).toHaveLength(1);
  });

  it('a revoked token stops at once here and within 5 s on another process', async () => {
    const user = await newUser();
    const { id, token } = await createToken(user, { name: 'revoke me', scopes: ['tasks:read'] });
    const keep = await createToken(user, { name: 'keep me', scopes: ['tasks:read'] });
    expect((await get(other.app, probePath('tasks:read'), token)).statusCode).toBe(200);

    const res = await t.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${id}`,
      headers: user.headers,
    });
    expect(res.statusCode).toBe(204);
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(401);
    clock.advance(PROPAGATION_BOUND_MS);
    expect((await get(other.app, probePath('tasks:read'), token)).statusCode).toBe(401);
    expect((await get(t.app, probePath('tasks:read'), keep.token)).statusCode).toBe(200);

    const list = await get(t.app, '/auth/tokens', user.accessToken);
    expect(list.json().map((r: { id: number }) => r.id)).toEqual([keep.id]);
    // Revoking again: it is gone, the same 404 as any missing token.
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${id}`,
      headers: user.headers,
    });
    expect(again.statusCode).toBe(404);
  });

  it('another user’s token is a 404 and keeps working', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const alices = await createToken(alice, { name: 'alice', scopes: ['tasks:read'] });
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/auth/tokens/${alices.id}`,
      headers: bob.headers,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    const missing = await t.app.inject({
      method: 'DELETE',
      url: '/auth/tokens/2000000000',
      headers: bob.headers,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe(res.json().detail);
    expect((await get(t.app, probePath('tasks:read'), alices.token)).statusCode).toBe(200);
  });

  it('a deactivated owner’s token answers 403 inactive_user within 5 s', async () => {
    const user = await newUser();
    const { token } = await createToken(user, { name: 'ci', scopes: ['tasks:read'] });
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(200);
    await t.database.db.execute(sql`update users set is_active = false where id = ${user.id}`);
    clock.advance(PROPAGATION_BOUND_MS);
    const res = await get(t.app, probePath('tasks:read'), token);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('inactive_user');
  });

  it('revoked directly in the database (another process did it): 401 within 5 s', async () => {
    const user = await newUser();
    const { id, token } = await createToken(user, { name: 'ci', scopes: ['tasks:read'] });
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(200);
    await t.database.db.execute(
      sql`update personal_access_tokens set revoked_at = now() where id = ${id}`,
    );
    clock.advance(PROPAGATION_BOUND_MS);
    expect((await get(t.app, probePath('tasks:read'), token)).statusCode).toBe(401);
  });
});

describe('secrets', () => {
  it('no response body and no log line contains a password, a hash or a token secret', async () => {
    await watch.addPasswordHashes(t.database, watch.userIds);
    expect(watch.secretCount).toBeGreaterThan(30);
    expect(watch.logLines.length).toBeGreaterThan(50);
    expect(watch.leaks()).toEqual([]);
  });
});
