import type { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, loggerOptions } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/types.js';
import type { Clock } from '../../src/shared/clock.js';
import { testConfig } from './config.js';
import { createTestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export interface TestAppOptions {
  config?: Config;
  env?: Record<string, string>;
  clock?: Clock;
  /** Receives every log line (JSON), for tests that inspect what is logged. */
  logStream?: Writable;
  database?: Database;
  /** Extra routes registered before the app is ready (probe routes for error tests). */
  extraRoutes?: (app: FastifyInstance) => void;
}

/** The real app on a migrated test database. One per test file (beforeAll), closed in afterAll. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = options.config ?? testConfig(options.env);
  const database = options.database ?? (await createTestDatabase());
  const logger = options.logStream
    ? { ...(loggerOptions(config) as object), level: 'trace', stream: options.logStream }
    : false;
  const app = await buildApp({
    config,
    database,
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  options.extraRoutes?.(app);
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      if (!options.database) await database.close();
    },
  };
}

/** A clock tests can set and move. */
export function manualClock(start = new Date('2026-03-02T09:00:00Z')): Clock & {
  set(d: Date | string): void;
  advance(ms: number): void;
} {
  let now = start.getTime();
  const clock = (() => new Date(now)) as Clock & {
    set(d: Date | string): void;
    advance(ms: number): void;
  };
  clock.set = (d) => {
    now = new Date(d).getTime();
  };
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}
