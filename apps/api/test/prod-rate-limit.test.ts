import { randomBytes } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/types.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTestDatabase } from './helpers/db.js';

const MAX = 5;
const WINDOW_MS = 60_000;
const REDIS_URL = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';
// Unique per run, so parallel runs and earlier runs never share counters.
const PREFIX = `devtrackr-test:${process.pid}:${randomBytes(4).toString('hex')}:`;

const limitedEnv = (extra: Record<string, string> = {}) => ({
  RATE_LIMIT_ENABLED: 'true',
  RATE_LIMIT_GLOBAL_MAX: String(MAX),
  RATE_LIMIT_GLOBAL_WINDOW_MS: String(WINDOW_MS),
  ...extra,
});

const clock = manualClock(new Date());
let database: Database;
let setup: TestApp; // limits off: creates the users
let limited: TestApp;
let redisA: TestApp;
let redisB: TestApp;
let redisDown: TestApp;
let redis: Redis;

beforeAll(async () => {
  database = await createTestDatabase();
  setup = await createTestApp({ database });
  limited = await createTestApp({ database, clock, env: limitedEnv() });
  const shared = limitedEnv({ REDIS_URL, REDIS_KEY_PREFIX: PREFIX });
  redisA = await createTestApp({ database, env: shared });
  redisB = await createTestApp({ database, env: shared });
  redisDown = await createTestApp({
    database,
    env: limitedEnv({ REDIS_URL: 'redis://127.0.0.1:1', REDIS_KEY_PREFIX: PREFIX }),
  });
  redis = new Redis(REDIS_URL);
});
afterAll(async () => {
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
  for (const t of [setup, limited, redisA, redisB, redisDown]) await t.close();
  await database.close();
});

