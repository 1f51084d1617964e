/**
 * Memory of the streaming exports on PostgreSQL: the real server runs as a child process, a
 * user gets ROWS time entries (one INSERT ... SELECT generate_series), and the client downloads
 * GET /time-entries/export as CSV, then as JSON, reading and discarding the body. The server's
 * RSS is sampled with pidusage every 25 ms; the report gives its baseline (after a warm-up
 * export) and its peak per format. Creates a throwaway database and drops it.
 *
 *   npx tsx bench/export-memory.ts
 *
 * Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * ROWS (default 100000).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import pidusage from 'pidusage';
import { migrateWithLock } from '../src/db/pg.js';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.ROWS ?? 100_000);
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => {
        resolve(port);
      });
    });
    srv.on('error', reject);
  });
}

async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error('server did not become ready');
}

/** Downloads one export, discarding the body, while sampling the server's RSS. */
async function measure(base: string, pid: number, auth: string, format: 'csv' | 'json') {
  let peak = 0;
  const state = { sampling: true };
  const sampler = (async () => {
    while (state.sampling) {
      peak = Math.max(peak, (await pidusage(pid)).memory);
      await sleep(25);
    }
  })();
  const t0 = performance.now();
  const res = await fetch(`${base}/time-entries/export?format=${format}`, {
    headers: { authorization: auth },
  });
  if (!res.ok) throw new Error(`export answered ${res.status}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  let newlines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = value as Uint8Array;
    bytes += chunk.byteLength;
    for (const b of chunk) if (b === 10) newlines++;
  }
  const seconds = (performance.now() - t0) / 1000;
  state.sampling = false;
  await sampler;
  return { bytes, newlines, seconds, peak };
}

async function main(): Promise<void> {
  const name = `devtrackr_bench_export_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      JWT_SECRET: randomBytes(32).toString('hex'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      METRICS_PUBLIC: 'true',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await migrateWithLock(pool);
    await waitReady(base);
    const email = `bench-${randomBytes(3).toString('hex')}@example.com`;
    const password = `bench-${randomBytes(12).toString('hex')}`;
    const reg = await fetch(`${base}/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const userId = ((await reg.json()) as { id: number }).id;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const auth = `Bearer ${((await login.json()) as { access_token: string }).access_token}`;

    const task = await pool.query<{ id: number }>(
      `insert into tasks (owner_id, title, category) values ($1, 'bulk export', 'bench') returning id`,
      [userId],
    );
    const t0 = performance.now();
    await pool.query(
      `insert into time_entries (task_id, user_id, started_at, ended_at, source, note)
       select $1, $2, timestamptz '2024-01-01T00:00:00Z' + g * interval '1 minute',
              timestamptz '2024-01-01T00:00:00Z' + g * interval '1 minute' + interval '45 seconds',
              'manual', 'bulk entry number ' || g
       from generate_series(1, $3::int) g`,
      [task.rows[0]!.id, userId, ROWS],
    );
    await pool.query('analyze time_entries');
    process.stdout.write(
      `seeded ${ROWS} entries in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
    );

    await measure(base, server.pid!, auth, 'csv'); // warm-up: JIT, pool, buffers
    await sleep(500);
    const baseline = (await pidusage(server.pid!)).memory;
    process.stdout.write(`server RSS baseline after a warm-up export: ${mb(baseline)} MiB\n`);
    for (const format of ['csv', 'json'] as const) {
      const r = await measure(base, server.pid!, auth, format);
      process.stdout.write(
        `${format}: ${mb(r.bytes)} MiB, ${format === 'csv' ? `${r.newlines - 1} rows, ` : ''}` +
          `${r.seconds.toFixed(1)} s; server RSS peak ${mb(r.peak)} MiB ` +
          `(+${mb(Math.max(0, r.peak - baseline))} MiB over baseline)\n`,
      );
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await pool.end();
    pidusage.clear();
    const cleanup = new pg.Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  }
}

await main();
