import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { at, dbActualMinutes, dbEntries, expect422, insertTask } from './helpers/time.js';

const NOW = new Date('2026-03-02T12:00:00Z');
const clock = manualClock(NOW);
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const log = (u: TestUser, taskId: number, payload: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/tasks/${taskId}/time-entries`,
    headers: u.headers,
    payload,
  });
const patch = (u: TestUser, id: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/time-entries/${id}`, headers: u.headers, payload });
const del = (u: TestUser, id: number) =>
  t.app.inject({ method: 'DELETE', url: `/time-entries/${id}`, headers: u.headers });
const startTimer = (u: TestUser, taskId: number) =>
  t.app.inject({ method: 'POST', url: `/tasks/${taskId}/start-timer`, headers: u.headers });
const adjust = (u: TestUser, taskId: number, minutes: number) =>
  t.app.inject({
    method: 'PATCH',
    url: `/tasks/${taskId}`,
    headers: u.headers,
    payload: { actual_minutes: minutes },
  });

async function userWithTask(fields: { category?: string } = {}) {
  const u = await createUser(t.app);
  const task = await insertTask(t.app, u.id, fields);
  return { u, task };
}

describe('POST /tasks/{id}/time-entries', () => {
  it('logs a manual entry and credits the task', async () => {
    const { u, task } = await userWithTask();
    const res = await log(u, task, {
      started_at: at('09:00'),
      ended_at: at('10:30'),
      note: 'pairing',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(res.headers.location).toBe(`/time-entries/${body.id}`);
    expect(body).toEqual({
      id: body.id,
      workspace_id: expect.any(Number) as number,
      task_id: task,
      user_id: u.id,
      started_at: at('09:00'),
      ended_at: at('10:30'),
      duration_seconds: 5400,
      source: 'manual',
      note: 'pairing',
      created_at: body.created_at,
    });
    expect(await dbActualMinutes(t.app, task)).toBe(90);
  });

  it('validates the interval: end after start, not in the future, at most 24 h', async () => {
    const { u, task } = await userWithTask();
    expect422(
      await log(u, task, { started_at: at('10:00'), ended_at: at('10:00') }),
      'body.ended_at',
    );
    expect422(
      await log(u, task, { started_at: at('10:00'), ended_at: at('09:00') }),
      'body.ended_at',
    );
    const future = await log(u, task, {
      started_at: new Date(NOW.getTime() - 60_000).toISOString(),
      ended_at: new Date(NOW.getTime() + 1000).toISOString(),
    });
    expect422(future, 'body.ended_at');
    expect(future.json().errors[0].message).toContain('future');
    const long = await log(u, task, {
      started_at: at('09:00', '2026-02-27'),
      ended_at: at('09:01', '2026-02-28'),
    });
    expect422(long, 'body.ended_at');
    expect(long.json().errors[0].message).toContain('24 hours');
    // Exactly 24 h, ending exactly now: both limits are inclusive.
    const day = await log(u, task, {
      started_at: new Date(NOW.getTime() - 86_400_000).toISOString(),
      ended_at: NOW.toISOString(),
    });
    expect(day.statusCode).toBe(201);
    expect(await dbActualMinutes(t.app, task)).toBe(24 * 60);
    expect(await dbEntries(t.app, u.id)).toHaveLength(1);
  });

  it('validates the body shape', async () => {
    const { u, task } = await userWithTask();
    expect422(await log(u, task, { started_at: at('09:00') }), 'body.ended_at');
    expect422(
      await log(u, task, { started_at: 'yesterday', ended_at: at('10:00') }),
      'body.started_at',
    );
    expect422(
      await log(u, task, { started_at: '2026-03-01T09:00:00', ended_at: at('10:00') }),
      'body.started_at',
    );
    expect422(
      await log(u, task, { started_at: at('09:00'), ended_at: at('10:00'), user_id: 1 }),
      'body.user_id',
    );
    expect422(
      await log(u, task, { started_at: at('09:00'), ended_at: at('10:00'), source: 'timer' }),
      'body.source',
    );
    expect422(
      await log(u, task, { started_at: at('09:00'), ended_at: at('10:00'), note: 'x'.repeat(501) }),
      'body.note',
    );
    expect(await dbEntries(t.app, u.id)).toHaveLength(0);
  });

  it('refuses an overlap with any of the user own entries, on any task', async () => {
    const { u, task } = await userWithTask();
    const other = await insertTask(t.app, u.id);
    const first = (await log(u, task, { started_at: at('09:00'), ended_at: at('10:00') })).json();

    for (const [s, e] of [
      ['09:30', '10:30'], // overlaps the end
      ['08:30', '09:01'], // overlaps the start
      ['09:10', '09:20'], // inside
      ['08:00', '11:00'], // contains
    ] as const) {
      const res = await log(u, other, { started_at: at(s), ended_at: at(e) });
      expect(res.statusCode, `${s}-${e}`).toBe(409);
      expect(res.json()).toMatchObject({
        code: 'time_entry_overlap',
        conflicting_entry_id: first.id,
      });
    }
    // Back to back on both sides is fine (intervals are half-open).
    expect(
      (await log(u, other, { started_at: at('08:00'), ended_at: at('09:00') })).statusCode,
    ).toBe(201);
    expect(
      (await log(u, task, { started_at: at('10:00'), ended_at: at('11:00') })).statusCode,
    ).toBe(201);
    expect(await dbEntries(t.app, u.id)).toHaveLength(3);
  });

  it('refuses an overlap with a running timer; adjustments and other users do not count', async () => {
    const { u, task } = await userWithTask();
    const neighbour = await createUser(t.app);
    const theirs = await insertTask(t.app, neighbour.id);
    expect(
      (await log(neighbour, theirs, { started_at: at('09:00'), ended_at: at('10:00') })).statusCode,
    ).toBe(201);
    // Another user's identical interval does not conflict.
    expect(
      (await log(u, task, { started_at: at('09:00'), ended_at: at('10:00') })).statusCode,
    ).toBe(201);

    clock.set('2026-03-01T15:00:00Z');
    expect((await adjust(u, task, 500)).statusCode).toBe(200); // an instant at 15:00
    expect((await startTimer(u, task)).statusCode).toBe(200);
    clock.set(NOW);
    const overTimer = await log(u, task, {
      started_at: at('16:00'),
      ended_at: at('17:00'),
    });
    expect(overTimer.statusCode).toBe(409);
    expect(overTimer.json().code).toBe('time_entry_overlap');
    // Across the adjustment instant but before the timer: fine.
    expect(
      (await log(u, task, { started_at: at('14:00'), ended_at: at('15:00') })).statusCode,
    ).toBe(201);
  });
});

describe('PATCH /time-entries/{id}', () => {
  it('edits the note, and moves a finished entry with the manual rules', async () => {
    const { u, task } = await userWithTask();
    const e = (await log(u, task, { started_at: at('09:00'), ended_at: at('10:00') })).json();
    const other = (await log(u, task, { started_at: at('11:00'), ended_at: at('12:00') })).json();

    const noted = await patch(u, e.id, { note: 'reviewed' });
    expect(noted.statusCode).toBe(200);
    expect(noted.json()).toMatchObject({ note: 'reviewed', duration_seconds: 3600 });
    expect((await patch(u, e.id, { note: null })).json().note).toBeNull();

    const moved = await patch(u, e.id, { ended_at: at('10:45') });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      started_at: at('09:00'),
      ended_at: at('10:45'),
      duration_seconds: 6300,
    });
    expect(await dbActualMinutes(t.app, task)).toBe(105 + 60);

    const over = await patch(u, e.id, { ended_at: at('11:30') });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'time_entry_overlap',
      conflicting_entry_id: other.id,
    });
    expect422(await patch(u, e.id, { started_at: at('11:00') }), 'body.ended_at'); // after its end
    expect422(
      await patch(u, e.id, { ended_at: NOW.toISOString().replace('12:00', '12:01') }),
      'body.ended_at',
    );
    expect422(await patch(u, e.id, { started_at: at('08:00', '2026-02-28') }), 'body.ended_at'); // > 24 h
    expect422(await patch(u, e.id, { ended_at: null }), 'body.ended_at');
    expect422(await patch(u, e.id, { started_at: null }), 'body.started_at');
    expect422(await patch(u, e.id, { task_id: task }), 'body.task_id');
    // Nothing above changed the entry or the total.
    expect(await dbActualMinutes(t.app, task)).toBe(165);
  });

  it('a running entry cannot be given an end, but its start may move back', async () => {
    const { u, task } = await userWithTask();
    const before = (
      await log(u, task, {
        started_at: at('09:00', '2026-03-02'),
        ended_at: at('10:00', '2026-03-02'),
      })
    ).json();
    await startTimer(u, task);
    const [, running] = await dbEntries(t.app, u.id);

    const end = await patch(u, running!.id, { ended_at: at('11:30', '2026-03-02') });
    expect(end.statusCode).toBe(409);
    expect(end.json().code).toBe('time_entry_running');

    expect422(
      await patch(u, running!.id, { started_at: at('12:01', '2026-03-02') }),
      'body.started_at',
    );
    const overlap = await patch(u, running!.id, { started_at: at('09:59', '2026-03-02') });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().conflicting_entry_id).toBe(before.id);

    const back = await patch(u, running!.id, {
      started_at: at('10:00', '2026-03-02'),
      note: 'forgot to start',
    });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({
      started_at: at('10:00', '2026-03-02'),
      ended_at: null,
      duration_seconds: null,
      note: 'forgot to start',
    });
    // ended_at: null on a running entry changes nothing.
    expect((await patch(u, running!.id, { ended_at: null })).statusCode).toBe(200);

    const stopped = await t.app.inject({
      method: 'POST',
      url: `/tasks/${task}/stop-timer`,
      headers: u.headers,
    });
    expect(stopped.json().actual_minutes).toBe(60 + 120);
  });

  it('an adjustment cannot be moved, only annotated', async () => {
    const { u, task } = await userWithTask();
    await adjust(u, task, 30);
    const [adj] = await dbEntries(t.app, u.id);
    expect(adj!.source).toBe('adjustment');
    expect422(await patch(u, adj!.id, { started_at: at('09:00') }), 'body.started_at');
    expect422(await patch(u, adj!.id, { ended_at: at('09:00') }), 'body.ended_at');
    const noted = await patch(u, adj!.id, { note: 'estimate from memory' });
    expect(noted.statusCode).toBe(200);
    expect(noted.json()).toMatchObject({
      source: 'adjustment',
      duration_seconds: 1800,
      note: 'estimate from memory',
    });
    expect(await dbActualMinutes(t.app, task)).toBe(30);
  });
});

