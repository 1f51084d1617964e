import { sql } from 'drizzle-orm';
import { queryRows } from './query.js';
import type { DbOrTx } from './types.js';

/** The time zone names this PostgreSQL (or PGlite) knows; its tzdata can differ from Node's ICU. */
export async function listDatabaseTimezones(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(db, sql`select name from pg_timezone_names`);
  return rows.map((r) => r.name);
}