let ipCounter = 0;
/** A fresh client address per use, so tests never share an IP budget. */
const freshIp = () =>
  `10.${(process.pid % 200) + 1}.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const get = (t: TestApp, url: string, ip: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, remoteAddress: ip, headers });

describe('global rate limit per client IP (anonymous)', () => {
  it('counts down in RateLimit-* headers, then answers 429 problem+json with Retry-After', async () => {
    const ip = freshIp();
    for (let i = 1; i <= MAX; i++) {
      const res = await get(limited, '/hello', ip);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe(String(MAX));
      expect(res.headers['ratelimit-remaining']).toBe(String(MAX - i));
      const reset = Number(res.headers['ratelimit-reset']);
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(WINDOW_MS / 1000);
    }
    const refused = await get(limited, '/hello', ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(refused.headers['ratelimit-limit']).toBe(String(MAX));
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['ratelimit-reset']).toBe(String(retryAfter));

    // Another address has its own budget.
    const other = await get(limited, '/hello', freshIp());
    expect(other.statusCode).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe(String(MAX - 1));
  });

  it('a new window starts once the old one has passed', async () => {
    const ip = freshIp();
    for (let i = 0; i <= MAX; i++) await get(limited, '/hello', ip);
    expect((await get(limited, '/hello', ip)).statusCode).toBe(429);
    clock.advance(WINDOW_MS);
    const res = await get(limited, '/hello', ip);
    expect(res.statusCode).toBe(200);
    expect(res.headers['ratelimit-remaining']).toBe(String(MAX - 1));
  });

  it('health, readiness and the metrics scrape are never limited nor counted', async () => {
    const ip = freshIp();
    for (const url of ['/health', '/ready', '/-/metrics']) {
      for (let i = 0; i < MAX * 2; i++) {
        const res = await get(limited, url, ip);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['ratelimit-limit']).toBeUndefined();
      }
    }
    expect((await get(limited, '/hello', ip)).headers['ratelimit-remaining']).toBe(String(MAX - 1));
  });

  it("the web app's files are never limited nor counted (a page load fetches a dozen)", async () => {
    const ip = freshIp();
    for (const url of ['/app', '/app/', '/app/tasks?status=todo', '/app/assets/none.js']) {
      for (let i = 0; i < MAX * 2; i++) {
        const res = await get(limited, url, ip);
        expect(res.statusCode, url).not.toBe(429);
        expect(res.headers['ratelimit-limit'], url).toBeUndefined();
      }
    }
    // /application is not the app: it is counted like any other path.
    expect((await get(limited, '/application', ip)).headers['ratelimit-remaining']).toBe(
      String(MAX - 1),
    );
  });

  it('random personal-token-shaped bearers count against the IP (no fresh budget per token)', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX; i++) {
      const token = `dtk_${randomBytes(32).toString('base64url')}`;
      statuses.push(
        (await get(limited, '/auth/me', ip, { authorization: `Bearer ${token}` })).statusCode,
      );
    }
    expect(statuses).toEqual([...Array<number>(MAX).fill(401), 429]);
  });

  it('RATE_LIMIT_ENABLED=false (the test default) turns the global limit off', async () => {
    const ip = freshIp();
    for (let i = 0; i < MAX * 3; i++) {
      const res = await get(setup, '/hello', ip);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
  });
});

describe('global rate limit per user (access tokens)', () => {
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    alice = await createUser(setup.app);
    bob = await createUser(setup.app);
  });

  it("a user's requests share one budget whatever address they come from", async () => {
    for (let i = 1; i <= MAX; i++) {
      const res = await get(limited, '/auth/me', freshIp(), alice.headers);
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-remaining']).toBe(String(MAX - i));
    }
    const refused = await get(limited, '/auth/me', freshIp(), alice.headers);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
  });

  it('another user, and anonymous calls from the same address, are not affected', async () => {
    const ip = freshIp();
    for (let i = 0; i <= MAX; i++) await get(limited, '/auth/me', ip, alice.headers);
    const other = await get(limited, '/auth/me', ip, bob.headers);
    expect(other.statusCode).toBe(200);
    const anonymous = await get(limited, '/hello', ip);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['ratelimit-remaining']).toBe(String(MAX - 1));
  });

  it("a forged token naming a user counts against the sender's IP, never the user", async () => {
    const carol = await createUser(setup.app);
    const first = await get(limited, '/auth/me', freshIp(), carol.headers);
    expect(first.headers['ratelimit-remaining']).toBe(String(MAX - 1));
    const forge = createSigner({
      key: 'a-different-secret-that-is-long-enough-000000',
      algorithm: 'HS256',
      iss: 'devtrackr',
      aud: 'devtrackr-api',
      expiresIn: 600_000,
    });
    const claims: Record<string, unknown> = { sub: String(carol.id), sid: 1, typ: 'access' };
    const forged = { authorization: `Bearer ${forge(claims)}` };
    const attacker = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX; i++) {
      statuses.push((await get(limited, '/auth/me', attacker, forged)).statusCode);
    }
    expect(statuses).toEqual([...Array<number>(MAX).fill(401), 429]);
    const after = await get(limited, '/auth/me', freshIp(), carol.headers);
    expect(after.statusCode).toBe(200);
    expect(after.headers['ratelimit-remaining']).toBe(String(MAX - 2));
  });
});

describe('counters in Redis (REDIS_URL)', () => {
  it('two app instances on one Redis share a client’s budget', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX; i++) {
      statuses.push((await get(i % 2 === 0 ? redisA : redisB, '/hello', ip)).statusCode);
    }
    expect(statuses).toEqual([...Array<number>(MAX).fill(200), 429]);
    // The counter is in Redis under the configured prefix, expiring with the window.
    const keys = await redis.keys(`${PREFIX}rl:*`);
    expect(keys.some((k) => k.endsWith(ip))).toBe(true);
    const key = keys.find((k) => k.endsWith(ip)) ?? '';
    expect(Number(await redis.get(key))).toBe(MAX + 1);
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(WINDOW_MS);
  });

  it('a user budget is shared across instances too', async () => {
    const dave = await createUser(setup.app);
    for (let i = 0; i < MAX; i++) await get(redisA, '/auth/me', freshIp(), dave.headers);
    const res = await get(redisB, '/auth/me', freshIp(), dave.headers);
    expect(res.statusCode).toBe(429);
  });

  it('with Redis unreachable the app still answers and limits in memory', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX; i++) statuses.push((await get(redisDown, '/hello', ip)).statusCode);
    expect(statuses).toEqual([...Array<number>(MAX).fill(200), 429]);
  });
});
