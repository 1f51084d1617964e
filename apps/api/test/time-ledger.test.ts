import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../src/db/schema/index.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { dbEntries, insertTask } from './helpers/time.js';

const BASE = new Date('2026-03-02T09:00:00Z');
const clock = manualClock(BASE);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

type Op =
  | { kind: 'start' | 'stop'; task: number }
  | { kind: 'manual'; task: number; agoMin: number; lengthSec: number }
  | { kind: 'adjust'; task: number; minutes: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'move'; pick: number; shiftSec: number }
  | { kind: 'advance'; sec: number };

const TASKS = 3;
const task = fc.integer({ min: 0, max: TASKS - 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('start' as const), task }),
  fc.record({ kind: fc.constant('stop' as const), task }),
  fc.record({
    kind: fc.constant('manual' as const),
    task,
    agoMin: fc.integer({ min: 1, max: 600 }),
    lengthSec: fc.integer({ min: 1, max: 7200 }),
  }),
  fc.record({
    kind: fc.constant('adjust' as const),
    task,
    minutes: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    shiftSec: fc.integer({ min: -900, max: 900 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), sec: fc.integer({ min: 1, max: 5400 }) }),
);

// Which statuses each operation may answer; anything else (a 5xx above all) fails the property.
const ALLOWED: Record<Op['kind'], number[]> = {
  start: [200, 409],
  stop: [200, 409],
  manual: [201, 409, 422],
  adjust: [200],
  delete: [204],
  move: [200, 409, 422],
  advance: [],
};

async function apply(u: TestUser, taskIds: number[], o: Op): Promise<number | undefined> {
  const h = u.headers;
  switch (o.kind) {
    case 'start':
    case 'stop':
      return (
        await t.app.inject({
          method: 'POST',
          url: `/tasks/${taskIds[o.task]}/${o.kind}-timer`,
          headers: h,
        })
      ).statusCode;
    case 'manual': {
      const start = new Date(clock().getTime() - o.agoMin * 60_000);
      const end = new Date(start.getTime() + o.lengthSec * 1000);
      return (
        await t.app.inject({
          method: 'POST',
          url: `/tasks/${taskIds[o.task]}/time-entries`,
          headers: h,
          payload: { started_at: start.toISOString(), ended_at: end.toISOString() },
        })
      ).statusCode;
    }
    case 'adjust':
      return (
        await t.app.inject({
          method: 'PATCH',
          url: `/tasks/${taskIds[o.task]}`,
          headers: h,
          payload: { actual_minutes: o.minutes },
        })
      ).statusCode;
    case 'delete': {
      const rows = await dbEntries(t.app, u.id);
      if (rows.length === 0) return undefined;
      const row = rows[o.pick % rows.length]!;
      return (await t.app.inject({ method: 'DELETE', url: `/time-entries/${row.id}`, headers: h }))
        .statusCode;
    }
    case 'move': {
      const rows = (await dbEntries(t.app, u.id)).filter(
        (r) => r.source !== 'adjustment' && r.endedAt !== null,
      );
      if (rows.length === 0) return undefined;
      const row = rows[o.pick % rows.length]!;
      const ended = new Date(row.endedAt!.getTime() + o.shiftSec * 1000);
      return (
        await t.app.inject({
          method: 'PATCH',
          url: `/time-entries/${row.id}`,
          headers: h,
          payload: { ended_at: ended.toISOString() },
        })
      ).statusCode;
    }
    case 'advance':
      clock.advance(o.sec * 1000);
      return undefined;
  }
}

/** The property, computed from the rows in the database, independently of the app's ledger. */
async function checkLedger(u: TestUser, taskIds: number[]): Promise<void> {
  const entries = await dbEntries(t.app, u.id);
  expect(entries.filter((e) => e.endedAt === null).length).toBeLessThanOrEqual(1);
  for (const id of taskIds) {
    const seconds = entries
      .filter((e) => e.taskId === id)
      .reduce((sum, e) => sum + (e.durationSeconds ?? 0), 0);
    const [row] = await t.app.database.db
      .select({ m: tasks.actualMinutes })
      .from(tasks)
      .where(eq(tasks.id, id));
    expect(row!.m, `task ${id}: ${seconds} s`).toBe(Math.round(seconds / 60) + 0);
  }
}

describe('actual_minutes ledger', () => {
  it('equals round(sum of entry seconds / 60) after any sequence of start/stop/manual/adjust/move/delete', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        clock.set(BASE);
        const u = await createUser(t.app);
        const taskIds: number[] = [];
        for (let i = 0; i < TASKS; i++) taskIds.push(await insertTask(t.app, u.id));
        for (const o of ops) {
          const status = await apply(u, taskIds, o);
          if (status !== undefined) expect(ALLOWED[o.kind], JSON.stringify(o)).toContain(status);
          await checkLedger(u, taskIds);
        }
      }),
      { numRuns: 20 },
    );
  });
});
