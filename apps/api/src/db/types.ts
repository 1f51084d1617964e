import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.js';

type Schema = typeof schema;

/** The Drizzle handle, whichever driver is behind it (node-postgres or PGlite). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle. Functions that must run inside a transaction take this type. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either: for repository functions that work in or out of a transaction. */
export type DbOrTx = Db | Tx;

export type DriverKind = 'pg' | 'pglite';

export interface Database {
  readonly kind: DriverKind;
  readonly db: Db;
  /** One round trip to the server; throws when it cannot be reached. */
  ping(): Promise<void>;
  /** Applies pending migrations (under an advisory lock on PostgreSQL). */
  migrate(): Promise<void>;
  /** Pool statistics for observability; PGlite reports a single connection. */
  stats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}
