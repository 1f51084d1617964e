import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './types.js';

/**
 * Rows of a raw SQL query. Both drivers answer `db.execute` with `{ rows }`, but the shared
 * Drizzle type cannot say so; this is the one place that bridges it.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/**
 * A value of an enum column as an SQL literal (`'done'`), for hand-written SQL. The value is
 * checked against the column's enum at compile time, so renaming or removing it in the schema
 * breaks the build here instead of silently matching nothing. A literal rather than a bind
 * parameter: the statement text stays what the planner and pg_stat_statements see today.
 */
export function enumValue<C extends { readonly enumValues: readonly string[] | undefined }>(
  column: C,
  value: NonNullable<C['enumValues']>[number],
): SQL {
  return sql.raw(`'${value.replaceAll("'", "''")}'`);
}
