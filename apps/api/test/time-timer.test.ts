import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { dbActualMinutes, dbEntries, insertTask } from './helpers/time.js';

const clock = manualClock(new Date('2026-03-02T09:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const start = (u: TestUser, taskId: number) =>
  t.app.inject({ method: 'POST', url: `/tasks/${taskId}/start-timer`, headers: u.headers });
const stop = (u: TestUser, taskId: number) =>
  t.app.inject({ method: 'POST', url: `/tasks/${taskId}/stop-timer`, headers: u.headers });
const timer = (u: TestUser) => t.app.inject({ url: '/timer', headers: u.headers });

const MIN = 60_000;

describe('start-timer / stop-timer', () => {
  it('start → stop credits the elapsed time to the task', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id, { title: 'Backend' });
    const startedAt = clock();

    const s = await start(u, task);
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({
      id: task,
      timer_started_at: startedAt.toISOString(),
      actual_minutes: 0,
    });

    // The same representation and ETag as GET /tasks/{id}.
    const got = await t.app.inject({ url: `/tasks/${task}`, headers: u.headers });
    expect(s.json()).toEqual(got.json());
    expect(s.headers.etag).toBe(got.headers.etag);

    clock.advance(25 * MIN + 40_000); // 25 min 40 s → rounds to 26
    const e = await stop(u, task);
    expect(e.statusCode).toBe(200);
    expect(e.json()).toMatchObject({ id: task, actual_minutes: 26, timer_started_at: null });
    expect(await dbActualMinutes(t.app, task)).toBe(26);

    const rows = await dbEntries(t.app, u.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      taskId: task,
      source: 'timer',
      durationSeconds: 25 * 60 + 40,
      startedAt: startedAt,
      endedAt: new Date(startedAt.getTime() + 25 * MIN + 40_000),
    });
  });

  it('starting on task B stops the timer on task A and credits A', async () => {
    const u = await createUser(t.app);
    const a = await insertTask(t.app, u.id, { title: 'A' });
    const b = await insertTask(t.app, u.id, { title: 'B' });
    expect((await start(u, a)).statusCode).toBe(200);
    clock.advance(10 * MIN);
    const switchAt = clock();

    const sb = await start(u, b);
    expect(sb.statusCode).toBe(200);
    expect(sb.json()).toMatchObject({ id: b, timer_started_at: switchAt.toISOString() });
    expect(await dbActualMinutes(t.app, a)).toBe(10);

    const rows = await dbEntries(t.app, u.id);
    expect(rows.map((r) => [r.taskId, r.endedAt?.toISOString() ?? null])).toEqual([
      [a, switchAt.toISOString()],
      [b, null],
    ]);

    clock.advance(5 * MIN);
    expect((await stop(u, b)).json().actual_minutes).toBe(5);
    expect(await dbActualMinutes(t.app, a)).toBe(10);
  });

  it('a second start on the same task is 409 timer_already_running', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id);
    await start(u, task);
    clock.advance(MIN);
    const again = await start(u, task);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json().code).toBe('timer_already_running');
    expect((await dbEntries(t.app, u.id)).filter((r) => r.endedAt === null)).toHaveLength(1);
  });

  it('stop with no timer, or with the timer on another task, is 409 timer_not_running', async () => {
    const u = await createUser(t.app);
    const a = await insertTask(t.app, u.id);
    const b = await insertTask(t.app, u.id);
    const none = await stop(u, a);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('timer_not_running');

    await start(u, a);
    const other = await stop(u, b);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('timer_not_running');
    // The timer on A is untouched.
    expect((await dbEntries(t.app, u.id))[0]?.endedAt).toBeNull();
  });

  it('a timer stopped at the instant it started is discarded (no empty interval)', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id);
    await start(u, task);
    const res = await stop(u, task);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ actual_minutes: 0, timer_started_at: null });
    expect(await dbEntries(t.app, u.id)).toHaveLength(0);
  });
});

describe('GET /timer', () => {
  it('a user with no timer gets running: false and nulls', async () => {
    const u = await createUser(t.app);
    const res = await timer(u);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      running: false,
      entry_id: null,
      started_at: null,
      elapsed_seconds: null,
      note: null,
      task: null,
    });
  });

  it('shows the running timer with its task and the elapsed seconds', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id, { title: 'Write docs', category: 'docs' });
    const startedAt = clock();
    await start(u, task);
    clock.advance(90_500);
    const res = await timer(u);
    expect(res.statusCode).toBe(200);
    const [entry] = await dbEntries(t.app, u.id);
    expect(res.json()).toEqual({
      running: true,
      entry_id: entry!.id,
      started_at: startedAt.toISOString(),
      elapsed_seconds: 90,
      note: null,
      task: {
        id: task,
        workspace_id: expect.any(Number) as number,
        title: 'Write docs',
        category: 'docs',
        status: 'todo',
      },
    });
    await stop(u, task);
    expect((await timer(u)).json().running).toBe(false);
  });
});

