import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoad, waitFor } from './helpers/load.js';
import { createCluster, type Cluster } from './helpers/pg-cluster.js';
import { call, registerAndLogin, startNode, type Node } from './helpers/nodes.js';

// PostgreSQL crashes (`pg_ctl stop -m immediate`) and comes back while a stream of authenticated
// writes runs. It runs on a throwaway cluster this file creates on its own port, never on the
// shared server. Slow by nature: run once per CI run (exclude fault-* from the `pg` project).

const REQUEST_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 1000;

let cluster: Cluster;
let node: Node;
let appUrl: string;
/** Undo steps, run in reverse, registered as soon as each resource exists. */
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  cluster = await createCluster();
  cleanups.push(() => cluster.destroy());
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('create database devtrackr');
  await admin.end();
  appUrl = cluster.url.replace(/\/postgres$/, '/devtrackr');
  node = await startNode({
    DATABASE_URL: appUrl,
    DB_POOL_MAX: '5',
    DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
    DB_STATEMENT_TIMEOUT_MS: '5000',
  });
  cleanups.push(() => node.stop());
}, 180_000);

afterAll(async () => {
  for (const undo of cleanups.reverse()) await undo();
}, 60_000);

describe('PostgreSQL restarted under load', () => {
  it('outage requests get 503 problem+json, the process survives and recovers, and no acknowledged write is lost', async () => {
    const user = await registerAndLogin(node.base, 'restart');
    const load = startLoad({
      base: node.base,
      workers: 4,
      pauseMs: 20,
      timeoutMs: REQUEST_TIMEOUT_MS,
      request: (seq) => ({
        method: 'POST',
        path: '/tasks',
        body: { title: `write ${seq}` },
        token: user.accessToken,
      }),
    });
    load.setPhase('before');
    await sleep(1500);
    load.setPhase('outage');
    await cluster.crash();
    await sleep(1500);
    load.setPhase('restarting');
    await cluster.start();
    load.setPhase('after');
    // Recovery without restarting DevTrackr: a write sent after the restart succeeds.
    const recovered = await waitFor(
      () => load.outcomes.some((o) => o.phase === 'after' && o.status === 201),
      20_000,
    );
    await sleep(500);
    const outcomes = await load.stop();

    const acknowledged = outcomes.filter((o) => o.status === 201);
    const unavailable = outcomes.filter((o) => o.status === 503);
    const client = new pg.Client({ connectionString: appUrl });
    await client.connect();
    const stored = await client.query<{ id: number }>('select id from tasks where owner_id = $1', [
      user.id,
    ]);
    await client.end();
    const storedIds = new Set(stored.rows.map((r) => r.id));
    const missing = acknowledged.filter((o) => !storedIds.has((o.body as { id: number }).id));

    console.log(
      `[fault-pg-restart] sent=${outcomes.length} acknowledged(201)=${acknowledged.length} ` +
        `unavailable(503)=${unavailable.length} found_in_db=${storedIds.size} ` +
        `acknowledged_missing=${missing.length} outage_requests=${outcomes.filter((o) => o.phase === 'outage').length}`,
    );

    const histogram: Record<string, number> = {};
    for (const o of outcomes) {
      const k = `${o.phase}:${o.status ?? o.error ?? ''}`;
      histogram[k] = (histogram[k] ?? 0) + 1;
    }
    console.log('[fault-pg-restart] by phase and status', JSON.stringify(histogram));
    const odd = outcomes.find((o) => o.status !== 201 && o.status !== 503);
    if (odd) console.log('[fault-pg-restart] unexpected', JSON.stringify(odd));
    // The process is alive, on the same pid (first, so a crash is reported with its stack).
    expect(
      node.proc.child.exitCode,
      `DevTrackr exited:\n${node.proc.stderr().slice(-2000)}`,
    ).toBeNull();
    expect(recovered).toBe(true);
    // Every request was answered within its timeout, with 201 or 503 only: no hang, no 500.
    expect(outcomes.filter((o) => o.error !== undefined)).toEqual([]);
    expect([...new Set(outcomes.map((o) => o.status))].sort()).toEqual([201, 503]);
    for (const o of unavailable) {
      expect(o.contentType).toMatch(/^application\/problem\+json/);
      expect((o.body as { code: string }).code).toBe('database_unavailable');
      expect(o.retryAfter).toBe('1');
      expect(JSON.stringify(o.body)).not.toMatch(/ECONNREFUSED|terminat|pg_|at \//);
    }
    expect(outcomes.some((o) => o.phase === 'outage' && o.status === 503)).toBe(true);
    expect(outcomes.some((o) => o.phase === 'before' && o.status === 201)).toBe(true);
    expect((await call(node.base, 'GET', '/health')).status).toBe(200);
    expect((await call(node.base, 'GET', '/ready')).status).toBe(200);
    // Every acknowledged write is in the database (a 503'd write may or may not have committed).
    expect(missing).toEqual([]);
    expect(storedIds.size).toBeGreaterThanOrEqual(acknowledged.length);
  }, 120_000);
});
