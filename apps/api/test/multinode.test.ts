import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createScratchDatabase,
  registerAndLogin,
  startNode,
  type Node,
  type ScratchDatabase,
} from './helpers/nodes.js';

// Two real DevTrackr processes on one fresh PostgreSQL database and one Redis, as a load balancer
// would run them. The database is this file's own (created and dropped here), so the file
// migrates it from scratch and runs once per CI run, not per database project.

const REDIS_URL = process.env.REDIS_URL_TEST ?? 'redis://127.0.0.1:6379';
const PREFIX = `devtrackr-multinode:${process.pid}:${randomBytes(4).toString('hex')}:`;
const GLOBAL_MAX = 30;
const AUTH_CACHE_MS = 2000;

let database: ScratchDatabase;
let node1: Node;
let node2: Node;
let redis: Redis;
let exitCodes: (number | null)[] = [];
/** Undo steps, run in reverse, registered as soon as each resource exists. */
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createScratchDatabase();
  cleanups.push(() => database.drop());
  redis = new Redis(REDIS_URL);
  cleanups.push(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: PREFIX,
    AUTH_CACHE_MS: String(AUTH_CACHE_MS),
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_GLOBAL_MAX: String(GLOBAL_MAX),
    RATE_LIMIT_GLOBAL_WINDOW_MS: '600000',
    RATE_LIMIT_REGISTER_PER_IP: '1000',
    RATE_LIMIT_LOGIN_PER_IP: '1000',
    RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000',
    RATE_LIMIT_REFRESH_PER_IP: '1000',
  };
  // Started together, so both race for the migrations.
  const started = await Promise.allSettled([startNode(env), startNode(env)]);
  const running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  cleanups.push(async () => {
    exitCodes = await Promise.all(running.map((n) => n.stop()));
  });
  for (const r of started) if (r.status === 'rejected') throw r.reason;
  [node1, node2] = running as [Node, Node];
}, 180_000);

afterAll(async () => {
  for (const undo of cleanups.reverse()) await undo();
  // Both processes shut down cleanly (SIGTERM: exit 0).
  expect(exitCodes).toEqual([0, 0]);
}, 60_000);

describe('two DevTrackr processes on one PostgreSQL and one Redis', () => {
  it('migrations ran exactly once', async () => {
    const journal = JSON.parse(
      readFileSync(new URL('../src/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
    ) as { entries: { tag: string }[] };
    const rows = await database.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(rows[0]?.n).toBe(journal.entries.length);
    expect((await call(node1.base, 'GET', '/ready')).status).toBe(200);
    expect((await call(node2.base, 'GET', '/ready')).status).toBe(200);
  });

  it('a token issued by node 1 works on node 2', async () => {
    const user = await registerAndLogin(node1.base);
    const me = await call(node2.base, 'GET', '/auth/me', { token: user.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, email: user.email });
  });

  it('logout on node 1 takes effect on node 2 within 5 seconds', async () => {
    const user = await registerAndLogin(node1.base);
    // Node 2 has checked (and cached) the session before the logout.
    expect((await call(node2.base, 'GET', '/auth/me', { token: user.accessToken })).status).toBe(
      200,
    );
    const logout = await call(node1.base, 'POST', '/auth/logout', {
      body: { refresh_token: user.refreshToken },
    });
    expect(logout.status).toBe(204);
    // Node 1 forgets at once; node 2 within its cache lifetime. Poll, bounded by the 5 s rule.
    expect((await call(node1.base, 'GET', '/auth/me', { token: user.accessToken })).status).toBe(
      401,
    );
    const deadline = Date.now() + 5000;
    let status = 200;
    while (Date.now() < deadline) {
      status = (await call(node2.base, 'GET', '/auth/me', { token: user.accessToken })).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    // The refresh token is dead everywhere.
    const refresh = await call(node2.base, 'POST', '/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('rate-limit counters are shared through Redis', async () => {
    const user = await registerAndLogin(node1.base);
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i <= GLOBAL_MAX; i++) {
      const node = i % 2 === 0 ? node1 : node2;
      const res = await call(node.base, 'GET', '/auth/me', { token: user.accessToken });
      statuses.push(res.status);
      remaining.push(res.headers.get('ratelimit-remaining') ?? '');
    }
    // One budget for both processes: alternating, the count still runs down by one per request.
    expect(remaining.slice(0, 3)).toEqual([
      String(GLOBAL_MAX - 1),
      String(GLOBAL_MAX - 2),
      String(GLOBAL_MAX - 3),
    ]);
    expect(statuses).toEqual([...Array<number>(GLOBAL_MAX).fill(200), 429]);
    expect(await redis.get(`${PREFIX}rl:u:${user.id}`)).toBe(String(GLOBAL_MAX + 1));
  });

  it('an Idempotency-Key holds across processes (PostgreSQL keeps it)', async () => {
    const user = await registerAndLogin(node1.base);
    const key = randomUUID();
    const body = { title: 'Retried through another node' };
    const headers = { 'idempotency-key': key };
    const first = await call(node1.base, 'POST', '/tasks', {
      body,
      token: user.accessToken,
      headers,
    });
    expect(first.status).toBe(201);
    const retry = await call(node2.base, 'POST', '/tasks', {
      body,
      token: user.accessToken,
      headers,
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const rows = await database.query<{ n: number }>(
      'select count(*)::int as n from tasks where owner_id = $1',
      [user.id],
    );
    expect(rows[0]?.n).toBe(1);
  });
});
