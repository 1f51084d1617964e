// One production API for the whole CLI suite (node dist/src/server.js, NODE_ENV=production, a
// fresh embedded database), the way apps/web/e2e/support/server.ts starts one for the browser
// tests; the approach is copied, not imported, so the apps stay independent.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { freePort } from './helpers/ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port> of the suite's API. */
    apiUrl: string;
    /** A temporary folder removed after the run; tests make their HOMEs and repos in it. */
    tmpRoot: string;
  }
}

const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(CLI_DIR, '../..');
const API_DIR = join(ROOT, 'apps/api');
const SERVER = join(API_DIR, 'dist/src/server.js');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_TAIL = 8_000;

/** apps/api's `start:prod` without its leading `node`, so the suite runs what deployments run. */
function productionArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(API_DIR, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (pkg.scripts?.['start:prod'] ?? '').split(/\s+/).filter((word) => word !== '');
  if (words[0] !== 'node' || words.length < 2) {
    throw new Error(
      `cli tests: apps/api's start:prod is not a plain node command: ${words.join(' ')}`,
    );
  }
  return words.slice(1);
}

const secret = (bytes: number): string => randomBytes(bytes).toString('hex');

async function waitForReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`cli tests: the API exited before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet: PGlite's first start runs initdb and the migrations.
    }
    await new Promise((wake) => setTimeout(wake, 200));
  }
  throw new Error(`cli tests: the API was not ready after ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * The subprocess tests run dist/bin.js, so it is compiled from the current sources first. tsc
 * still writes dist when another file of the tree has a type error (noEmitOnError is off), so a
 * colleague's unfinished file does not stop the suite; the errors are shown, typecheck fails.
 */
function buildCli(): void {
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: CLI_DIR,
        stdio: 'pipe',
      },
    );
  } catch (error) {
    const out = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
    console.warn(`cli tests: tsc reported errors (dist was written anyway):\n${out}`);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(SERVER)) {
    execFileSync('npm', ['run', 'build', '-w', '@devtrackr/api'], { cwd: ROOT, stdio: 'inherit' });
  }
  buildCli();
  const tmpRoot = mkdtempSync(join(tmpdir(), 'devtrackr-cli-test-'));
  const dataDir = join(tmpRoot, 'api-data');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, productionArgs(), {
    cwd: API_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      // Set empty so neither the caller's environment nor apps/api/.env points elsewhere.
      DATABASE_URL: '',
      REDIS_URL: '',
      JWT_SECRET: secret(32),
      METRICS_TOKEN: secret(16),
      LOG_LEVEL: 'warn',
      // Every test's user registers and logs in from this one address: with the production
      // per-IP throttles the suite would test the limiter instead of the CLI.
      RATE_LIMIT_REGISTER_PER_IP: '1000',
      RATE_LIMIT_LOGIN_PER_IP: '1000',
      RATE_LIMIT_REFRESH_PER_IP: '1000',
      RATE_LIMIT_GLOBAL_MAX: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(tmpRoot, { recursive: true, force: true });
  };

  try {
    await waitForReady(url, child, () => tail);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide('apiUrl', url);
  project.provide('tmpRoot', tmpRoot);
  return stop;
}
