import { pino } from 'pino';
import { serializeError } from '../shared/log-redaction.js';
import { loadConfig } from '../config.js';
import { createDatabase } from './client.js';

// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the PGlite in DATA_DIR).
const config = loadConfig();
const logger = pino({ level: config.logLevel, serializers: { err: serializeError } });
const database = await createDatabase(config, logger);
try {
  await database.migrate();
  logger.info({ driver: database.kind }, 'migrations applied');
} finally {
  await database.close();
}
