// @ts-check
/* global fetch -- Node 20's */
// What the browser is pointed at: the web app's production build, and the API on a PostgreSQL
// database seeded with the API bench's heavy user.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, copyFileSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';
import { freePort, run, waitFor } from './process.mjs';

export const WEB_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const API_DIR = fileURLToPath(new URL('../../../api/', import.meta.url));

/**
 * The production build in `workDir/dist`: `vite build` with the app's config, then the very
 * scripts/compress.mjs that `npm run build` runs, so the API serves the same .br/.gz files.
 * apps/web/dist is left alone (a running `npm start` or another engineer may be serving it).
 * compress.mjs compresses the dist beside it (../dist), hence its copy in workDir/scripts.
 * @param {string} workDir
 * @returns {string} the build's folder
 */
export function buildWeb(workDir) {
  const dist = join(workDir, 'dist');
  run('vite build (production)', 'npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir'], {
    cwd: WEB_DIR,
  });
  mkdirSync(join(workDir, 'scripts'), { recursive: true });
  const compress = join(workDir, 'scripts/compress.mjs');
  copyFileSync(join(WEB_DIR, 'scripts/compress.mjs'), compress);
  run('pre-compressing (scripts/compress.mjs)', process.execPath, [compress], { cwd: WEB_DIR });
  return dist;
}

/**
 * @typedef {object} SeededDatabase
 * @property {string} name
 * @property {string} url
 * @property {string} email the heavy user's
 * @property {string} password
 * @property {{ users: number, tasks: number, entries: number, seconds: number }} seed
 */

/**
 * @param {string[]} args
 * @param {'inherit' | 'pipe'} stdout
 */
const webSeed = (args, stdout) =>
  // apps/api/bench/web-seed.ts: the API bench's own seeding code (lib/seed.ts), run with tsx as
  // the API's scripts are.
  spawnSync(process.execPath, ['--import', 'tsx', 'bench/web-seed.ts', ...args], {
    cwd: API_DIR,
    stdio: ['ignore', stdout, 'inherit'],
    encoding: 'utf8',
  });

/**
 * Creates `name` on the bench's PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), migrated and seeded with the heavy user.
 * @param {string} name devtrackr_webbench_*
 * @param {'full' | 'quick' | 'smoke'} mode the API bench's sizes (full: 100,000 tasks, 1,000,000 entries)
 * @returns {SeededDatabase}
 */
export function seedDatabase(name, mode) {
  console.log(`bench: seeding ${name} (${mode})`);
  const result = webSeed(['create', name, `--mode=${mode}`], 'pipe');
  if (result.status !== 0) throw new Error(`bench: seeding ${name} failed (${result.status})`);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return { name, ...JSON.parse(last) };
}

/** @param {string} name */
export function dropDatabase(name) {
  const result = webSeed(['drop', name], 'inherit');
  if (result.status !== 0) console.error(`bench: could not drop ${name}; drop it by hand`);
}

/**
 * @typedef {object} RunningApi
 * @property {string} origin http://127.0.0.1:<port>; the app is at `${origin}/app/`
 * @property {() => Promise<void>} stop
 */

/**
 * The API in production mode on the seeded database, serving `webDist` at /app/. It runs from
 * source with tsx, as `npm start` does (a build of the API would only change its start-up), with
 * NODE_ENV=production: the production headers, CSP and caching are what Lighthouse audits.
 * The credential throttles are raised because the run signs the one heavy user in before every
 * Lighthouse run, and every sign-in and session refresh comes from one address.
 * @param {{ databaseUrl: string, webDist: string, dataDir: string, logFile: string }} options
 * @returns {Promise<RunningApi>}
 */
export async function startApi({ databaseUrl, webDist, dataDir, logFile }) {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      // The seed migrated the database; REDIS_URL empty keeps the limits in memory.
      MIGRATE_ON_START: 'false',
      REDIS_URL: '',
      DATA_DIR: dataDir,
      WEB_DIST_DIR: webDist,
      JWT_SECRET: randomBytes(32).toString('hex'),
      METRICS_TOKEN: randomBytes(16).toString('hex'),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LOGIN_PER_IP: '1000',
      RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000',
      RATE_LIMIT_REFRESH_PER_IP: '1000',
      RATE_LIMIT_GLOBAL_MAX: '100000',
    },
    // Output to a file: an undrained pipe would block the server.
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      'the API',
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`the API exited with ${child.exitCode}; see ${logFile}`);
        }
        const response = await fetch(`${origin}/ready`).catch(() => undefined);
        return response?.ok ? true : undefined;
      },
      120_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}
