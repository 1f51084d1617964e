/**
 * Micro-benchmark of authentication on PostgreSQL, in a throwaway database it creates, migrates
 * and drops:
 * - the mean time of a login with an unknown email vs one with a wrong password (LOGIN_TRIES
 *   each, interleaved), through the real app (app.inject), to show they cost the same;
 * - logins per second: a real listening server under autocannon (argon2id verify per login);
 * - the p50 cost of one authenticated request's auth step (the `authenticate` hook alone), for
 *   an access token and a personal access token, with the per-process cache warm and with it off
 *   (AUTH_CACHE_MS=0: one database round trip per request).
 *
 *   npx tsx bench/auth-micro.ts
 *
 * Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), LOGIN_TRIES
 * (default 50), AUTH_RUNS (default 5000), LOAD_SECONDS (default 10), CONNECTIONS (default 8).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createPgDatabase, migrateWithLock } from '../src/db/pg.js';
import type { Database } from '../src/db/types.js';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LOGIN_TRIES = Number(process.env.LOGIN_TRIES ?? 50);
const AUTH_RUNS = Number(process.env.AUTH_RUNS ?? 5000);
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 8);

// One secret for both apps, so a token issued by one verifies on the other.
const JWT_SECRET = randomBytes(32).toString('hex');

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
const us = (x: number) => `${(x * 1000).toFixed(1)} µs`;

async function makeApp(
  url: string,
  cacheMs: number,
): Promise<{ app: FastifyInstance; database: Database }> {
  const config = loadConfig({
    NODE_ENV: 'production',
    METRICS_PUBLIC: 'true',
    JWT_SECRET,
    DATABASE_URL: url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-bench-')),
    LOG_LEVEL: 'silent',
    AUTH_CACHE_MS: String(cacheMs),
    // Measuring throughput, not the throttle: one client hammers one account from one address.
    RATE_LIMIT_ENABLED: 'false',
  });
  const database = createPgDatabase(
    { url, poolMax: 10, connectTimeoutMs: 5000, statementTimeoutMs: 30_000 },
    pino({ level: 'silent' }),
  );
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  return { app, database };
}

async function post(app: FastifyInstance, url: string, payload: object, headers = {}) {
  const res = await app.inject({ method: 'POST', url, payload, headers });
  if (res.statusCode >= 300 && res.statusCode !== 401) {
    throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  }
  return res;
}

async function loginTimings(app: FastifyInstance, email: string): Promise<void> {
  const unknown: number[] = [];
  const wrong: number[] = [];
  // Warm-up: the dummy hash is computed on first use.
  await post(app, '/auth/login', { email: 'nobody@example.com', password: 'warm-up-password' });
  for (let i = 0; i < LOGIN_TRIES; i++) {
    let start = performance.now();
    await post(app, '/auth/login', { email: `nobody-${i}@example.com`, password: 'guess-123456' });
    unknown.push(performance.now() - start);
    start = performance.now();
    await post(app, '/auth/login', { email, password: 'guess-123456' });
    wrong.push(performance.now() - start);
  }
  console.log(
    `login, unknown email : mean ${ms(mean(unknown))}, p50 ${ms(quantile(unknown, 0.5))} (${LOGIN_TRIES} tries)`,
  );
  console.log(
    `login, wrong password: mean ${ms(mean(wrong))}, p50 ${ms(quantile(wrong, 0.5))} (${LOGIN_TRIES} tries)`,
  );
}

async function loginThroughput(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<void> {
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const result = await autocannon({
    url: `${address}/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    connections: CONNECTIONS,
    duration: LOAD_SECONDS,
  });
  const ok = result['2xx'];
  console.log(
    `logins/s (autocannon, ${CONNECTIONS} connections, ${LOAD_SECONDS} s): ${(ok / LOAD_SECONDS).toFixed(1)} ` +
      `successful (p50 latency ${result.latency.p50} ms, non-2xx ${result.non2xx}, errors ${result.errors})`,
  );
}

async function authStep(app: FastifyInstance, label: string, token: string): Promise<void> {
  const hook = app.authenticate('tasks:read');
  const request = () =>
    ({ headers: { authorization: `Bearer ${token}` } }) as unknown as FastifyRequest;
  for (let i = 0; i < 200; i++) await hook(request()); // warm-up
  const times: number[] = [];
  for (let i = 0; i < AUTH_RUNS; i++) {
    const start = performance.now();
    await hook(request());
    times.push(performance.now() - start);
  }
  console.log(
    `auth step, ${label}: p50 ${us(quantile(times, 0.5))}, p99 ${us(quantile(times, 0.99))} (${AUTH_RUNS} runs)`,
  );
}

async function main(): Promise<void> {
  const name = `devtrackr_bench_auth_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    await migrateWithLock(pool);
    await pool.end();

    const cached = await makeApp(url.toString(), 2000);
    const email = 'bench@example.com';
    const password = 'a bench passphrase';
    await post(cached.app, '/auth/register', { email, password });
    const login = (await post(cached.app, '/auth/login', { email, password })).json<{
      access_token: string;
    }>();
    const pat = (
      await post(
        cached.app,
        '/auth/tokens',
        { name: 'bench', scopes: ['tasks:read'] },
        { authorization: `Bearer ${login.access_token}` },
      )
    ).json<{ token: string }>();

    console.log(`PostgreSQL, node ${process.version}`);
    await loginTimings(cached.app, email);
    await authStep(cached.app, 'access token, cache warm', login.access_token);
    await authStep(cached.app, 'personal token, cache warm', pat.token);
    const uncached = await makeApp(url.toString(), 0);
    await authStep(uncached.app, 'access token, no cache (DB round trip)', login.access_token);
    await authStep(uncached.app, 'personal token, no cache (DB round trip)', pat.token);
    await uncached.app.close();
    await uncached.database.close();
    await loginThroughput(cached.app, email, password);
    await cached.app.close();
    await cached.database.close();
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
