import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/types.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser } from './helpers/auth.js';
import { createTestDatabase } from './helpers/db.js';

const TOKEN = 'scrape-token-0123456789abcdef';

let database: Database;
let open: TestApp;
let guarded: TestApp;
let pressured: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  open = await createTestApp({ database });
  guarded = await createTestApp({ database, env: { METRICS_TOKEN: TOKEN } });
  // 1 MiB of heap is always exceeded: the first sample puts this app under pressure.
  pressured = await createTestApp({
    database,
    env: {
      PRESSURE_MAX_HEAP_USED_MB: '1',
      PRESSURE_SAMPLE_INTERVAL_MS: '20',
      PRESSURE_RETRY_AFTER_SECONDS: '7',
    },
  });
});
afterAll(async () => {
  for (const t of [open, guarded, pressured]) await t.close();
  await database.close();
});

/** The value of one sample line, e.g. `http_requests_total{method="GET",route="/hello",status_code="200"}`. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      found[pair[1]!] = pair[2]!;
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(t: TestApp): Promise<string> {
  const res = await t.app.inject('/-/metrics');
  expect(res.statusCode).toBe(200);
  return res.body;
}

describe('GET /-/metrics (Prometheus)', () => {
  it('is the Prometheus text format', async () => {
    const res = await open.app.inject('/-/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.body).toMatch(/^# HELP /m);
  });

  it('counts requests by route template and status, never by raw URL', async () => {
    const before = await scrape(open);
    const hello = { method: 'GET', route: '/hello', status_code: '200' };
    const bad = { method: 'GET', route: '/hello', status_code: '422' };
    const base = sample(before, 'http_requests_total', hello) ?? 0;
    const baseBad = sample(before, 'http_requests_total', bad) ?? 0;
    for (let i = 0; i < 3; i++) await open.app.inject(`/hello?name=n${i}`);
    await open.app.inject('/hello?name=');
    const user = await createUser(open.app);
    await open.app.inject({ url: '/tasks/424242', headers: user.headers });
    await open.app.inject('/no/such/path/99');

    const text = await scrape(open);
    expect(sample(text, 'http_requests_total', hello)).toBe(base + 3);
    expect(sample(text, 'http_requests_total', bad)).toBe(baseBad + 1);
    expect(sample(text, 'http_request_duration_seconds_count', hello)).toBe(base + 3);
    expect(sample(text, 'http_request_duration_seconds_bucket', { ...hello, le: '+Inf' })).toBe(
      base + 3,
    );
    expect(sample(text, 'http_requests_total', { route: '/tasks/:id', status_code: '404' })).toBe(
      1,
    );
    expect(sample(text, 'http_requests_total', { route: '(unmatched)', status_code: '404' })).toBe(
      1,
    );
    expect(text).not.toContain('424242');
    expect(text).not.toContain('/no/such/path');
    expect(text).not.toContain('name=n');
  });

  it('reports the database pool, event-loop lag and process memory', async () => {
    const text = await scrape(open);
    const stats = database.stats();
    expect(sample(text, 'devtrackr_db_pool_connections', { state: 'idle' })).toBe(stats.idle);
    expect(sample(text, 'devtrackr_db_pool_connections', { state: 'busy' })).toBe(
      stats.total - stats.idle,
    );
    expect(sample(text, 'devtrackr_db_pool_waiting')).toBe(stats.waiting);
    expect(sample(text, 'devtrackr_db_pool_max')).toBe(
      database.kind === 'pg' ? open.config.db.poolMax : 1,
    );
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(1024 * 1024);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });

  it('is not part of the OpenAPI document', () => {
    const spec = open.app.swagger() as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).not.toContain('/-/metrics');
    expect(open.app.routeTable).toContainEqual({ method: 'GET', url: '/-/metrics' });
  });
});

describe('METRICS_TOKEN', () => {
  it('without the token the scrape is a 401 problem+json with WWW-Authenticate', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789',
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
    ]) {
      const res = await guarded.app.inject({
        url: '/-/metrics',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).not.toContain('http_requests_total');
    }
  });

  it('with it, the metrics', async () => {
    const res = await guarded.app.inject({
      url: '/-/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_requests_total');
  });
});

describe('load shedding (@fastify/under-pressure)', () => {
  it('past a limit, requests get 503 server_busy with Retry-After; /health and the scrape do not', async () => {
    let res = await pressured.app.inject('/hello');
    // The first sample lands after one interval; poll (bounded) until it has.
    for (let i = 0; i < 100 && res.statusCode !== 503; i++) {
      await new Promise((r) => setTimeout(r, 20));
      res = await pressured.app.inject('/hello');
    }
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 503, code: 'server_busy' });
    expect(res.headers['retry-after']).toBe('7');
    expect((await pressured.app.inject('/ready')).statusCode).toBe(503);
    expect((await pressured.app.inject('/health')).statusCode).toBe(200);
    expect((await pressured.app.inject('/-/metrics')).statusCode).toBe(200);
  });

  it('an app within its limits is not affected', async () => {
    await new Promise((r) => setTimeout(r, 50));
    expect((await open.app.inject('/hello')).statusCode).toBe(200);
  });
});
