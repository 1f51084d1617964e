import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startLoad } from './helpers/load.js';
import { call, registerAndLogin, startNode, type Node } from './helpers/nodes.js';

// The embedded database (PGlite) killed with SIGKILL during writes, then started again on the
// same DATA_DIR. PGlite is not crash-durable by design (README): this checks that it opens again
// (the dead process's lock is taken over) and measures what survived. Run once per CI run.

const dataDir = mkdtempSync(join(tmpdir(), 'devtrackr-pglite-kill-'));
const nodes: Node[] = [];
const pgliteEnv = { DATA_DIR: dataDir };

afterAll(async () => {
  for (const node of nodes) await node.stop();
}, 60_000);

describe('PGlite killed during writes', () => {
  it('restarts on the same data dir, takes over the stale lock, and serves again', async () => {
    const first = await startNode(pgliteEnv);
    nodes.push(first);
    const user = await registerAndLogin(first.base, 'pglite-kill');
    const load = startLoad({
      base: first.base,
      workers: 2,
      pauseMs: 10,
      timeoutMs: 10_000,
      request: (seq) => ({
        method: 'POST',
        path: '/tasks',
        body: { title: `pglite ${seq}` },
        token: user.accessToken,
      }),
    });
    await sleep(1500);
    first.proc.child.kill('SIGKILL');
    const { signal } = await first.proc.exit;
    const outcomes = await load.stop();
    expect(signal).toBe('SIGKILL');
    const acknowledged = outcomes
      .filter((o) => o.status === 201)
      .map((o) => (o.body as { id: number }).id);
    expect(acknowledged.length).toBeGreaterThan(0);

    // The dead process left its lock file behind.
    const lock = join(dataDir, 'devtrackr.lock');
    expect(existsSync(lock)).toBe(true);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(first.proc.child.pid));

    const second = await startNode(pgliteEnv);
    nodes.push(second);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(second.proc.child.pid));
    expect((await call(second.base, 'GET', '/ready')).status).toBe(200);

    // What survived: the account, its session and the acknowledged tasks (counted, not assumed).
    const me = await call(second.base, 'GET', '/auth/me', { token: user.accessToken });
    let found = 0;
    if (me.status === 200) {
      const ids = new Set<number>();
      for (let offset = 0; ; offset += 200) {
        const page = await call(second.base, 'GET', `/tasks?limit=200&offset=${offset}`, {
          token: user.accessToken,
        });
        const items = page.body as { id: number }[];
        for (const t of items) ids.add(t.id);
        if (items.length < 200) break;
      }
      found = acknowledged.filter((id) => ids.has(id)).length;
    }
    console.log(
      `[fault-pglite-kill] sent=${outcomes.length} acknowledged(201)=${acknowledged.length} ` +
        `acknowledged_found_after_restart=${found} account_survived=${me.status === 200}`,
    );

    // And it takes new writes.
    const fresh = await registerAndLogin(second.base, 'pglite-after');
    const created = await call(second.base, 'POST', '/tasks', {
      body: { title: 'after the crash' },
      token: fresh.accessToken,
    });
    expect(created.status).toBe(201);
  }, 400_000);
});
