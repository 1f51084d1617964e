import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './types.js';

/**
 * Rows of a raw SQL query. Both drivers answer `db.execute` with `{ rows }`, but the shared
 * Drizzle type cannot say so; this is the one place that bridges it.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}
