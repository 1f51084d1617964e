import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './helpers/load.js';
import {
  call,
  createScratchDatabase,
  startNode,
  type Node,
  type ScratchDatabase,
} from './helpers/nodes.js';

// Every connection of DevTrackr's pool is held (its queries wait on a table lock this test
// takes), so a new request cannot get a connection: it must answer 503 once the pool's connect
// timeout passes, instead of queueing forever. Real process, own database; run once per CI run.

const POOL_MAX = 2;
const CONNECT_TIMEOUT_MS = 1000;

let database: ScratchDatabase;
let node: Node;
/** Undo steps, run in reverse, registered as soon as each resource exists. */
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  database = await createScratchDatabase();
  cleanups.push(() => database.drop());
  node = await startNode({
    DATABASE_URL: database.url,
    DB_POOL_MAX: String(POOL_MAX),
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DB_STATEMENT_TIMEOUT_MS: '30000',
  });
  cleanups.push(() => node.stop());
}, 120_000);

afterAll(async () => {
  for (const undo of cleanups.reverse()) await undo();
}, 60_000);

const login = (email: string) =>
  call(node.base, 'POST', '/auth/login', {
    body: { email, password: 'not-the-password-123' },
    timeoutMs: 40_000,
  });

describe('database pool exhaustion', () => {
  it('with every connection held, new requests answer 503 within the connect timeout, then recover', async () => {
    const locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table users in access exclusive mode');

    // POOL_MAX logins, each holding a pool connection while it waits for the lock.
    const held = Array.from({ length: POOL_MAX }, () =>
      login(`held-${randomBytes(4).toString('hex')}@example.com`),
    );
    const allHeld = await waitFor(async () => {
      const rows = await database.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = $1 and application_name = 'devtrackr' and wait_event_type = 'Lock'`,
        [database.name],
      );
      return rows[0]?.n === POOL_MAX;
    }, 20_000);
    expect(allHeld).toBe(true);

    try {
      for (const path of ['/ready', '/auth/login']) {
        const started = Date.now();
        const res =
          path === '/ready'
            ? await call(node.base, 'GET', path, { timeoutMs: CONNECT_TIMEOUT_MS + 5000 })
            : await login('starved@example.com');
        const elapsed = Date.now() - started;
        console.log(`[fault-pool] ${path} answered ${res.status} after ${elapsed} ms`);
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect((res.body as { code: string }).code).toBe('database_unavailable');
        expect(res.headers.get('retry-after')).toBe('1');
      }
      // Liveness never needs the database.
      expect((await call(node.base, 'GET', '/health')).status).toBe(200);
    } finally {
      await locker.query('rollback');
      await locker.end();
    }

    // The held requests complete normally (an unknown account: 401), and the pool is usable again.
    for (const res of await Promise.all(held)) expect(res.status).toBe(401);
    expect((await call(node.base, 'GET', '/ready')).status).toBe(200);
    expect(node.proc.child.exitCode).toBeNull();
  }, 90_000);
});
