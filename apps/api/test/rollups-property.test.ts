import { asc } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeEntries, timeRollups } from '../src/db/schema/index.js';
import type { SummaryResponse } from '../src/modules/metrics/metrics.schemas.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { addMember, createTeam } from './helpers/workspaces.js';

/**
 * time_rollups must always equal the entries it is derived from. Random sequences of the API's
 * time writes (manual create, edit, delete, timer start/stop, hand-set actual_minutes, which
 * writes an adjustment), some of them sent concurrently, then the table is compared with a
 * recomputation in TypeScript from time_entries. A second property checks the read side: the
 * tracked minutes of /metrics/summary (rollups for whole UTC days, entries at the edges) equal
 * the entries clipped to random periods in zones whose midnights are not on UTC hours.
 */
const RUNS = { numRuns: 15, ...(process.env.CI ? { seed: 20_261_203 } : {}) };
const START = Date.parse('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

let t: TestApp;
const clock = manualClock(new Date(START));
let users: TestUser[];
let taskIds: number[];

async function post(u: TestUser, url: string, payload?: object) {
  return t.app.inject({ method: 'POST', url, headers: u.headers, ...(payload ? { payload } : {}) });
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const a = await createUser(t.app, { timezone: 'UTC' });
  const b = await createUser(t.app, { timezone: 'UTC' });
  users = [a, b];
  const team = await createTeam(t.app.database.db, { ownerId: a.id });
  await addMember(t.app.database.db, team, b.id, 'member');
  taskIds = [];
  for (const [u, workspace] of [
    [a, team],
    [b, team],
    [a, null],
    [b, null],
  ] as const) {
    const res = await post(u, '/tasks', {
      title: 'rollup target',
      ...(workspace === null ? {} : { workspace_id: workspace }),
    });
    expect(res.statusCode, res.body).toBe(201);
    taskIds.push(res.json<{ id: number }>().id);
  }
});
afterAll(async () => {
  await t.close();
});

/** Tasks each user may track on: the two team tasks and their own personal one. */
const tasksOf = (userIndex: number) => [taskIds[0]!, taskIds[1]!, taskIds[2 + userIndex]!];

type Op =
  | { kind: 'manual'; user: number; task: number; backMs: number; lengthMs: number }
  | { kind: 'edit'; user: number; pick: number; backMs: number; lengthMs: number }
  | { kind: 'delete'; user: number; pick: number }
  | { kind: 'start'; user: number; task: number }
  | { kind: 'stop'; user: number; task: number }
  | { kind: 'adjust'; user: number; task: number; minutes: number }
  | { kind: 'advance'; ms: number };

const user = fc.integer({ min: 0, max: 1 });
const task = fc.integer({ min: 0, max: 2 });
// Instants with odd milliseconds, entries up to the 24-hour limit: many cross a UTC midnight.
const backMs = fc.integer({ min: 1, max: 3 * DAY });
const lengthMs = fc.integer({ min: 1_000, max: DAY });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('manual' as const), user, task, backMs, lengthMs }),
  fc.record({ kind: fc.constant('edit' as const), user, pick: fc.nat(), backMs, lengthMs }),
  fc.record({ kind: fc.constant('delete' as const), user, pick: fc.nat() }),
  fc.record({ kind: fc.constant('start' as const), user, task }),
  fc.record({ kind: fc.constant('stop' as const), user, task }),
  fc.record({
    kind: fc.constant('adjust' as const),
    user,
    task,
    minutes: fc.integer({ min: 0, max: 3000 }),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: DAY }) }),
);

async function entryIdsOf(userId: number): Promise<number[]> {
  const rows = await t.app.database.db
    .select({ id: timeEntries.id, userId: timeEntries.userId, source: timeEntries.source })
    .from(timeEntries)
    .orderBy(asc(timeEntries.id));
  return rows.filter((r) => r.userId === userId && r.source !== 'adjustment').map((r) => r.id);
}

/** One API call; any answer is fine (overlaps, 404s, 409s are part of the exploration). */
async function run(o: Op): Promise<void> {
  if (o.kind === 'advance') {
    clock.advance(o.ms);
    return;
  }
  const u = users[o.user]!;
  const now = clock().getTime();
  const interval = (back: number, length: number) => ({
    started_at: new Date(now - back - length).toISOString(),
    ended_at: new Date(now - back).toISOString(),
  });
  switch (o.kind) {
    case 'manual':
      await post(
        u,
        `/tasks/${tasksOf(o.user)[o.task]}/time-entries`,
        interval(o.backMs, o.lengthMs),
      );
      return;
    case 'edit':
    case 'delete': {
      const ids = await entryIdsOf(u.id);
      if (ids.length === 0) return;
      const id = ids[o.pick % ids.length];
      await t.app.inject(
        o.kind === 'edit'
          ? {
              method: 'PATCH',
              url: `/time-entries/${id}`,
              headers: u.headers,
              payload: interval(o.backMs, o.lengthMs),
            }
          : { method: 'DELETE', url: `/time-entries/${id}`, headers: u.headers },
      );
      return;
    }
    case 'start':
      await post(u, `/tasks/${tasksOf(o.user)[o.task]}/start-timer`);
      return;
    case 'stop':
      await post(u, `/tasks/${tasksOf(o.user)[o.task]}/stop-timer`);
      return;
    case 'adjust':
      await t.app.inject({
        method: 'PATCH',
        url: `/tasks/${tasksOf(o.user)[o.task]}`,
        headers: u.headers,
        payload: { actual_minutes: o.minutes },
      });
      return;
  }
}

