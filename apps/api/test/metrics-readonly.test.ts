import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/query.js';
import { users } from '../src/db/schema/index.js';
import type { Database } from '../src/db/types.js';
import { readOnly } from '../src/modules/metrics/metrics.sql.js';
import { createTestDatabase } from './helpers/db.js';

// The analytics run in readOnly(): one snapshot, JIT off, and a transaction PostgreSQL itself
// refuses to write in. Checked on the driver of the project (PGlite, or node-postgres when
// TEST_DATABASE_URL is set): the two start a READ ONLY transaction differently.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** The SQLSTATE of a failed statement: Drizzle wraps the driver's error as its `cause`. */
function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

async function failure(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

const email = () => `readonly-${Math.random().toString(36).slice(2)}@example.com`;

describe('readOnly()', () => {
  it('is a READ ONLY transaction with the analytics settings', async () => {
    const [row] = await readOnly(database.db, (tx) =>
      queryRows<{ read_only: string; jit: string; work_mem: string }>(
        tx,
        sql`select current_setting('transaction_read_only') as read_only,
          current_setting('jit') as jit, current_setting('work_mem') as work_mem`,
      ),
    );
    expect(row).toEqual({ read_only: 'on', jit: 'off', work_mem: '64MB' });
  });

  it('an insert inside it fails with 25006 (read_only_sql_transaction), no row', async () => {
    const address = email();
    const err = await failure(
      readOnly(database.db, (tx) =>
        tx.insert(users).values({ email: address, passwordHash: 'x', timezone: 'UTC' }),
      ),
    );
    expect(sqlState(err)).toBe('25006');
    const rows = await database.db.select().from(users).where(eq(users.email, address));
    expect(rows).toEqual([]);
  });

  it('updates and deletes fail the same way', async () => {
    const [user] = await database.db
      .insert(users)
      .values({ email: email(), passwordHash: 'x', timezone: 'UTC' })
      .returning({ id: users.id });
    const id = user!.id;
    const update = await failure(
      readOnly(database.db, (tx) =>
        tx.update(users).set({ timezone: 'Europe/Berlin' }).where(eq(users.id, id)),
      ),
    );
    expect(sqlState(update)).toBe('25006');
    const remove = await failure(
      readOnly(database.db, (tx) => tx.delete(users).where(eq(users.id, id))),
    );
    expect(sqlState(remove)).toBe('25006');
    const [kept] = await database.db.select().from(users).where(eq(users.id, id));
    expect(kept?.timezone).toBe('UTC');
  });

  it('does not outlive its transaction: the connection writes again afterwards', async () => {
    await readOnly(database.db, (tx) => tx.select().from(users).limit(1));
    const [setting] = await queryRows<{ read_only: string }>(
      database.db,
      sql`select current_setting('transaction_read_only') as read_only`,
    );
    expect(setting?.read_only).toBe('off');
    const rows = await database.db
      .insert(users)
      .values({ email: email(), passwordHash: 'x', timezone: 'UTC' })
      .returning({ id: users.id });
    expect(rows).toHaveLength(1);
  });
});
