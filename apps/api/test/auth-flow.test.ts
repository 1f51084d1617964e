import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { authCalls, expectInvalidToken, jwtClaims, queryRows } from './helpers/auth-calls.js';
import { LeakWatch } from './helpers/auth-leaks.js';
import { createUser, type TestUser } from './helpers/auth.js';

const clock = manualClock();
const watch = new LeakWatch();
let t: TestApp;
/** A second app on the same database: another server process, as far as caches go. */
let other: TestApp;
const api = authCalls(() => t.app);
const otherApi = authCalls(() => other.app);

/** The documented upper bound for a revocation to reach every process. */
const PROPAGATION_BOUND_MS = 5_000;
const REFRESH_TTL_MS = 30 * 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ clock, logStream: watch.logStream, extraRoutes: watch.record });
  other = await createTestApp({ clock, database: t.database });
});
afterAll(async () => {
  await other.close();
  await t.close();
});

async function newUser(overrides: Parameters<typeof createUser>[1] = {}): Promise<TestUser> {
  return watch.track(await createUser(t.app, overrides));
}

async function loginPair(user: TestUser): Promise<{ access: string; refresh: string }> {
  const res = await api.login(user.email, user.password);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  watch.add('refresh token', body.refresh_token);
  return { access: body.access_token, refresh: body.refresh_token };
}

async function refreshed(refreshToken: string): Promise<{ access: string; refresh: string }> {
  const res = await api.refresh(refreshToken);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  watch.add('refresh token', body.refresh_token);
  return { access: body.access_token, refresh: body.refresh_token };
}

function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'request_id'));
}

describe('the full flow', () => {
  it('register → login → me → refresh → logout → old tokens rejected', async () => {
    const user = await newUser({ full_name: 'Grace Hopper' });
    const first = await loginPair(user);

    const me = await api.me(first.access);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, email: user.email, full_name: 'Grace Hopper' });

    const second = await refreshed(first.refresh);
    expect(second.refresh).not.toBe(first.refresh);
    expect(second.refresh.startsWith('dtr_')).toBe(true);
    // The same login session continues under the new pair.
    expect(jwtClaims(second.access).sid).toBe(jwtClaims(first.access).sid);
    expect((await api.me(second.access)).statusCode).toBe(200);

    const out = await api.logout(second.refresh);
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');

    expectInvalidToken(await api.me(first.access));
    expectInvalidToken(await api.me(second.access));
    expectInvalidToken(await api.refresh(second.refresh));
    expectInvalidToken(await api.refresh(first.refresh));
    // Other sessions of the same user are untouched.
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
  });

  it('refresh answers no-store and the documented token shape', async () => {
    const user = await newUser();
    const res = await api.refresh(user.refreshToken);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    watch.add('refresh token', body.refresh_token);
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(body.refresh_token).toMatch(/^dtr_[A-Za-z0-9_-]{43}$/);
  });

  it('an access token is not a refresh token, and junk is a 401', async () => {
    const user = await newUser();
    expectInvalidToken(await api.refresh(user.accessToken));
    expectInvalidToken(await api.refresh('dtr_not-a-real-token'));
    expect((await api.refresh('')).statusCode).toBe(422);
  });

  it('logout of an unknown token is 204 and changes nothing', async () => {
    const user = await newUser();
    expect((await api.logout('dtr_unknown-token-value')).statusCode).toBe(204);
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
  });
});

describe('refresh token rotation', () => {
  it('a spent refresh token presented again revokes the whole family', async () => {
    const user = await newUser();
    const parallel = await loginPair(user); // a second, unrelated login of the same user
    const next = await refreshed(user.refreshToken);

    expectInvalidToken(await api.refresh(user.refreshToken)); // reuse detected
    // Every token of that family is now dead: the unspent refresh token and both access tokens.
    expectInvalidToken(await api.refresh(next.refresh));
    expectInvalidToken(await api.me(next.access));
    expectInvalidToken(await api.me(user.accessToken));
    // The other login of the same user lives on.
    expect((await api.me(parallel.access)).statusCode).toBe(200);
    expect((await api.refresh(parallel.refresh)).statusCode).toBe(200);

    const rows = await queryRows(
      t.database,
      sql`select revoked_reason from sessions where id = ${Number(jwtClaims(next.access).sid)}`,
    );
    expect(rows[0]).toEqual({
      revoked_reason: 'refresh_token_reuse',
    });
    expect(watch.logLines.some((l) => l.includes('refresh token reused'))).toBe(true);
  });

  it('an expired refresh token is a 401; rotation slides the expiry', async () => {
    const user = await newUser();
    clock.advance(REFRESH_TTL_MS - 60_000);
    const next = await refreshed(user.refreshToken); // still valid one minute before expiry
    clock.advance(REFRESH_TTL_MS - 60_000); // the new one got a full lifetime from the rotation
    const last = await refreshed(next.refresh);
    clock.advance(REFRESH_TTL_MS);
    expectInvalidToken(await api.refresh(last.refresh));
    expectInvalidToken(await api.me(last.access)); // the session itself has expired too
  });
});

