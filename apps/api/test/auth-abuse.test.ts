import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { authCalls, queryRows } from './helpers/auth-calls.js';
import { LeakWatch } from './helpers/auth-leaks.js';
import { uniqueEmail } from './helpers/auth.js';

const LIMITS = {
  loginPerAccount: 3,
  loginPerIp: 5,
  registerPerIp: 2,
  refreshPerIp: 3,
  windowSeconds: 60,
};

const clock = manualClock();
const watch = new LeakWatch();
let t: TestApp;
const api = authCalls(() => t.app);

beforeAll(async () => {
  t = await createTestApp({
    clock,
    logStream: watch.logStream,
    extraRoutes: watch.record,
    env: {
      RATE_LIMIT_ENABLED: 'true',
      RATE_LIMIT_LOGIN_PER_ACCOUNT: String(LIMITS.loginPerAccount),
      RATE_LIMIT_LOGIN_PER_IP: String(LIMITS.loginPerIp),
      RATE_LIMIT_REGISTER_PER_IP: String(LIMITS.registerPerIp),
      RATE_LIMIT_REFRESH_PER_IP: String(LIMITS.refreshPerIp),
      RATE_LIMIT_WINDOW_MS: String(LIMITS.windowSeconds * 1000),
    },
  });
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

// Every test speaks from its own addresses, so per-IP counters never leak between tests.
let ipCounter = 0;
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

interface Account {
  id: number;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers and logs in from a fresh address (createUser would spend 127.0.0.1's quota). */
async function newAccount(prefix = 'abuse'): Promise<Account> {
  const ip = freshIp();
  const email = uniqueEmail(prefix);
  const password = `pw-${Math.random().toString(36).slice(2)}-x`;
  watch.add('password', password);
  const reg = await t.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { email, password },
    remoteAddress: ip,
  });
  expect(reg.statusCode, reg.body).toBe(201);
  const login = await api.login(email, password, ip);
  expect(login.statusCode, login.body).toBe(200);
  const body = login.json();
  watch.add('refresh token', body.refresh_token);
  watch.userIds.push(reg.json().id);
  return {
    id: reg.json().id,
    email,
    password,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
  };
}

function expectRateLimited(res: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): Record<string, unknown>;
}): void {
  expect(res.statusCode).toBe(429);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.headers['retry-after']).toBe(String(LIMITS.windowSeconds));
  expect(res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
}

describe('throttling', () => {
  it('login per account: counted across addresses, case and both body forms', async () => {
    const account = await newAccount();
    const bystander = await newAccount();
    const attempts = [
      () => api.login(account.email, 'wrong-password-1', freshIp()),
      () => api.login(account.email.toUpperCase(), 'wrong-password-2', freshIp()),
      () =>
        t.app.inject({
          method: 'POST',
          url: '/auth/login',
          remoteAddress: freshIp(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: `username=${encodeURIComponent(` ${account.email} `)}&password=wrong-password-3`,
        }),
    ];
    // newAccount's own login was the first hit on this account.
    for (const attempt of attempts.slice(0, LIMITS.loginPerAccount - 1)) {
      expect((await attempt()).statusCode).toBe(401);
    }
    // Past the limit even the right password is refused, from any address.
    expectRateLimited(await api.login(account.email, account.password, freshIp()));
    // Other accounts are unaffected.
    expect((await api.login(bystander.email, bystander.password, freshIp())).statusCode).toBe(200);
    // A new window lets the owner in again.
    clock.advance(LIMITS.windowSeconds * 1000);
    expect((await api.login(account.email, account.password, freshIp())).statusCode).toBe(200);
  });

  it('login per client IP: spraying many accounts from one address', async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMITS.loginPerIp; i++) {
      expect((await api.login(uniqueEmail('spray'), 'some-password-1', ip)).statusCode).toBe(401);
    }
    const account = await newAccount();
    expectRateLimited(await api.login(account.email, account.password, ip));
    expect((await api.login(account.email, account.password, freshIp())).statusCode).toBe(200);
  });

  it('register per client IP', async () => {
    const ip = freshIp();
    const register = () =>
      t.app.inject({
        method: 'POST',
        url: '/auth/register',
        remoteAddress: ip,
        payload: { email: uniqueEmail('reg'), password: 'a decent passphrase' },
      });
    for (let i = 0; i < LIMITS.registerPerIp; i++) expect((await register()).statusCode).toBe(201);
    expectRateLimited(await register());
    clock.advance(LIMITS.windowSeconds * 1000);
    expect((await register()).statusCode).toBe(201);
  });

  it('refresh per client IP', async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMITS.refreshPerIp; i++) {
      expect((await api.refresh(`dtr_guess-${i}`, ip)).statusCode).toBe(401);
    }
    const account = await newAccount();
    expectRateLimited(await api.refresh(account.refreshToken, ip));
    // The refused attempt did not spend the token.
    expect((await api.refresh(account.refreshToken, freshIp())).statusCode).toBe(200);
  });

  it('password confirmations share the per-account budget', async () => {
    const account = await newAccount();
    const change = () =>
      t.app.inject({
        method: 'POST',
        url: '/auth/change-password',
        headers: api.bearer(account.accessToken),
        payload: { current_password: 'guess-guess-1', new_password: 'a new passphrase' },
      });
    // newAccount's own login was the first hit on this account's one budget.
    for (let i = 0; i < LIMITS.loginPerAccount - 1; i++) {
      expect((await change()).statusCode).toBe(403);
    }
    expectRateLimited(await change());
    // ...and login attempts draw on the same budget.
    expectRateLimited(await api.login(account.email, account.password, freshIp()));
  });

  it('every spelling that finds the account shares its budget (Unicode case folding)', async () => {
    // Issue 12, D3: the throttle key was JavaScript's toLowerCase() while the lookup is
    // PostgreSQL's lower(), which folds U+0130 (İ) to "i" where the database's ctype does so.
    const account = await newAccount('billie.iris');
    const variant = (n: number) =>
      `${account.email.slice(0, n)}\u0130${account.email.slice(n + 1)}`;
    const firstI = account.email.indexOf('i');
    const secondI = account.email.indexOf('i', firstI + 1);
    expect(secondI).toBeGreaterThan(firstI);
    for (let i = 0; i < LIMITS.loginPerAccount - 1; i++) {
      expect((await api.login(account.email, 'wrong-password-x', freshIp())).statusCode).toBe(401);
    }
    expectRateLimited(await api.login(account.email, 'wrong-password-y', freshIp()));
    const [folds] = await queryRows<{ folds: boolean }>(
      t.database,
      sql`select lower(${variant(firstI)}) = lower(${account.email}) as folds`,
    );
    for (const spelling of [variant(firstI), variant(secondI)]) {
      const res = await api.login(spelling, account.password, freshIp());
      // Where the lookup finds the account through this spelling, its spent budget applies;
      // where it does not, the spelling names no account. Never a login.
      if (folds?.folds) expectRateLimited(res);
      else expect(res.statusCode).toBe(401);
    }
  });

  it('Retry-After counts down with the window', async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMITS.refreshPerIp; i++) await api.refresh('dtr_x', ip);
    clock.advance(45_500);
    const res = await api.refresh('dtr_x', ip);
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('15');
  });
});

