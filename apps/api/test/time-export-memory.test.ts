import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser } from './helpers/auth.js';
import { insertTask } from './helpers/time.js';

const ROWS = 100_000;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('streaming export at scale', () => {
  it('exports 100,000 entries through a real socket, every row once', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id, { title: 'bulk' });
    await t.app.database.db.execute(sql`
        insert into time_entries (workspace_id, task_id, user_id, started_at, ended_at, source, note)
        select (select workspace_id from tasks where id = ${task}), ${task}, ${u.id},
               timestamptz '2025-01-01T00:00:00Z' + g * interval '1 minute',
               timestamptz '2025-01-01T00:00:00Z' + g * interval '1 minute' + interval '45 seconds',
               'manual', 'bulk entry number ' || g
        from generate_series(1, ${ROWS}) g`);

    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;

    const res = await fetch(`http://127.0.0.1:${port}/time-entries/export?format=csv`, {
      headers: u.headers,
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let bytes = 0;
    let tail = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value as Uint8Array;
      bytes += chunk.byteLength;
      const text = tail + decoder.decode(chunk, { stream: true });
      const parts = text.split('\r\n');
      lines += parts.length - 1;
      tail = parts[parts.length - 1]!;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    }
    expect(tail).toBe('');
    expect(lines - 1).toBe(ROWS); // minus the header row

    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    // A figure for the record (see bench/export-memory.ts for the PostgreSQL measurement);
    // deliberately not asserted: memory and timing are measured, never tested.
    console.info(
      `export of ${ROWS} rows (${mb(bytes)} MiB CSV): RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} MiB (+${mb(rssPeak - rssBefore)})`,
    );
  }, 180_000);
});
