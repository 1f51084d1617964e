/**
 * Cold start and resident memory of the server, for the foundation issue's figures.
 *   npx tsx bench/startup.ts
 * Measures, each from spawn to the first 200 on /health, then RSS after a few /ready calls:
 *   - `npm start` on PGlite with a fresh DATA_DIR (includes initdb + migrations)
 *   - `npm start` on PGlite with an existing DATA_DIR
 *   - the production build (`node dist/src/server.js`) on PostgreSQL
 * Needs `npm run build` first and PostgreSQL at BENCH_DATABASE_URL (default local postgres).
 */
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function rssMiB(pid: number): number {
  // The listening node process may be a child of npm: sum the whole tree.
  const pids = [pid, ...descendants(pid)];
  let kb = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m && readFileSync(`/proc/${p}/comm`, 'utf8').trim().startsWith('node'))
        kb += Number(m[1]);
    } catch {
      // exited
    }
  }
  return Math.round(kb / 1024);
}

function descendants(pid: number): number[] {
  try {
    const kids = execSync(`pgrep -P ${pid}`)
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
    return kids.flatMap((k) => [k, ...descendants(k)]);
  } catch {
    return [];
  }
}

async function measure(label: string, cmd: string, args: string[], env: Record<string, string>) {
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const started = performance.now();
  const child = spawn(cmd, args, {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
    detached: true,
  });
  let ms = 0;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) {
        ms = performance.now() - started;
        break;
      }
    } catch {
      // not yet listening
    }
    if (performance.now() - started > 120_000) throw new Error(`${label}: no answer in 120 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/ready`);
  const rss = rssMiB(child.pid!);
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  console.log(`| ${label} | ${(ms / 1000).toFixed(2)} s | ${rss} MiB |`);
}

const name = `devtrackr_startup_${Date.now()}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`create database ${name}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${name}`;
try {
  console.log('| server | cold start to first /health 200 | RSS after start |');
  console.log('|---|---|---|');
  const dataDir = mkdtempSync(join(tmpdir(), 'devtrackr-startup-'));
  await measure('`npm start`, PGlite, fresh DATA_DIR', 'npm', ['start'], { DATA_DIR: dataDir });
  await measure('`npm start`, PGlite, existing DATA_DIR', 'npm', ['start'], { DATA_DIR: dataDir });
  await measure(
    '`node dist/src/server.js`, PostgreSQL (first start, migrates)',
    'node',
    ['dist/src/server.js'],
    {
      DATABASE_URL: url.toString(),
      JWT_SECRET: 'x'.repeat(40),
      NODE_ENV: 'production',
      METRICS_PUBLIC: 'true',
    },
  );
  await measure(
    '`node dist/src/server.js`, PostgreSQL (migrated)',
    'node',
    ['dist/src/server.js'],
    {
      DATABASE_URL: url.toString(),
      JWT_SECRET: 'x'.repeat(40),
      NODE_ENV: 'production',
      METRICS_PUBLIC: 'true',
    },
  );
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