describe('enumeration', () => {
  it('an unknown email performs a real argon2id verification, like a wrong password', async () => {
    const account = await newAccount();
    const [row] = await queryRows<{ password_hash: string }>(
      t.database,
      sql`select password_hash from users where id = ${account.id}`,
    );
    const realHash = row?.password_hash;
    expect(realHash).toMatch(/^\$argon2id\$/);
    const verify = vi.spyOn(t.app.authService.hasher, 'verify');

    const unknown = await api.login(uniqueEmail('nobody'), 'attempted-password-1', freshIp());
    expect(verify).toHaveBeenCalledTimes(1);
    const [dummyHash, tried] = verify.mock.calls[0]!;
    expect(tried).toBe('attempted-password-1');
    // A genuine argon2id hash with the production parameters, not a short-circuit.
    expect(dummyHash).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(dummyHash).not.toBe(realHash);
    await expect(verify.mock.results[0]!.value).resolves.toBe(false);

    const wrong = await api.login(account.email, 'attempted-password-1', freshIp());
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify.mock.calls[1]).toEqual([realHash, 'attempted-password-1']);

    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, request_id: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.headers['www-authenticate']).toBe(wrong.headers['www-authenticate']);
  });
});

describe('bounded password hashing', () => {
  it('queues within the bound, answers 503 server_busy with Retry-After past it', async () => {
    const account = await newAccount();
    const limiter = t.app.authService.hasher.limiter;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Occupy every running slot: the next login waits in the queue (it is not refused).
    const running = Array.from({ length: limiter.maxConcurrent }, () => limiter.run(() => gate));
    const queuedLogin = api.login(account.email, account.password, freshIp());
    await vi.waitFor(() => {
      expect(limiter.waiting).toBe(1);
    });
    // Fill the rest of the queue: the login above holds one place in it.
    const queued = Array.from({ length: limiter.maxQueued - 1 }, () => limiter.run(() => gate));

    const busyLogin = await api.login(account.email, account.password, freshIp());
    expect(busyLogin.statusCode).toBe(503);
    expect(busyLogin.json().code).toBe('server_busy');
    expect(busyLogin.headers['retry-after']).toBe('1');
    const busyRegister = await t.app.inject({
      method: 'POST',
      url: '/auth/register',
      remoteAddress: freshIp(),
      payload: { email: uniqueEmail('busy'), password: 'a decent passphrase' },
    });
    expect(busyRegister.statusCode).toBe(503);
    expect(busyRegister.json().code).toBe('server_busy');

    release();
    await Promise.all([...running, ...queued]);
    const login = await queuedLogin;
    expect(login.statusCode).toBe(200);
    watch.add('refresh token', login.json().refresh_token);
    clock.advance(LIMITS.windowSeconds * 1000); // this test spent the account's login budget
    const after = await api.login(account.email, account.password, freshIp());
    expect(after.statusCode).toBe(200);
    watch.add('refresh token', after.json().refresh_token);
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
