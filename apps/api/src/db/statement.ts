import { Param, Placeholder, is, type Query } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgSession, SelectedFieldsOrdered } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';
import type { Db, DbOrTx } from './types.js';

/**
 * Statements built once and run many times, on the database or inside any transaction.
 *
 * Drizzle rebuilds a query from its builder on every call: walking each selected column, casing
 * names, rendering the SQL. On `GET /tasks/{id}` that was a third of the server's CPU under load
 * (bench profile: drizzle-orm 34.5 % of busy time, mostly `is()` checks). Drizzle's own
 * `.prepare()` builds once, but binds the result to the session it was built on (the pool, or one
 * transaction's client), so it cannot serve a statement that runs inside many transactions.
 *
 * This keeps exactly what `.prepare()` captures (the SQL with its placeholders, the selected
 * fields and how to map them) and hands it to whichever session runs the statement, through the
 * session's public `prepareQuery`. Results are mapped by Drizzle as usual, and the statement text
 * is the one the builder renders, so behaviour and SQL are unchanged. (`statement.test.ts` runs
 * each shape on both drivers, which would catch a Drizzle upgrade that changed the contract.)
 */

type PrepareArgs = Parameters<PgSession['prepareQuery']>;

/** What a builder's `.prepare()` hands its session, recorded once. */
interface Captured {
  query: Query;
  fields: SelectedFieldsOrdered | undefined;
  arrayMode: boolean;
  customResultMapper: PrepareArgs[4];
  queryMetadata: PrepareArgs[5];
  joinsNotNullableMap: Record<string, boolean> | undefined;
}

/** Anything with Drizzle's `.prepare()`: select, insert, update and delete builders. */
interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

/**
 * A placeholder bound to a column is encoded by the column (a timestamp's `toISOString()`), which
 * throws on null; Drizzle's builders skip the encoder for a literal null, and so does this.
 */
function nullSafe(param: unknown): unknown {
  if (!is(param, Param) || !is(param.value, Placeholder)) return param;
  const { encoder } = param;
  return new Param(param.value, {
    mapToDriverValue: (value: unknown) => (value === null ? null : encoder.mapToDriverValue(value)),
  });
}

/** A recorder: a Drizzle instance whose session records what `.prepare()` asks of it. */
function recorder(): { db: Db; take(): Captured } {
  // Same dialect settings as src/db/pg.ts and src/db/pglite.ts (casing decides the SQL text).
  const db = drizzle({ client: {} as never, schema, casing: 'snake_case' }) as unknown as Db;
  let captured: Captured | undefined;
  const handle: { joinsNotNullableMap?: Record<string, boolean>; setToken(): unknown } = {
    setToken() {
      return handle;
    },
  };
  const session = db._.session as unknown as { prepareQuery: (...a: PrepareArgs) => unknown };
  session.prepareQuery = (query, fields, _name, arrayMode, customResultMapper, queryMetadata) => {
    captured = {
      query,
      fields,
      arrayMode,
      customResultMapper,
      queryMetadata,
      joinsNotNullableMap: undefined,
    };
    return handle;
  };
  return {
    db,
    take() {
      if (captured === undefined) throw new Error('the builder did not prepare a query');
      captured.joinsNotNullableMap = handle.joinsNotNullableMap;
      captured.query = { ...captured.query, params: captured.query.params.map(nullSafe) };
      return captured;
    },
  };
}

interface Prepared<R> {
  joinsNotNullableMap?: Record<string, boolean>;
  execute(values: Record<string, unknown>): Promise<R>;
}

export type Statement<A extends object, R> = (db: DbOrTx, args: A) => Promise<R>;

/**
 * Defines a statement: `build` receives a Drizzle handle and returns a builder whose variable
 * parts are `sql.placeholder('name')`; the returned function runs it with those names bound.
 * `name` makes it a server-side prepared statement on PostgreSQL (parsed and planned once per
 * connection); leave it out for statements whose best plan depends on the values.
 */
export function statement<A extends object, R>(
  build: (db: Db) => Preparable<R>,
  name?: string,
): Statement<A, R> {
  let captured: Captured | undefined;
  // The prepared query handed out per session. The database handle's session lives as long as
  // the app, so its statements are made once; a transaction's session (one per transaction) gets
  // its own, dropped with it. Drizzle's prepared queries are meant to run many times, also
  // concurrently (each execute sends its own values).
  const perSession = new WeakMap<object, Prepared<R>>();
  return (db, args) => {
    const session = db._.session;
    let prepared = perSession.get(session);
    if (prepared === undefined) {
      if (captured === undefined) {
        const r = recorder();
        build(r.db).prepare(name ?? '');
        captured = r.take();
      }
      const c = captured;
      prepared = session.prepareQuery(
        c.query,
        c.fields,
        name,
        c.arrayMode,
        c.customResultMapper,
        c.queryMetadata,
      ) as unknown as Prepared<R>;
      prepared.joinsNotNullableMap = c.joinsNotNullableMap;
      perSession.set(session, prepared);
    }
    return prepared.execute(args as Record<string, unknown>);
  };
}

/**
 * Statements of one family keyed by their shape (which columns a PATCH sets, which filters a list
 * uses), each made on first use. Capped: a client sending every combination only makes the cache
 * start over, never grow without bound.
 */
export class StatementsByShape<S> {
  private readonly map = new Map<string, S>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.map.size;
  }

  get(shape: string, make: () => S): S {
    let found = this.map.get(shape);
    if (found === undefined) {
      if (this.map.size >= this.max) this.map.clear();
      found = make();
      this.map.set(shape, found);
    }
    return found;
  }
}
