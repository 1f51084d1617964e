import { Param, sql, type Column, type Placeholder, type SQL } from 'drizzle-orm';
import type { DbOrTx } from './types.js';

/**
 * Statements built once per database handle and run many times, through Drizzle's own public
 * `.prepare()`, with their values typed.
 *
 * Drizzle rebuilds a query from its builder on every call: walking each selected column, casing
 * names, rendering the SQL. On `GET /tasks/{id}` that was a third of the server's CPU under load
 * (bench profile: drizzle-orm 34.5 % of busy time, mostly `is()` checks). `.prepare()` renders
 * once, but binds the result to the handle it was built on: the application's database handle
 * (the pool, or PGlite), or one transaction. So a statement is prepared once for the database
 * handle, which serves every request outside a transaction (the hot paths: read a task, create
 * one, update one optimistically, list), and once per transaction that uses it.
 *
 * The values are typed: `build` receives `p`, which only accepts the names of `A`, so a
 * misspelled placeholder is a compile error (lint forbids `sql.placeholder` elsewhere).
 */

/** The placeholders of a statement whose values are `A`. */
export interface Params<A> {
  /**
   * The value `name`, encoded like a literal of the column it is compared with or written to
   * (Drizzle binds a placeholder to that column: a `Date` for a timestamp, an array for text[]).
   */
  <K extends keyof A & string>(name: K): Placeholder<K, A[K]>;
  /**
   * The value `name`, handed to the driver as it is. For a nullable timestamp column: Drizzle's
   * timestamp encoder calls `toISOString()` and throws on null, while the driver sends a JS null
   * as SQL NULL and a Date as an instant.
   */
  raw<K extends keyof A & string>(name: K): SQL<A[K]>;
  /**
   * The value `name`, encoded by `column`, as an SQL fragment: for places whose types take SQL but
   * not a placeholder (an UPDATE's SET, a comparison written with the sql template).
   */
  as<K extends keyof A & string>(name: K, column: Column): SQL<A[K]>;
}

/** Anything with Drizzle's `.prepare()`: select, insert, update and delete builders. */
export interface Preparable<R> {
  prepare(name: string): { execute(values?: Record<string, unknown>): Promise<R> };
}

export type Statement<A extends object, R> = (db: DbOrTx, args: A) => Promise<R>;

/** The typed placeholders for values `A` (statement() hands them to its builder). */
export function placeholders<A>(): Params<A> {
  const p = <K extends keyof A & string>(name: K) => sql.placeholder(name);
  return Object.assign(p, {
    raw: <K extends keyof A & string>(name: K) => sql<A[K]>`${sql.placeholder(name)}`,
    as: <K extends keyof A & string>(name: K, column: Column) =>
      sql<A[K]>`${new Param(sql.placeholder(name), column)}`,
  });
}

/**
 * Defines a statement: `build` receives a Drizzle handle and the typed placeholders `p`, and
 * returns a builder whose variable parts are `p('name')`; the returned function runs it with `A`
 * bound. `name` makes it a server-side prepared statement on PostgreSQL (parsed and planned once
 * per connection); leave it out for statements whose best plan depends on the values.
 */
export function statement<A extends object, R>(
  build: (db: DbOrTx, p: Params<A>) => Preparable<R>,
  name?: string,
): Statement<A, R> {
  const p = placeholders<A>();
  // The prepared query per handle. The database handle lives as long as the app, so its
  // statement is prepared once; a transaction's handle (one per transaction) gets its own,
  // dropped with it. A prepared query runs many times, also concurrently (each execute sends
  // its own values).
  const perHandle = new WeakMap<DbOrTx, ReturnType<Preparable<R>['prepare']>>();
  return (db, args) => {
    let prepared = perHandle.get(db);
    if (prepared === undefined) {
      prepared = build(db, p).prepare(name ?? '');
      perHandle.set(db, prepared);
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
