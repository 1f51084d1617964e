import { Writable } from 'node:stream';
import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { authCalls, expectInvalidToken, jwtClaims } from './helpers/auth-calls.js';
import { LeakWatch } from './helpers/auth-leaks.js';
import { createUser, type TestUser } from './helpers/auth.js';

// The browser's session (issue 14): POST /auth/session, /refresh and /logout keep the refresh
// token in an HttpOnly cookie. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.

const COOKIE = 'devtrackr_refresh';
const CSRF = { 'x-devtrackr-csrf': '1' };
const ROUTES = ['/auth/session', '/auth/session/refresh', '/auth/session/logout'];
const DAY_SECONDS = 86_400;

const clock = manualClock();
const watch = new LeakWatch();
let t: TestApp;
const api = authCalls(() => t.app);

beforeAll(async () => {
  t = await createTestApp({ clock, logStream: watch.logStream, extraRoutes: watch.record });
});
afterAll(async () => {
  await t.close();
});

async function newUser(): Promise<TestUser> {
  return watch.track(await createUser(t.app));
}

interface SetCookie {
  name: string;
  value: string;
  /** Every attribute as sent, lower-cased name → value ('' for a flag). */
  attributes: Record<string, string>;
}

/** The one Set-Cookie of an answer, parsed from the raw header (not from inject's reading). */
function setCookie(res: Response): SetCookie {
  const header = res.headers['set-cookie'];
  expect(typeof header, `one Set-Cookie in ${JSON.stringify(res.headers)}`).toBe('string');
  const [pair = '', ...rest] = String(header).split(';');
  const at = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const part of rest) {
    const [name = '', ...value] = part.trim().split('=');
    attributes[name.toLowerCase()] = value.join('=');
  }
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
}

