import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_DIR } from './paths.js';

export interface RunningApi {
  /** http://127.0.0.1:<port>, the origin the browser opens /app/ on. */
  readonly url: string;
  readonly stop: () => Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
/** Enough of the server's output to say why it did not start. */
const OUTPUT_TAIL = 8_000;

/**
 * The production start command, read from apps/api's `start:prod` script so the suite runs the
 * server exactly as a deployment does (node with its heap cap, dist/src/server.js). Spawning node
 * itself rather than npm lets SIGTERM reach the server, which then closes PGlite cleanly.
 */
function productionCommand(): string[] {
  const pkg = JSON.parse(readFileSync(join(API_DIR, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (pkg.scripts?.['start:prod'] ?? '').split(/\s+/).filter((word) => word !== '');
  if (words[0] !== 'node' || words.length < 2) {
    throw new Error(`e2e: apps/api's start:prod is not a plain node command: ${words.join(' ')}`);
  }
  return words.slice(1);
}

/** A port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const address = probe.address();
  await new Promise<void>((resolve) =>
    probe.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('e2e: no free port');
  return address.port;
}

const secret = (bytes: number): string => randomBytes(bytes).toString('hex');

/**
 * The environment of a production start on a fresh embedded database. Everything production
 * requires is set (NODE_ENV, JWT_SECRET, METRICS_TOKEN); DATABASE_URL and REDIS_URL are set
 * empty so neither the caller's environment nor apps/api/.env can point the run elsewhere.
 * The per-IP credential throttles are raised only because every test's user comes from this
 * one address: with the production 10 registrations a minute, the suite would test the limiter.
 */
function productionEnv(port: number, dataDir: string, webDist: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    JWT_SECRET: secret(32),
    METRICS_TOKEN: secret(16),
    WEB_DIST_DIR: webDist,
    LOG_LEVEL: 'info',
    RATE_LIMIT_REGISTER_PER_IP: '1000',
    RATE_LIMIT_LOGIN_PER_IP: '1000',
    RATE_LIMIT_REFRESH_PER_IP: '1000',
    RATE_LIMIT_GLOBAL_MAX: '100000',
  };
}

async function waitForReady(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`e2e: the API exited before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/ready`);
      if (response.ok) return;
    } catch {
      // Not listening yet (PGlite's first start runs initdb and the migrations).
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`e2e: the API was not ready after ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/**
 * Starts the production API on a free port with a fresh PGlite in a temporary DATA_DIR and
 * resolves once /ready answers 200; its log goes to `logFile`, to read when a test fails.
 * stop() ends it with SIGTERM (SIGKILL if it hangs) and deletes the data.
 */
export async function startApi(webDist: string, logFile: string): Promise<RunningApi> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'devtrackr-e2e-data-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, productionCommand(), {
    cwd: API_DIR,
    env: productionEnv(port, dataDir, webDist),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  let tail = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForReady(url, child, () => tail);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
