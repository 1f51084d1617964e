import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, uniqueEmail } from './helpers/auth.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('auth core', () => {
  it('register → login → me', async () => {
    const user = await createUser(t.app, { full_name: 'Ada Lovelace', timezone: 'Europe/Berlin' });
    const me = await t.app.inject({ url: '/auth/me', headers: user.headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: user.id,
      email: user.email,
      full_name: 'Ada Lovelace',
      timezone: 'Europe/Berlin',
      is_active: true,
    });
    expect(me.body).not.toContain('password');
  });

  it('login accepts the OAuth2 password form', async () => {
    const user = await createUser(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=password&username=${encodeURIComponent(user.email)}&password=${user.password}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ token_type: 'bearer', expires_in: 900 });
  });

  it('/auth/me without a token is 401 with WWW-Authenticate', async () => {
    const res = await t.app.inject('/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  it('a duplicate email (any case) is 409 email_taken', async () => {
    const email = uniqueEmail();
    await createUser(t.app, { email });
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: email.toUpperCase(), password: 'another-pass-123' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('email_taken');
  });
});
