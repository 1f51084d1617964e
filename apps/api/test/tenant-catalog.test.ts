import { sql, TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/query.js';
import type { Database, DbOrTx } from '../src/db/types.js';
import { createTestDatabase } from './helpers/db.js';

/**
 * Every tenant table can be distributed by workspace_id (DESIGN §5, docs/scaling.md): it has a
 * NOT NULL workspace_id, an index leading with it, and its foreign keys to other tenant tables
 * carry it, so joins stay on one shard. The tables come from the catalog, so a table added later
 * is checked without anyone remembering to list it here.
 */

/** Tables that are not per workspace, each with the reason. Everything else is a tenant table. */
const GLOBAL_TABLES: Record<string, string> = {
  users: 'accounts exist before and across workspaces; a reference table under Citus',
  sessions: 'a login belongs to a user, not to a workspace',
  refresh_tokens: "rows of a session's token family, found by token hash at refresh",
  personal_access_tokens: 'user-owned; its workspace_id is an optional limit, not a tenant key',
  idempotency_keys: 'keyed by (user_id, key), looked up before the request names a workspace',
  workspaces: 'the distribution root: its id IS the workspace id',
  __drizzle_migrations: 'migration bookkeeping (drizzle keeps it in schema "drizzle")',
};

/** The global table tenant tables may reference, and only through workspace_id. */
const DISTRIBUTION_ROOT = 'workspaces';

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  child_columns: string[];
  parent_columns: string[];
}

interface Audit {
  tables: string[];
  tenantTables: string[];
  /** "table: what is wrong" for each tenant table without a NOT NULL workspace_id. */
  columnProblems: string[];
  /** Tenant tables with no (non-partial) index or primary key whose first column is workspace_id. */
  unindexed: string[];
  foreignKeys: ForeignKey[];
}

const showKey = (fk: ForeignKey) =>
  `${fk.name}: ${fk.child}(${fk.child_columns.join(', ')}) → ${fk.parent}(${fk.parent_columns.join(', ')})`;

/** Reads the schema public from pg_catalog and says what would stop distribution. */
async function audit(db: DbOrTx): Promise<Audit> {
  const tables = (
    await queryRows<{ table: string }>(
      db,
      sql`select c.relname as "table"
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p')
          order by c.relname`,
    )
  ).map((r) => r.table);
  const tenantTables = tables.filter((t) => !(t in GLOBAL_TABLES));

  const columns = await queryRows<{ table: string; not_null: boolean }>(
    db,
    sql`select c.relname as "table", a.attnotnull as not_null
        from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on c.oid = a.attrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and a.attname = 'workspace_id' and not a.attisdropped`,
  );
  const notNull = new Map(columns.map((c) => [c.table, c.not_null]));
  const columnProblems = tenantTables.flatMap((t) => {
    const value = notNull.get(t);
    if (value === undefined) return [`${t}: no workspace_id column`];
    return value ? [] : [`${t}: workspace_id is nullable`];
  });

  // indkey[0] is the first key column (0 for an expression). A partial index does not count:
  // it cannot serve every query of the workspace.
  const leading = await queryRows<{ table: string }>(
    db,
    sql`select c.relname as "table"
        from pg_catalog.pg_index x
        join pg_catalog.pg_class c on c.oid = x.indrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = x.indkey[0]
        where n.nspname = 'public' and a.attname = 'workspace_id'
          and x.indpred is null and x.indisvalid`,
  );
  const indexed = new Set(leading.map((r) => r.table));
  const unindexed = tenantTables.filter((t) => !indexed.has(t));

  // Columns in key order: child_columns[k] references parent_columns[k].
  const foreignKeys = await queryRows<ForeignKey>(
    db,
    sql`select k.conname as name, c.relname as child, p.relname as parent,
               array(select a.attname::text
                     from unnest(k.conkey) with ordinality u(attnum, ord)
                     join pg_catalog.pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                     order by u.ord) as child_columns,
               array(select a.attname::text
                     from unnest(k.confkey) with ordinality u(attnum, ord)
                     join pg_catalog.pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
                     order by u.ord) as parent_columns
        from pg_catalog.pg_constraint k
        join pg_catalog.pg_class c on c.oid = k.conrelid
        join pg_catalog.pg_class p on p.oid = k.confrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'
        order by k.conname`,
  );
  return { tables, tenantTables, columnProblems, unindexed, foreignKeys };
}

