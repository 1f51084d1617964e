import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_JWT_SECRET } from './config.js';
import { spawnTs, waitForListening, type Spawned } from './process.js';

/** The real server plus a /slow route (test/fixtures/slow-server.ts); prints LISTENING <port>. */
export const SERVER_FIXTURE = 'test/fixtures/slow-server.ts';

/** The PostgreSQL server the multi-process tests create their own databases on. */
export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface ScratchDatabase {
  url: string;
  name: string;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

/** A fresh, empty database on the server at `admin` (no migrations: the nodes run them). */
export async function createScratchDatabase(admin = adminUrl()): Promise<ScratchDatabase> {
  const name = `devtrackr_scratch_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    url: url.toString(),
    name,
    async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      return (await pool.query<T>(sql, params)).rows;
    },
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface Node {
  proc: Spawned;
  port: number;
  base: string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts one DevTrackr process (the real server) and waits until it listens. */
export async function startNode(env: Record<string, string>): Promise<Node> {
  const proc = spawnTs(SERVER_FIXTURE, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: TEST_JWT_SECRET,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-node-')),
    // Suites register many users from one address; tests that want limits set them.
    RATE_LIMIT_ENABLED: 'false',
    ...env,
  });
  const port = await waitForListening(proc);
  return {
    proc,
    port,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGTERM');
      }
      return (await proc.exit).code;
    },
  };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** One HTTP call with a JSON body; never hangs past `timeoutMs`. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<JsonResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export interface Session {
  id: number;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** Registers and logs in on one node. */
export async function registerAndLogin(base: string, prefix = 'node'): Promise<Session> {
  const email = `${prefix}-${process.pid}-${randomBytes(5).toString('hex')}@example.com`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const reg = await call(base, 'POST', '/auth/register', { body: { email, password } });
  if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.text}`);
  const login = await call(base, 'POST', '/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
  const tokens = login.body as { access_token: string; refresh_token: string };
  return {
    id: (reg.body as { id: number }).id,
    email,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
  };
}
