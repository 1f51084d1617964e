import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createPgliteDatabase } from './db/pglite.js';

/**
 * The OpenAPI document as the code defines it. Building the app needs a database handle but no
 * query runs, so an unmigrated in-memory PGlite is enough.
 */
export async function generateOpenApi(): Promise<string> {
  const database = await createPgliteDatabase({});
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' }),
    database,
    logger: false,
  });
  try {
    await app.ready();
    return `${JSON.stringify(app.swagger(), null, 2)}\n`;
  } finally {
    await app.close();
    await database.close();
  }
}