describe('deleting a task', () => {
  it('removes its entries, including a running timer', async () => {
    const u = await createUser(t.app);
    const a = await insertTask(t.app, u.id);
    const b = await insertTask(t.app, u.id);
    await start(u, a);
    clock.advance(3 * MIN);
    await start(u, b); // A gets a finished entry, B a running one
    expect(await dbEntries(t.app, u.id)).toHaveLength(2);

    const gone = await t.app.inject({ method: 'DELETE', url: `/tasks/${b}`, headers: u.headers });
    expect(gone.statusCode).toBe(204);
    const left = await dbEntries(t.app, u.id);
    expect(left.map((r) => r.taskId)).toEqual([a]);
    expect((await timer(u)).json().running).toBe(false);
    // With B's timer gone, a new one can start.
    expect((await start(u, a)).statusCode).toBe(200);
  });
});

describe('ownership and scopes', () => {
  it("another user's task is 404 for start and stop, and leaves no trace", async () => {
    const owner = await createUser(t.app);
    const intruder = await createUser(t.app);
    const task = await insertTask(t.app, owner.id);
    await start(owner, task);

    for (const call of [start, stop]) {
      const res = await call(intruder, task);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    // Same answer as a task that does not exist at all.
    const missing = await start(intruder, 2_000_000_000);
    expect(missing.statusCode).toBe(404);
    expect((await timer(intruder)).json().running).toBe(false);
    expect(await dbEntries(t.app, intruder.id)).toHaveLength(0);
    expect((await dbEntries(t.app, owner.id))[0]?.endedAt).toBeNull();
  });

  it('personal tokens need time:write to start, time:read to read, tasks:read for /tasks/export', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id);
    const pat = async (scopes: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/auth/tokens',
        headers: u.headers,
        payload: { name: scopes.join(' '), scopes },
      });
      expect(res.statusCode).toBe(201);
      return { authorization: `Bearer ${res.json().token}` };
    };
    const readOnly = await pat(['time:read']);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/tasks/${task}/start-timer`,
      headers: readOnly,
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({
      code: 'insufficient_scope',
      required_scope: 'time:write',
    });
    expect((await t.app.inject({ url: '/timer', headers: readOnly })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/time-entries', headers: readOnly })).statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/time-entries/export?format=json', headers: readOnly }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ url: '/tasks/export', headers: readOnly })).statusCode).toBe(403);

    const writer = await pat(['time:write']);
    const started = await t.app.inject({
      method: 'POST',
      url: `/tasks/${task}/start-timer`,
      headers: writer,
    });
    expect(started.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/timer', headers: writer })).statusCode).toBe(403);

    const tasksReader = await pat(['tasks:read']);
    expect((await t.app.inject({ url: '/tasks/export', headers: tasksReader })).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ url: '/time-entries/export', headers: tasksReader })).statusCode,
    ).toBe(403);
  });

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/tasks/1/start-timer' });
    expect(res.statusCode).toBe(401);
    expect((await t.app.inject('/timer')).statusCode).toBe(401);
  });
});

describe('concurrency', () => {
  it('parallel start-timer calls leave exactly one running entry and no 5xx', async () => {
    const u = await createUser(t.app);
    const ids = await Promise.all(
      [1, 2, 3, 4].map((i) => insertTask(t.app, u.id, { title: `T${i}` })),
    );
    // Same task and different tasks, all at once: 8 requests race for the user's one timer.
    const calls = [...ids, ...ids].map((id) => start(u, id));
    const results = await Promise.all(calls);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json().code).toBe('timer_already_running');
    }
    const running = (await dbEntries(t.app, u.id)).filter((r) => r.endedAt === null);
    expect(running).toHaveLength(1);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
  });

  it('parallel starts on one task: one 200, the rest 409', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id);
    const results = await Promise.all(Array.from({ length: 6 }, () => start(u, task)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect((await dbEntries(t.app, u.id)).filter((r) => r.endedAt === null)).toHaveLength(1);
  });
});
