import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp, loggerOptions } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDatabase } from './db/client.js';
import { DataDirLockedError } from './db/pglite.js';
import { withPersistedJwtSecret } from './jwt-secret.js';
import { installShutdown } from './shutdown.js';

export interface StartOptions {
  /** Lets a test fixture add routes (a deliberately slow one) to the real server. */
  beforeListen?: (app: FastifyInstance) => Promise<void> | void;
}

/**
 * The only place that listens: config (plus the development JWT secret file), database,
 * migrations, app, signals.
 */
export async function start(loaded: Config, options: StartOptions = {}): Promise<FastifyInstance> {
  const config = withPersistedJwtSecret(loaded);
  const logger = pino(loggerOptions(config) as pino.LoggerOptions);
  for (const warning of config.warnings) logger.warn(warning);

  const database = await createDatabase(config, logger);
  try {
    if (config.migrateOnStart) {
      await database.migrate();
      logger.info({ driver: database.kind }, 'migrations applied');
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  const app = await buildApp({ config, database, loggerInstance: logger });
  app.addHook('onClose', async () => {
    await database.close();
  });
  await options.beforeListen?.(app);
  installShutdown(app, config.http.shutdownGraceMs);
  await app.listen({ port: config.port, host: config.host });
  return app;
}

/** Prints one clear message for the failures a user can fix, and exits non-zero. */
export async function main(startOptions: StartOptions = {}): Promise<void> {
  try {
    await start(loadConfig(), startOptions);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      process.stderr.write(`devtrackr: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    process.stderr.write(
      `devtrackr: failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
