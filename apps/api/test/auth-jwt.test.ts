import { createHmac } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { authCalls, jwtClaims } from './helpers/auth-calls.js';
import { LeakWatch } from './helpers/auth-leaks.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { TEST_JWT_SECRET } from './helpers/config.js';

// The test config's issuer and audience (src/config.ts defaults), written out independently.
const ISSUER = 'devtrackr';
const AUDIENCE = 'devtrackr-api';

const watch = new LeakWatch();
let t: TestApp;
let user: TestUser;
let victim: TestUser;
const api = authCalls(() => t.app);

beforeAll(async () => {
  t = await createTestApp({ logStream: watch.logStream, extraRoutes: watch.record });
  user = watch.track(await createUser(t.app));
  victim = watch.track(await createUser(t.app));
});
afterAll(async () => {
  await t.close();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, so every header and claim is under the test's control. */
function handMade(
  payload: Record<string, unknown>,
  { alg = 'HS256', secret = TEST_JWT_SECRET }: { alg?: string; secret?: string } = {},
): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  const hmac = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  const signature = hmac ? createHmac(hmac, secret).update(head).digest('base64url') : '';
  return `${head}.${signature}`;
}

const now = () => Math.floor(Date.now() / 1000);

/** Claims exactly like a real access token of `user`'s login session. */
function goodClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const real = jwtClaims(user.accessToken);
  return {
    sub: String(user.id),
    sid: real.sid,
    typ: 'access',
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now() - 10,
    exp: now() + 600,
    ...overrides,
  };
}

function without(key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(goodClaims()).filter(([k]) => k !== key));
}

function tamperSignature(token: string): string {
  const [h, p, s = ''] = token.split('.');
  // Change a middle character: the last one may only carry padding bits.
  const i = Math.floor(s.length / 2);
  const swapped = s[i] === 'A' ? 'B' : 'A';
  return `${h}.${p}.${s.slice(0, i)}${swapped}${s.slice(i + 1)}`;
}

describe('the JWT negative suite', () => {
  it('control: a hand-made token with the right claims and secret is accepted', async () => {
    const res = await api.me(handMade(goodClaims()));
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(user.id);
    // And one from fast-jwt's signer, the library the server verifies with.
    const signer = createSigner({ key: TEST_JWT_SECRET, algorithm: 'HS256' });
    expect((await api.me(signer(goodClaims()))).statusCode).toBe(200);
  });

  const cases: [string, () => string][] = [
    ['alg: none, no signature', () => handMade(goodClaims(), { alg: 'none' })],
    [
      'alg: none, with the HS256 signature left on',
      () => {
        const real = handMade(goodClaims());
        const [, p, s] = real.split('.');
        return `${b64({ alg: 'none', typ: 'JWT' })}.${p}.${s}`;
      },
    ],
    [
      'alg: HS512 with the right secret (not the pinned algorithm)',
      () => handMade(goodClaims(), { alg: 'HS512' }),
    ],
    ['a tampered signature', () => tamperSignature(handMade(goodClaims()))],
    [
      'a tampered payload (sub changed, signature kept)',
      () => {
        const [h, , s] = handMade(goodClaims()).split('.');
        return `${h}.${b64(goodClaims({ sub: String(victim.id) }))}.${s}`;
      },
    ],
    [
      'signed with another secret',
      () => handMade(goodClaims(), { secret: 'another-secret-that-is-long-enough-0123456789' }),
    ],
    ['expired', () => handMade(goodClaims({ iat: now() - 3600, exp: now() - 60 }))],
    ['nbf in the future', () => handMade(goodClaims({ nbf: now() + 3600 }))],
    ['wrong aud', () => handMade(goodClaims({ aud: 'some-other-api' }))],
    ['wrong iss', () => handMade(goodClaims({ iss: 'https://evil.example' }))],
    ['typ is not access', () => handMade(goodClaims({ typ: 'refresh' }))],
    ['no typ', () => handMade(without('typ'))],
    ['no sid', () => handMade(without('sid'))],
    ['no exp', () => handMade(without('exp'))],
    [
      'sid of another user’s session',
      () => handMade(goodClaims({ sid: jwtClaims(victim.accessToken).sid })),
    ],
    ['a session that does not exist', () => handMade(goodClaims({ sid: 2_000_000_000 }))],
    ['a refresh token used as a bearer token', () => user.refreshToken],
    ['a made-up personal access token', () => 'dtk_this-token-was-never-issued'],
    ['garbage', () => 'garbage'],
    ['three dots of garbage', () => 'a.b.c'],
    ['base64 junk in JWT shape', () => `${b64('x')}.${b64([1, 2])}.${b64(null)}`],
  ];

  it.each(cases)('%s → 401 invalid_token with WWW-Authenticate', async (_name, make) => {
    const res = await api.me(make());
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('invalid_token');
  });

  it.each([
    ['Basic dXNlcjpwYXNz', 'Bearer error="invalid_token"'],
    ['Bearer', 'Bearer error="invalid_token"'],
    ['Bearer a b', 'Bearer error="invalid_token"'],
  ])('a malformed Authorization header (%s) is 401', async (header, challenge) => {
    const res = await t.app.inject({ url: '/auth/me', headers: { authorization: header } });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe(challenge);
  });

  it('no Authorization header is 401 with a bare Bearer challenge', async () => {
    const res = await t.app.inject({ url: '/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.json().code).toBe('unauthorized');
  });

  it('the real tokens still work after the suite (nothing above was a side effect)', async () => {
    expect((await api.me(user.accessToken)).statusCode).toBe(200);
    expect((await api.me(victim.accessToken)).statusCode).toBe(200);
  });
});

describe('secrets', () => {
  it('the leak watch itself catches a secret in a log line and in a body', async () => {
    const probe = new LeakWatch();
    const app = Fastify({ logger: { level: 'info', stream: probe.logStream } });
    probe.record(app);
    app.get('/leaky', (request) => {
      request.log.info({ note: 'pw hunter2-secret-value' }, 'careless');
      return { echo: 'hunter2-secret-value', refresh_token: 'dtr_issued-here' };
    });
    app.get('/echo', () => ({ again: 'dtr_issued-here' }));
    probe.add('password', 'hunter2-secret-value');
    await app.inject('/leaky');
    await app.inject('/echo');
    await app.close();
    expect(probe.leaks().sort()).toEqual([
      'issued refresh_token in the response body of /echo',
      'password in a log line',
      'password in the response body of /leaky',
    ]);
  });

  it('no response body and no log line contains a password, a hash or a refresh token', async () => {
    await watch.addPasswordHashes(t.database, watch.userIds);
    expect(watch.secretCount).toBe(6);
    expect(watch.logLines.length).toBeGreaterThan(20);
    expect(watch.leaks()).toEqual([]);
  });
});
