import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { authCalls, expectInvalidToken, queryRows } from './helpers/auth-calls.js';
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

/** A second login of the same user: another session. */
async function loginPair(user: TestUser): Promise<{ access: string; refresh: string }> {
  const res = await api.login(user.email, user.password);
  expect(res.statusCode).toBe(200);
  const body = res.json();
  return { access: body.access_token, refresh: body.refresh_token };
}

describe('PATCH /auth/me', () => {
  it('changes only the fields sent; null clears the name', async () => {
    const user = await newUser({ full_name: 'Ada', timezone: 'Europe/Paris' });
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: '/auth/me', headers: user.headers, payload });

    const tz = await patch({ timezone: 'America/New_York' });
    expect(tz.statusCode).toBe(200);
    expect(tz.json()).toMatchObject({ full_name: 'Ada', timezone: 'America/New_York' });

    const named = await patch({ full_name: '  Ada King  ' });
    expect(named.json()).toMatchObject({ full_name: 'Ada King', timezone: 'America/New_York' });

    const cleared = await patch({ full_name: null });
    expect(cleared.json()).toMatchObject({ full_name: null, timezone: 'America/New_York' });

    const me = await api.me(user.accessToken);
    expect(me.json()).toMatchObject({ full_name: null, timezone: 'America/New_York' });
  });

  it('sets the week start; a new account starts its weeks on Monday', async () => {
    const user = await newUser();
    expect((await api.me(user.accessToken)).json()).toMatchObject({ week_start: 'monday' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/auth/me',
      headers: user.headers,
      payload: { week_start: 'sunday' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ week_start: 'sunday' });
    expect((await api.me(user.accessToken)).json()).toMatchObject({ week_start: 'sunday' });
  });

  it.each([
    [{ week_start: 'saturday' }, 'body.week_start'],
    [{ week_start: null }, 'body.week_start'],
    [{ timezone: 'Mars/Olympus_Mons' }, 'body.timezone'],
    [{ timezone: null }, 'body.timezone'],
    [{ timezone: '' }, 'body.timezone'],
    [{ full_name: 'x'.repeat(201) }, 'body.full_name'],
    [{ email: 'new@example.com' }, 'body.email'],
    [{ is_active: false }, 'body.is_active'],
  ])('refuses %j with 422 at %s', async (payload, location) => {
    const user = await newUser();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/auth/me',
      headers: user.headers,
      payload,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { location: string }) => e.location)).toContain(location);
  });
});

describe('POST /auth/change-password', () => {
  const change = (user: TestUser, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/change-password',
      headers: user.headers,
      payload,
    });

  it('replaces the password and revokes every other session, keeping the caller’s', async () => {
    const user = await newUser();
    const elsewhere = await loginPair(user);
    expect((await otherApi.me(elsewhere.access)).statusCode).toBe(200); // cached on the other process
    const newPassword = 'a brand new passphrase';
    watch.add('password', newPassword);

    const res = await change(user, { current_password: user.password, new_password: newPassword });
    expect(res.statusCode).toBe(204);

    expectInvalidToken(await api.me(elsewhere.access));
    expectInvalidToken(await api.refresh(elsewhere.refresh));
    clock.advance(PROPAGATION_BOUND_MS);
    expectInvalidToken(await otherApi.me(elsewhere.access));
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
    expect((await api.refresh(user.refreshToken)).statusCode).toBe(200);

    expect((await api.login(user.email, user.password)).statusCode).toBe(401);
    expect((await api.login(user.email, newPassword)).statusCode).toBe(200);
  });

  it('a wrong current password is 403 incorrect_password and changes nothing', async () => {
    const user = await newUser();
    const res = await change(user, {
      current_password: 'definitely-wrong-1',
      new_password: 'another passphrase',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('incorrect_password');
    expect((await api.login(user.email, user.password)).statusCode).toBe(200);
  });

  it.each([
    ['short7!', 'too short'],
    ['x'.repeat(257), 'too long'],
    ['password123', 'common'],
  ])('the policy applies to the new password: %s (%s) is 422', async (newPassword) => {
    const user = await newUser();
    const res = await change(user, { current_password: user.password, new_password: newPassword });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].location).toBe('body.new_password');
    expect((await api.login(user.email, user.password)).statusCode).toBe(200);
  });

  it('the new password must differ from the email', async () => {
    const user = await newUser();
    const res = await change(user, {
      current_password: user.password,
      new_password: user.email.toUpperCase(),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toEqual({
      location: 'body.new_password',
      message: 'must differ from the email',
    });
  });
});

describe('POST /auth/logout-all', () => {
  const logoutAll = (token: string) =>
    t.app.inject({ method: 'POST', url: '/auth/logout-all', headers: api.bearer(token) });

  it("ends every login, the caller's included; personal access tokens stay", async () => {
    const user = await newUser();
    const elsewhere = await loginPair(user);
    const created = await t.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: user.headers,
      payload: { name: 'ci', scopes: ['tasks:read'] },
    });
    expect(created.statusCode).toBe(201);
    const pat = created.json<{ token: string }>().token;
    watch.add('personal access token', pat);
    expect((await otherApi.me(elsewhere.access)).statusCode).toBe(200); // cached on the other process

    expect((await logoutAll(user.accessToken)).statusCode).toBe(204);

    expectInvalidToken(await api.me(user.accessToken));
    expectInvalidToken(await api.me(elsewhere.access));
    expectInvalidToken(await api.refresh(user.refreshToken));
    expectInvalidToken(await api.refresh(elsewhere.refresh));
    clock.advance(PROPAGATION_BOUND_MS);
    expectInvalidToken(await otherApi.me(elsewhere.access));
    const listed = await t.app.inject({ url: '/tasks', headers: api.bearer(pat) });
    expect(listed.statusCode).toBe(200);
    // Signing in again works: the account is untouched.
    expect((await api.login(user.email, user.password)).statusCode).toBe(200);
  });

  it("another user's logins are untouched", async () => {
    const a = await newUser();
    const b = await newUser();
    expect((await logoutAll(a.accessToken)).statusCode).toBe(204);
    expect((await api.me(b.accessToken)).statusCode).toBe(200);
    expect((await api.refresh(b.refreshToken)).statusCode).toBe(200);
  });

  it('needs a login session: a personal access token gets 403 insufficient_scope', async () => {
    const user = await newUser();
    const created = await t.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: user.headers,
      payload: {
        name: 'all scopes',
        scopes: ['tasks:read', 'tasks:write', 'time:read', 'time:write'],
      },
    });
    const pat = created.json<{ token: string }>().token;
    watch.add('personal access token', pat);
    const res = await logoutAll(pat);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'insufficient_scope', required_scope: 'account' });
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
  });

  it('without credentials: 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/auth/logout-all' });
    expect(res.statusCode).toBe(401);
  });
});