function signIn(
  app: TestApp,
  body: object,
  extra: { cookie?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<Response> {
  return app.app.inject({
    method: 'POST',
    url: '/auth/session',
    headers: { ...CSRF, ...extra.headers },
    payload: body,
    ...(extra.cookie === undefined ? {} : { cookies: { [COOKIE]: extra.cookie } }),
    ...(extra.remoteAddress === undefined ? {} : { remoteAddress: extra.remoteAddress }),
  });
}

function post(url: string, cookie?: string, headers: Record<string, string> = CSRF) {
  return t.app.inject({
    method: 'POST',
    url,
    headers,
    ...(cookie === undefined ? {} : { cookies: { [COOKIE]: cookie } }),
  });
}

const refresh = (cookie?: string) => post('/auth/session/refresh', cookie);
const logout = (cookie?: string) => post('/auth/session/logout', cookie);

/** A sign-in's access token and the refresh token its cookie carries. */
async function session(
  user: TestUser,
  cookie?: string,
): Promise<{ access: string; cookie: string }> {
  const res = await signIn(t, { email: user.email, password: user.password }, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  const sent = setCookie(res);
  watch.add('refresh cookie', sent.value);
  return { access: res.json().access_token, cookie: sent.value };
}

/** A 401 that also tells the browser to drop its cookie. */
function expectRefusedAndCleared(res: Response): void {
  expectInvalidToken(res);
  const cleared = setCookie(res);
  expect(cleared.name).toBe(COOKIE);
  expect(cleared.value).toBe('');
  expect(cleared.attributes['max-age']).toBe('0');
  expect(cleared.attributes.path).toBe('/auth/session');
}

describe('the full flow', () => {
  it('sign in → refresh with the cookie → the old cookie is refused and revokes the login', async () => {
    const user = await newUser();
    const first = await session(user);
    expect(first.cookie.startsWith('dtr_')).toBe(true);
    expect((await api.me(first.access)).statusCode).toBe(200);

    const renewed = await refresh(first.cookie);
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(Object.keys(renewed.json()).sort()).toEqual([
      'access_token',
      'expires_in',
      'token_type',
    ]);
    const second = setCookie(renewed);
    watch.add('refresh cookie', second.value);
    expect(second.value).not.toBe(first.cookie);
    // The same login continues under the new token.
    const access = renewed.json().access_token as string;
    expect(jwtClaims(access).sid).toBe(jwtClaims(first.access).sid);
    expect((await api.me(access)).statusCode).toBe(200);

    // The spent cookie comes back (stolen, or replayed): refused, and the whole login revoked.
    expectRefusedAndCleared(await refresh(first.cookie));
    expectRefusedAndCleared(await refresh(second.value));
    expectInvalidToken(await api.me(access));
    // The user's other sessions (the JSON login of createUser) are untouched.
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
  });

  it('logout revokes the session on the server and clears the cookie; refresh afterwards is 401', async () => {
    const user = await newUser();
    const { access, cookie } = await session(user);
    const out = await logout(cookie);
    expect(out.statusCode).toBe(204);
    expect(out.body).toBe('');
    const cleared = setCookie(out);
    expect(cleared).toMatchObject({ name: COOKIE, value: '' });
    expect(cleared.attributes['max-age']).toBe('0');
    expectRefusedAndCleared(await refresh(cookie));
    expectInvalidToken(await api.me(access));
  });

  it('logout is idempotent: no cookie, an unknown or an already revoked one all answer 204', async () => {
    const user = await newUser();
    const { cookie } = await session(user);
    expect((await logout(cookie)).statusCode).toBe(204);
    for (const again of [cookie, 'dtr_unknown', undefined]) {
      const res = await logout(again);
      expect(res.statusCode, String(again)).toBe(204);
      expect(setCookie(res).attributes['max-age']).toBe('0');
    }
  });

  it('signing in again replaces the session of the cookie the browser still held', async () => {
    const user = await newUser();
    const old = await session(user);
    const replacement = await session(user, old.cookie);
    expectRefusedAndCleared(await refresh(old.cookie));
    expectInvalidToken(await api.me(old.access));
    expect((await refresh(replacement.cookie)).statusCode).toBe(200);
  });

  it('no cookie: 204, nothing to renew (a signed-out page load is not an error)', async () => {
    const res = await refresh();
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('an unknown cookie and an expired one: 401 and the cookie is cleared', async () => {
    expectRefusedAndCleared(await refresh('dtr_not-a-real-token'));
    const user = await newUser();
    const { cookie } = await session(user);
    clock.advance((t.config.auth.refreshTokenTtlDays * DAY_SECONDS + 1) * 1000);
    try {
      expectRefusedAndCleared(await refresh(cookie));
    } finally {
      clock.set(new Date());
    }
  });

  it('the JSON flow is unchanged: login still answers both tokens in the body, sets no cookie', async () => {
    const user = await newUser();
    const res = await api.login(user.email, user.password);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'token_type',
    ]);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('the cookie', () => {
  it('has exactly HttpOnly, SameSite=Strict, Path=/auth/session and Max-Age = the refresh lifetime', async () => {
    const user = await newUser();
    const res = await signIn(t, { email: user.email, password: user.password });
    expect(res.statusCode).toBe(200);
    const sent = setCookie(res);
    watch.add('refresh cookie', sent.value);
    expect(sent.name).toBe(COOKIE);
    expect(sent.attributes).toEqual({
      'max-age': String(t.config.auth.refreshTokenTtlDays * DAY_SECONDS),
      path: '/auth/session',
      httponly: '',
      samesite: 'Strict',
    });
    expect(res.json()).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: t.config.auth.accessTokenTtlSeconds,
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  describe('Secure', () => {
    let proxied: TestApp;
    let forced: TestApp;
    beforeAll(async () => {
      proxied = await createTestApp({ database: t.database, env: { TRUST_PROXY: 'true' } });
      forced = await createTestApp({ database: t.database, env: { COOKIE_SECURE: 'true' } });
    });
    afterAll(async () => {
      await proxied.close();
      await forced.close();
    });

    const secureOf = async (app: TestApp, headers: Record<string, string> = {}) => {
      const user = watch.track(await createUser(app.app));
      const res = await signIn(app, { email: user.email, password: user.password }, { headers });
      expect(res.statusCode).toBe(200);
      const sent = setCookie(res);
      watch.add('refresh cookie', sent.value);
      return 'secure' in sent.attributes;
    };

    it('over HTTPS as a trusted proxy reports it (TRUST_PROXY + X-Forwarded-Proto)', async () => {
      expect(await secureOf(proxied, { 'x-forwarded-proto': 'https' })).toBe(true);
      expect(await secureOf(proxied, { 'x-forwarded-proto': 'http' })).toBe(false);
    });

    it('not from an untrusted X-Forwarded-Proto, nor over plain HTTP', async () => {
      expect(await secureOf(t, { 'x-forwarded-proto': 'https' })).toBe(false);
      expect(await secureOf(t)).toBe(false);
    });

    it('always with COOKIE_SECURE=true, on the cleared cookie too', async () => {
      expect(await secureOf(forced)).toBe(true);
      const res = await forced.app.inject({
        method: 'POST',
        url: '/auth/session/logout',
        headers: CSRF,
      });
      expect('secure' in setCookie(res).attributes).toBe(true);
    });
  });
});

describe('the CSRF header', () => {
  it.each(ROUTES)('%s: 403 csrf_header_required without it, or with another value', async (url) => {
    for (const headers of [{}, { 'x-devtrackr-csrf': '0' }, { 'x-devtrackr-csrf': 'true' }]) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers,
        ...(url === '/auth/session' ? { payload: { email: 'a@example.com', password: 'x' } } : {}),
      });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('csrf_header_required');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('a request refused for it has no effect: the cookie is neither spent nor revoked', async () => {
    const user = await newUser();
    const { cookie } = await session(user);
    for (const url of ['/auth/session/refresh', '/auth/session/logout']) {
      expect((await post(url, cookie, {})).statusCode).toBe(403);
    }
    expect((await refresh(cookie)).statusCode).toBe(200);
  });
});

describe('same body, validation and errors as POST /auth/login', () => {
  /** The parts of a problem that must match (request_id and instance differ per request). */
  const comparable = (res: Response) => {
    const { status, code, title, detail, errors } = res.json();
    return { statusCode: res.statusCode, status, code, title, detail, errors };
  };

  it.each([
    ['an empty body', {}],
    ['a missing password', { email: 'ada@example.com' }],
    ['empty strings', { email: '', password: '' }],
    ['wrong types', { email: 5, password: null }],
    ['an unknown field', { email: 'ada@example.com', password: 'x', remember_me: true }],
    [
      'a refresh token smuggled in',
      { email: 'a@example.com', password: 'x', refresh_token: 'dtr_x' },
    ],
  ])('%s: the same 422', async (_label, body) => {
    const viaLogin = await t.app.inject({ method: 'POST', url: '/auth/login', payload: body });
    const viaSession = await signIn(t, body);
    expect(viaLogin.statusCode).toBe(422);
    expect(comparable(viaSession)).toEqual(comparable(viaLogin));
  });

  it('an unknown field is named in the errors', async () => {
    const res = await signIn(t, { email: 'ada@example.com', password: 'x', remember_me: true });
    expect(res.json().errors).toContainEqual({
      location: 'body.remember_me',
      message: 'is not allowed',
    });
  });

  it('a wrong password, an unknown email: the same 401 invalid_credentials, and no cookie', async () => {
    const user = await newUser();
    for (const body of [
      { email: user.email, password: `${user.password}-wrong` },
      { email: `nobody-${user.email}`, password: user.password },
    ]) {
      const viaLogin = await t.app.inject({ method: 'POST', url: '/auth/login', payload: body });
      const viaSession = await signIn(t, body);
      expect(viaSession.statusCode).toBe(401);
      expect(comparable(viaSession)).toEqual(comparable(viaLogin));
      expect(viaSession.headers['www-authenticate']).toBe(viaLogin.headers['www-authenticate']);
      expect(viaSession.headers['set-cookie']).toBeUndefined();
    }
  });

  it('form bodies are not taken here (JSON only): 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/auth/session',
      headers: { ...CSRF, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=a%40example.com&password=x',
    });
    expect(res.statusCode).toBe(415);
  });
});

describe('throttling', () => {
  const PER_ACCOUNT = 3;
  const PER_IP = 5;
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({
      database: t.database,
      env: {
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_LOGIN_PER_ACCOUNT: String(PER_ACCOUNT),
        RATE_LIMIT_LOGIN_PER_IP: String(PER_IP),
        RATE_LIMIT_REFRESH_PER_IP: String(PER_IP),
      },
    });
  });
  afterAll(async () => {
    await limited.close();
  });

  const loginAttempt = (body: object, remoteAddress: string) =>
    limited.app.inject({ method: 'POST', url: '/auth/login', payload: body, remoteAddress });

  it('one per-account budget across /auth/login and /auth/session, then the same 429', async () => {
    const user = watch.track(await createUser(limited.app));
    const wrong = { email: user.email, password: 'not-the-password' };
    // createUser's own login spent one of the account's attempts. Each attempt comes from its
    // own address, so only the account's budget is spent.
    const left = PER_ACCOUNT - 1;
    const statuses: number[] = [];
    for (let i = 0; i < left; i++) {
      const res =
        i % 2 === 0
          ? await signIn(limited, wrong, { remoteAddress: `10.1.0.${i + 1}` })
          : await loginAttempt(wrong, `10.1.0.${i + 1}`);
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual(Array<number>(left).fill(401));
    const viaSession = await signIn(limited, wrong, { remoteAddress: '10.1.1.1' });
    const viaLogin = await loginAttempt(wrong, '10.1.1.2');
    for (const res of [viaSession, viaLogin]) {
      expect(res.statusCode).toBe(429);
      expect(res.json().code).toBe('rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(viaSession.json().detail).toBe(viaLogin.json().detail);
  });

  it('per IP: the refresh budget is /auth/refresh’s, counted per client address', async () => {
    const address = '10.2.0.1';
    const statuses: number[] = [];
    for (let i = 0; i <= PER_IP; i++) {
      const res = await limited.app.inject({
        method: 'POST',
        url: '/auth/session/refresh',
        headers: CSRF,
        remoteAddress: address,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array<number>(PER_IP).fill(204), 429]);
    const json = await limited.app.inject({
      method: 'POST',
      url: '/auth/refresh',
      payload: { refresh_token: 'dtr_unknown' },
      remoteAddress: address,
    });
    expect(json.statusCode).toBe(429);
  });
});

describe('cross-origin access', () => {
  const ORIGIN = 'https://app.example.com';
  let withCors: TestApp;
  beforeAll(async () => {
    withCors = await createTestApp({ database: t.database, env: { CORS_ORIGINS: ORIGIN } });
  });
  afterAll(async () => {
    await withCors.close();
  });

  const preflight = (app: TestApp) =>
    app.app.inject({
      method: 'OPTIONS',
      url: '/auth/session/refresh',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-devtrackr-csrf',
      },
    });

  it('a preflight is never granted credentials, nor the CSRF header', async () => {
    for (const app of [t, withCors]) {
      const res = await preflight(app);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const allowed = (res.headers['access-control-allow-headers'] ?? '').toLowerCase();
      expect(allowed).not.toContain('x-devtrackr-csrf');
    }
  });
});

describe('no token in a body or a log line', () => {
  it('the refresh tokens of every cookie above appeared in no body and no log line', () => {
    expect(watch.secretCount).toBeGreaterThan(5);
    expect(watch.leaks()).toEqual([]);
  });

  it('Cookie and Set-Cookie headers are redacted when headers are logged', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logged = await createTestApp({
      database: t.database,
      logStream,
      extraRoutes: (app) => {
        // What a debugging hook would write: every request and response header.
        app.addHook('onResponse', (request, reply, done) => {
          request.log.info({ headers: request.headers }, 'request headers');
          request.log.info({ headers: reply.getHeaders() }, 'response headers');
          done();
        });
      },
    });
    try {
      const user = await createUser(logged.app);
      const res = await signIn(logged, { email: user.email, password: user.password });
      const issued = setCookie(res).value;
      await logged.app.inject({
        method: 'POST',
        url: '/auth/session/refresh',
        headers: CSRF,
        cookies: { [COOKIE]: issued },
      });
      const text = lines.join('\n');
      expect(text).toContain('"set-cookie":"[redacted]"');
      expect(text).toContain('"cookie":"[redacted]"');
      expect(text).not.toContain(issued);
      expect(text).not.toContain(user.refreshToken);
    } finally {
      await logged.close();
    }
  });
});