/** Microseconds from milliseconds, as a bigint-free exact integer (timestamps are ms here). */
const micros = (ms: number) => ms * 1000;

/** The rollups, recomputed from the entries in TypeScript: UTC-day split, adjustments at their day. */
async function expectedRollups(): Promise<Map<string, number>> {
  const rows = await t.app.database.db.select().from(timeEntries);
  const out = new Map<string, number>();
  const add = (key: string, v: number) => out.set(key, (out.get(key) ?? 0) + v);
  for (const e of rows) {
    const base = `${e.workspaceId}/${e.userId}/${e.taskId}`;
    const start = e.startedAt.getTime();
    if (e.source === 'adjustment') {
      add(
        `${base}/${new Date(start).toISOString().slice(0, 10)}`,
        (e.adjustmentSeconds ?? 0) * 1e6,
      );
      continue;
    }
    if (e.endedAt === null) continue;
    const end = e.endedAt.getTime();
    for (let d = Math.floor(start / DAY) * DAY; d < end; d += DAY) {
      const part = Math.min(end, d + DAY) - Math.max(start, d);
      add(`${base}/${new Date(d).toISOString().slice(0, 10)}`, micros(part));
    }
  }
  for (const [k, v] of out) if (v === 0) out.delete(k);
  return out;
}

async function storedRollups(): Promise<Map<string, number>> {
  const rows = await t.app.database.db.select().from(timeRollups);
  return new Map(rows.map((r) => [`${r.workspaceId}/${r.userId}/${r.taskId}/${r.day}`, r.micros]));
}

describe('time_rollups', () => {
  it('equals the entries after any sequence of time writes, some of them concurrent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            op.map((o) => [o]),
            fc.array(op, { minLength: 2, maxLength: 4 }),
          ),
          {
            minLength: 1,
            maxLength: 16,
          },
        ),
        async (steps) => {
          for (const batch of steps) await Promise.all(batch.map(run));
          expect(await storedRollups()).toEqual(await expectedRollups());
        },
      ),
      RUNS,
    );
  });

  it('answers /metrics tracked time exactly in zones whose midnights are not on UTC hours', async () => {
    // Stop every timer, so the expected figure needs no "now".
    for (const [i, u] of users.entries()) {
      for (const id of tasksOf(i)) await post(u, `/tasks/${id}/stop-timer`);
    }
    const entries = await t.app.database.db.select().from(timeEntries);
    const base = clock().getTime() - 8 * DAY;
    const zones = ['Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Eucla', 'UTC'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 7 * DAY }),
        fc.integer({ min: 60_000, max: 5 * DAY }),
        fc.integer({ min: 0, max: 1 }),
        async (tz, offset, length, who) => {
          const from = base + offset;
          const to = from + length;
          const u = users[who]!;
          const res = await t.app.inject({
            method: 'GET',
            url: `/metrics/summary?tz=${tz}&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
            headers: u.headers,
          });
          expect(res.statusCode, res.body).toBe(200);
          let ms = 0;
          for (const e of entries) {
            if (e.userId !== u.id) continue;
            const s = e.startedAt.getTime();
            if (e.source === 'adjustment') {
              if (s >= from && s < to) ms += (e.adjustmentSeconds ?? 0) * 1000;
            } else if (e.endedAt !== null) {
              ms += Math.max(0, Math.min(e.endedAt.getTime(), to) - Math.max(s, from));
            }
          }
          const minutes = ms / 60_000;
          // A total within a rounding hair of x.5 minutes is not a fair test of round-half-up.
          if (Math.abs(minutes - Math.floor(minutes) - 0.5) > 1e-6) {
            expect(res.json<SummaryResponse>().tracked_minutes).toBe(Math.round(minutes));
          }
        },
      ),
      { ...RUNS, numRuns: 40 },
    );
  });

  it("drops a deleted task's days with its entries (the delete cascades)", async () => {
    const u = users[0]!;
    const created = await post(u, '/tasks', { title: 'short-lived' });
    const id = created.json<{ id: number }>().id;
    const now = clock().getTime();
    const res = await post(u, `/tasks/${id}/time-entries`, {
      started_at: new Date(now - 500 * DAY - 3_600_000).toISOString(),
      ended_at: new Date(now - 500 * DAY + 3_600_000).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const ofTask = async () =>
      [...(await storedRollups()).keys()].filter((k) => k.split('/')[2] === String(id));
    expect((await ofTask()).length).toBeGreaterThan(0);
    const del = await t.app.inject({ method: 'DELETE', url: `/tasks/${id}`, headers: u.headers });
    expect(del.statusCode).toBe(204);
    expect(await ofTask()).toEqual([]);
    expect(await storedRollups()).toEqual(await expectedRollups());
  });
});
