import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { inject } from 'vitest';
import { createPgDatabase } from '../../src/db/pg.js';
import { createPgliteDatabase } from '../../src/db/pglite.js';
import type { Database } from '../../src/db/types.js';

export type TestDbKind = 'pglite' | 'pg';

/** Which database this test project runs on (set per vitest project). */
export function testDbKind(): TestDbKind {
  return inject('dbKind');
}

/**
 * A migrated database for one test file. PGlite: a private in-memory copy of the snapshot that
 * global setup migrated once (no initdb per file). PostgreSQL: a pool on the run's fresh database;
 * tests isolate themselves by creating their own users.
 */
export async function createTestDatabase(): Promise<Database> {
  if (testDbKind() === 'pg') {
    return createPgDatabase(
      { url: inject('pgUrl'), poolMax: 10, connectTimeoutMs: 5000, statementTimeoutMs: 30_000 },
      pino({ level: 'silent' }),
    );
  }
  const snapshot = readFileSync(inject('pgliteSnapshot'));
  return createPgliteDatabase({ loadDataDir: new Blob([snapshot]) });
}