describe('DELETE /auth/me', () => {
  const countRows = async (table: string, column: string, id: number): Promise<number> => {
    const rows = await queryRows<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = ${id}`,
    );
    return rows[0]?.n ?? -1;
  };

  async function seedData(user: TestUser): Promise<void> {
    const [task] = await queryRows<{ id: number }>(
      t.database,
      sql`insert into tasks (workspace_id, owner_id, title)
          select id, ${user.id}, 'owned' from workspaces where personal_owner_id = ${user.id}
          returning id`,
    );
    await t.database.db.execute(
      sql`insert into time_entries (workspace_id, task_id, user_id, started_at, ended_at, source)
          select workspace_id, id, ${user.id}, now() - interval '1 hour', now(), 'manual'
          from tasks where id = ${task?.id}`,
    );
    const pat = await t.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: user.headers,
      payload: { name: 'ci', scopes: ['tasks:read'] },
    });
    expect(pat.statusCode).toBe(201);
    watch.add('personal access token', pat.json().token);
  }

  it('deletes the account and everything it owns, and nothing of anyone else', async () => {
    const user = await newUser();
    const bystander = await newUser();
    await seedData(user);
    await seedData(bystander);
    await watch.addPasswordHashes(t.database, [user.id]);

    const res = await t.app.inject({
      method: 'DELETE',
      url: '/auth/me',
      headers: user.headers,
      payload: { password: user.password },
    });
    expect(res.statusCode).toBe(204);

    expectInvalidToken(await api.me(user.accessToken));
    expect((await api.login(user.email, user.password)).statusCode).toBe(401);
    for (const [table, column] of [
      ['users', 'id'],
      ['sessions', 'user_id'],
      ['personal_access_tokens', 'user_id'],
      ['tasks', 'owner_id'],
      ['time_entries', 'user_id'],
    ] as const) {
      expect(await countRows(table, column, user.id), table).toBe(0);
      expect(await countRows(table, column, bystander.id), table).toBeGreaterThan(0);
    }
    // The email is free again.
    expect((await newUser({ email: user.email })).id).not.toBe(user.id);
  });

  it('a wrong password is 403 incorrect_password and deletes nothing', async () => {
    const user = await newUser();
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/auth/me',
      headers: user.headers,
      payload: { password: 'wrong-password-1' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('incorrect_password');
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
  });

  it('a missing password is 422', async () => {
    const user = await newUser();
    const res = await t.app.inject({
      method: 'DELETE',
      url: '/auth/me',
      headers: user.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(422);
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