describe('revocation reaches other processes within 5 s', () => {
  it('logout on one process', async () => {
    const user = await newUser();
    expect((await otherApi.me(user.accessToken)).statusCode).toBe(200); // cached there now
    expect((await api.logout(user.refreshToken)).statusCode).toBe(204);
    expectInvalidToken(await api.me(user.accessToken)); // at once where it happened
    clock.advance(PROPAGATION_BOUND_MS);
    expectInvalidToken(await otherApi.me(user.accessToken));
  });

  it('a deactivated user is locked out: 403 with a token, 401 at login and refresh', async () => {
    const user = await newUser();
    const wrongPassword = await api.login(user.email, 'not-the-password-1');
    expect((await otherApi.me(user.accessToken)).statusCode).toBe(200);
    await t.database.db.execute(sql`update users set is_active = false where id = ${user.id}`);
    clock.advance(PROPAGATION_BOUND_MS);

    for (const res of [await api.me(user.accessToken), await otherApi.me(user.accessToken)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('inactive_user');
    }
    const login = await api.login(user.email, user.password);
    expect(login.statusCode).toBe(401);
    expect(withoutRequestId(login.json())).toEqual(withoutRequestId(wrongPassword.json()));
    expectInvalidToken(await api.refresh(user.refreshToken));

    await t.database.db.execute(sql`update users set is_active = true where id = ${user.id}`);
    clock.advance(PROPAGATION_BOUND_MS);
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
    // The refused refresh did not spend the token.
    expect((await api.refresh(user.refreshToken)).statusCode).toBe(200);
  });
});

describe('registration limits', () => {
  const register = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/auth/register', payload });
  let n = 0;
  const email = () => `limits-${process.pid}-${Date.now()}-${++n}@example.com`;

  it('a password of 8 and of 256 characters is accepted, in full (no truncation)', async () => {
    for (const password of ['8chars!x', 'p'.repeat(128) + 'q'.repeat(128)]) {
      const address = email();
      watch.add('password', password);
      expect((await register({ email: address, password })).statusCode).toBe(201);
      expect((await api.login(address, password)).statusCode).toBe(200);
      // bcrypt would have cut at 72 bytes; argon2 must not.
      if (password.length > 72) {
        expect((await api.login(address, password.slice(0, 72))).statusCode).toBe(401);
        expect((await api.login(address, password.slice(0, 255))).statusCode).toBe(401);
      }
    }
  });

  it.each([
    [{ password: 'seven77' }, 'body.password'],
    [{ password: 'x'.repeat(257) }, 'body.password'],
    [{ password: 'password123' }, 'body.password'],
    [{ password: 'Qwertyuiop' }, 'body.password'],
    [{ password: 'valid passphrase', email: 'not-an-email' }, 'body.email'],
    [{ password: 'valid passphrase', email: 'two words@example.com' }, 'body.email'],
    [{ password: 'valid passphrase', timezone: 'Mars/Olympus_Mons' }, 'body.timezone'],
    [{ password: 'valid passphrase', timezone: 'UTC+2' }, 'body.timezone'],
    [{ password: 'valid passphrase', is_active: false }, 'body.is_active'],
    [{ password: 'valid passphrase', id: 1 }, 'body.id'],
  ])('refuses %j with 422 at %s', async (fields, location) => {
    const res = await register({ email: email(), ...fields });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
  });

  it('refuses a password equal to the email, whatever the case', async () => {
    const address = email();
    const res = await register({ email: address, password: address.toUpperCase() });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { location: 'body.password', message: 'must differ from the email' },
    ]);
  });
});

describe('secrets', () => {
  it('no response body and no log line contains a password, a hash or a refresh token', async () => {
    await watch.addPasswordHashes(t.database, watch.userIds);
    expect(watch.secretCount).toBeGreaterThan(20);
    expect(watch.logLines.length).toBeGreaterThan(50);
    expect(watch.leaks()).toEqual([]);
  });
});