/** Keys between two tenant tables that do not pair workspace_id with workspace_id. */
function crossShardKeys(a: Audit): string[] {
  const tenant = new Set(a.tenantTables);
  return a.foreignKeys
    .filter((fk) => tenant.has(fk.child) && tenant.has(fk.parent))
    .filter((fk) => {
      const k = fk.child_columns.indexOf('workspace_id');
      return k < 0 || fk.parent_columns[k] !== 'workspace_id';
    })
    .map(showKey);
}

let database: Database;
let current: Audit;

beforeAll(async () => {
  database = await createTestDatabase();
  current = await audit(database.db);
});

afterAll(async () => {
  await database.close();
});

describe('tenant tables in the catalog', () => {
  it('finds the tables we know, and classifies the current tenant tables', () => {
    for (const known of ['users', 'workspaces', 'workspace_members', 'tasks', 'time_entries']) {
      expect(current.tables).toContain(known);
    }
    expect(current.tenantTables).toEqual(
      expect.arrayContaining([
        'invitations',
        'projects',
        'tasks',
        'time_entries',
        'workspace_members',
      ]),
    );
  });

  it('every tenant table has a NOT NULL workspace_id column', () => {
    expect(current.columnProblems, 'tenant tables without a NOT NULL workspace_id').toEqual([]);
  });

  it('every tenant table has an index or primary key whose first column is workspace_id', () => {
    expect(current.unindexed, 'tenant tables with no index leading with workspace_id').toEqual([]);
  });

  it('every foreign key between two tenant tables pairs workspace_id with workspace_id', () => {
    const tenant = new Set(current.tenantTables);
    const between = current.foreignKeys.filter(
      (fk) => tenant.has(fk.child) && tenant.has(fk.parent),
    );
    // tasks → projects, tasks → workspace_members and time_entries → tasks at least.
    expect(between.length).toBeGreaterThanOrEqual(3);
    expect(crossShardKeys(current), 'foreign keys that would join across shards').toEqual([]);
  });

  it('tenant tables reference the distribution root only through workspace_id', () => {
    const tenant = new Set(current.tenantTables);
    const violations = current.foreignKeys
      .filter((fk) => tenant.has(fk.child) && fk.parent === DISTRIBUTION_ROOT)
      .filter(
        (fk) => fk.child_columns.join() !== 'workspace_id' || fk.parent_columns.join() !== 'id',
      )
      .map(showKey);
    expect(violations, 'a second workspace reference cannot be co-located').toEqual([]);
  });

  it('no global table references a tenant table (a reference table cannot point into shards)', () => {
    const tenant = new Set(current.tenantTables);
    const violations = current.foreignKeys
      .filter((fk) => !tenant.has(fk.child) && tenant.has(fk.parent))
      .map(showKey);
    expect(violations).toEqual([]);
  });

  it('a table added without a workspace_id, its index or a co-located key is caught by name', async () => {
    // Inside a transaction that is rolled back, so no other test (on the shared PostgreSQL
    // database) ever sees these tables.
    let probed: Audit | undefined;
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`create table catalog_probe_bare (id integer primary key)`);
        await tx.execute(
          sql`create table catalog_probe_keyed (
                id integer primary key,
                workspace_id integer,
                task_id integer references tasks (id))`,
        );
        await tx.execute(
          sql`create index catalog_probe_keyed_partial on catalog_probe_keyed (workspace_id)
              where task_id is not null`,
        );
        probed = await audit(tx);
        tx.rollback();
      })
      .catch((err: unknown) => {
        if (!(err instanceof TransactionRollbackError)) throw err;
      });
    expect(probed!.columnProblems).toEqual([
      'catalog_probe_bare: no workspace_id column',
      'catalog_probe_keyed: workspace_id is nullable',
    ]);
    expect(probed!.unindexed).toEqual(['catalog_probe_bare', 'catalog_probe_keyed']);
    expect(crossShardKeys(probed!)).toEqual([
      expect.stringMatching(/^catalog_probe_keyed_task_id_fkey: catalog_probe_keyed\(task_id\)/),
    ]);
    const after = await audit(database.db);
    expect(after.tables).toEqual(current.tables);
  });
});
