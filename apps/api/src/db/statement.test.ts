import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helpers/db.js';
import { tasks, timeEntries, users } from './schema/index.js';
import { insertPersonalWorkspace } from '../modules/workspaces/personal.repository.js';
import { StatementsByShape, placeholders, statement, type Params } from './statement.js';
import type { Database, DbOrTx } from './types.js';

// Statements built once must behave exactly like the builder they were made from, on both
// drivers, on the database handle and inside transactions (where they must use the
// transaction's connection).

let database: Database;
let ownerId: number;
let workspaceId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const [user] = await database.db
    .insert(users)
    .values({ email: `statement-${Date.now()}@example.com`, passwordHash: 'x' })
    .returning({ id: users.id });
  ownerId = user!.id;
  workspaceId = await database.db.transaction((tx) => insertPersonalWorkspace(tx, ownerId));
});
afterAll(async () => {
  await database.close();
});

type ByOwner = { ownerId: number };

const byOwner = (db: DbOrTx, p: Params<ByOwner>) =>
  db
    .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt, timer: timeEntries.startedAt })
    .from(tasks)
    .leftJoin(timeEntries, and(eq(timeEntries.taskId, tasks.id), isNull(timeEntries.endedAt)))
    .where(eq(tasks.ownerId, p('ownerId')))
    .orderBy(tasks.id);

const findByOwner = statement<
  ByOwner,
  { id: number; title: string; dueAt: Date | null; timer: Date | null }[]
>(byOwner);

// A misspelled placeholder does not compile (typecheck runs over this file).
statement<ByOwner, unknown[]>((db, p) => {
  // @ts-expect-error 'ownerID' is not a value of this statement
  const misspelled = p('ownerID');
  return db.select({ id: tasks.id }).from(tasks).where(eq(tasks.ownerId, misspelled));
});

const insertTask = statement<
  { ownerId: number; workspaceId: number; title: string; dueAt: Date | null },
  { id: number; dueAt: Date | null }[]
>(
  (db, p) =>
    db
      .insert(tasks)
      .values({
        ownerId: p('ownerId'),
        workspaceId: p('workspaceId'),
        title: p('title'),
        dueAt: p.raw('dueAt'),
      })
      .returning({ id: tasks.id, dueAt: tasks.dueAt }),
  'statement_test_insert',
);

describe('statement()', () => {
  it('inserts with a null and a Date bound to a timestamp column, and maps them back', async () => {
    const due = new Date('2026-05-06T07:08:09.123Z');
    const [dated] = await insertTask(database.db, {
      ownerId,
      workspaceId,
      title: 'dated',
      dueAt: due,
    });
    const [undated] = await insertTask(database.db, {
      ownerId,
      workspaceId,
      title: 'undated',
      dueAt: null,
    });
    expect(dated!.dueAt).toEqual(due);
    expect(undated!.dueAt).toBeNull();
  });

  it('answers what the builder answers (mapping, left join nulls, order)', async () => {
    const viaStatement = await findByOwner(database.db, { ownerId });
    const viaBuilder = await byOwner(database.db, placeholders<ByOwner>()).execute({ ownerId });
    expect(viaStatement).toEqual(viaBuilder);
    expect(viaStatement.map((r) => r.title)).toEqual(['dated', 'undated']);
    expect(viaStatement[0]!.dueAt).toBeInstanceOf(Date);
    expect(viaStatement.every((r) => r.timer === null)).toBe(true);
  });

  it('runs inside a transaction on its connection: sees its writes, and they roll back', async () => {
    const rollback = new Error('rollback');
    await expect(
      database.db.transaction(async (tx) => {
        await insertTask(tx, { ownerId, workspaceId, title: 'in tx', dueAt: null });
        const inside = await findByOwner(tx, { ownerId });
        expect(inside.map((r) => r.title)).toEqual(['dated', 'undated', 'in tx']);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const after = await findByOwner(database.db, { ownerId });
    expect(after.map((r) => r.title)).toEqual(['dated', 'undated']);
  });

  it('a named statement runs many times, also on every pooled connection', async () => {
    const runs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        insertTask(database.db, { ownerId, workspaceId, title: `many ${i}`, dueAt: null }),
      ),
    );
    expect(new Set(runs.map((r) => r[0]!.id)).size).toBe(12);
  });

  it('a missing value is an error, not a query with a hole', async () => {
    await expect(findByOwner(database.db, {} as { ownerId: number })).rejects.toThrow(
      /No value for placeholder "ownerId"/,
    );
  });
});

describe('StatementsByShape', () => {
  it('makes a statement once per shape, and starts over instead of growing past its cap', () => {
    const made: string[] = [];
    const cache = new StatementsByShape<string>(2);
    const get = (shape: string) =>
      cache.get(shape, () => {
        made.push(shape);
        return `statement for ${shape}`;
      });
    expect(get('a')).toBe('statement for a');
    expect(get('a')).toBe('statement for a');
    get('b');
    expect(made).toEqual(['a', 'b']);
    get('c'); // full: the cache is cleared, then holds c alone
    expect(cache.size).toBe(1);
    get('a');
    expect(made).toEqual(['a', 'b', 'c', 'a']);
    expect(cache.size).toBe(2);
  });
});