describe('DELETE /time-entries/{id}', () => {
  it('removes the entry and its time', async () => {
    const { u, task } = await userWithTask();
    const a = (await log(u, task, { started_at: at('09:00'), ended_at: at('10:00') })).json();
    await log(u, task, { started_at: at('11:00'), ended_at: at('11:20') });
    const res = await del(u, a.id);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await dbActualMinutes(t.app, task)).toBe(20);
    expect((await del(u, a.id)).statusCode).toBe(404);
  });

  it('deleting a running entry discards the timer', async () => {
    const { u, task } = await userWithTask();
    await startTimer(u, task);
    const [running] = await dbEntries(t.app, u.id);
    expect((await del(u, running!.id)).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/timer', headers: u.headers })).json().running).toBe(false);
  });

  it('never lets the total go below zero: a compensating adjustment makes it exactly zero', async () => {
    const { u, task } = await userWithTask();
    const e = (await log(u, task, { started_at: at('09:00'), ended_at: at('10:00') })).json();
    await adjust(u, task, 0); // -3600 s
    expect(await dbActualMinutes(t.app, task)).toBe(0);
    expect((await del(u, e.id)).statusCode).toBe(204);
    const rows = await dbEntries(t.app, u.id);
    expect(rows.reduce((s, r) => s + (r.durationSeconds ?? 0), 0)).toBe(0);
    expect(rows.map((r) => r.source)).toEqual(['adjustment', 'adjustment']);
    expect(await dbActualMinutes(t.app, task)).toBe(0);
  });
});
