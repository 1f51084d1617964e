import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { createPgDatabase } from './pg.js';
import { createPgliteDatabase } from './pglite.js';
import type { Database } from './types.js';

/** The one factory: node-postgres when DATABASE_URL is set, the embedded PGlite otherwise. */
export async function createDatabase(config: Config, logger: FastifyBaseLogger): Promise<Database> {
  if (config.databaseUrl !== undefined) {
    return createPgDatabase(
      {
        url: config.databaseUrl,
        poolMax: config.db.poolMax,
        connectTimeoutMs: config.db.connectTimeoutMs,
        statementTimeoutMs: config.db.statementTimeoutMs,
      },
      logger,
    );
  }
  return createPgliteDatabase({ dataDir: config.dataDir });
}
