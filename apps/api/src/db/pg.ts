import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { MIGRATIONS_FOLDER } from './migrations-path.js';
import * as schema from './schema/index.js';
import type { Database, Db } from './types.js';

// A fixed key so every DevTrackr process contends for the same lock; the value is arbitrary.
const MIGRATION_LOCK_KEY = 4_172_026_001;

// Return int8 (bigint, count(*)) as a JS number: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// Return numeric (avg, percentile_cont) as a JS number for the analytics queries.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export interface PgOptions {
  url: string;
  poolMax: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  applicationName?: string;
}

export function createPgDatabase(options: PgOptions, logger: FastifyBaseLogger): Database {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    // A used-up pool fails fast, so the request answers 503 instead of hanging.
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs,
    application_name: options.applicationName ?? 'devtrackr',
  });
  // Without this handler, an idle client killed by the server (restart, pg_terminate_backend)
  // emits an unhandled 'error' and crashes the process.
  pool.on('error', (err) => {
    logger.warn(
      { err: { message: err.message, code: (err as { code?: string }).code } },
      'idle database connection lost',
    );
  });
  // The pool listens only on idle clients; a checked-out client (inside a transaction) whose
  // server dies emits 'error' with no listener, which would kill the process. Its pending query
  // fails anyway and the request answers 503.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      logger.warn(
        { err: { message: err.message, code: (err as { code?: string }).code } },
        'database connection lost',
      );
    });
  });

  const db = drizzle({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;

  return {
    kind: 'pg',
    db,
    async ping() {
      await pool.query('select 1');
    },
    async migrate() {
      await migrateWithLock(pool);
    },
    stats() {
      return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount };
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * Applies migrations while holding a session-level advisory lock on one dedicated connection,
 * so that N processes starting together migrate once: the others wait, then find nothing to do.
 */
export async function migrateWithLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Migrations may legitimately take longer than a request's statement timeout.
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
