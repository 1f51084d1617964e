import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeEntries } from '../src/db/schema/index.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTask, expectProblem, type WireTask } from './helpers/tasks.js';

const clock = manualClock(new Date('2026-03-02T09:00:00.000Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const get = (user: TestUser, id: number) =>
  t.app.inject({ method: 'GET', url: `/tasks/${id}`, headers: user.headers });
const patch = (
  user: TestUser,
  id: number,
  payload: unknown,
  headers: Record<string, string> = {},
) =>
  t.app.inject({
    method: 'PATCH',
    url: `/tasks/${id}`,
    headers: { ...user.headers, ...headers },
    payload: payload as Record<string, unknown>,
  });
const post = (user: TestUser, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/tasks',
    headers: user.headers,
    payload: payload as Record<string, unknown>,
  });
const del = (user: TestUser, id: number, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'DELETE', url: `/tasks/${id}`, headers: { ...user.headers, ...headers } });

describe('task lifecycle', () => {
  it('create → get → patch to done → back to todo → delete', async () => {
    const user = await createUser(t.app);
    clock.set('2026-03-02T09:00:00.000Z');
    const created = await post(user, {
      title: '  Write the migration  ',
      description: 'with a rollback',
      category: ' backend ',
      priority: 'high',
      tags: ['DB', 'api', 'db'],
      estimated_minutes: 90,
      due_at: '2026-03-05T17:00:00+01:00',
    });
    expect(created.statusCode).toBe(201);
    const task = created.json<WireTask>();
    expect(created.headers.location).toBe(`/tasks/${task.id}`);
    expect(created.headers.etag).toMatch(/^"[^"]+"$/);
    expect(task).toEqual({
      id: expect.any(Number) as number,
      workspace_id: expect.any(Number) as number,
      project_id: null,
      assignee_id: null,
      created_by: user.id,
      owner_id: user.id,
      title: 'Write the migration',
      description: 'with a rollback',
      category: 'backend',
      status: 'todo',
      priority: 'high',
      tags: ['db', 'api'],
      estimated_minutes: 90,
      actual_minutes: 0,
      due_at: '2026-03-05T16:00:00.000Z',
      completed_at: null,
      created_at: '2026-03-02T09:00:00.000Z',
      updated_at: '2026-03-02T09:00:00.000Z',
      timer_started_at: null,
    });

    const read = await get(user, task.id);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(task);
    expect(read.headers.etag).toBe(created.headers.etag);

    clock.set('2026-03-03T10:00:00.000Z');
    const done = await patch(user, task.id, { status: 'done' });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({
      ...task,
      status: 'done',
      completed_at: '2026-03-03T10:00:00.000Z',
      updated_at: '2026-03-03T10:00:00.000Z',
    });
    expect(done.headers.etag).not.toBe(created.headers.etag);

    // done → done keeps the original completion time
    clock.set('2026-03-04T10:00:00.000Z');
    const again = await patch(user, task.id, { status: 'done', title: 'Write it' });
    expect(again.json()).toMatchObject({ completed_at: '2026-03-03T10:00:00.000Z' });

    const reopened = await patch(user, task.id, { status: 'todo' });
    expect(reopened.json()).toMatchObject({ status: 'todo', completed_at: null });

    const deleted = await del(user, task.id);
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expectProblem(await get(user, task.id), 404, 'not_found');
    expectProblem(await del(user, task.id), 404, 'not_found');
    expectProblem(await patch(user, task.id, { title: 'x' }), 404, 'not_found');
  });

  it('creating as done sets completed_at; defaults fill the rest', async () => {
    const user = await createUser(t.app);
    clock.set('2026-04-01T08:30:00.000Z');
    const task = await createTask(t.app, user, { title: 'done already', status: 'done' });
    expect(task).toMatchObject({
      status: 'done',
      priority: 'medium',
      tags: [],
      description: null,
      category: null,
      estimated_minutes: null,
      due_at: null,
      completed_at: '2026-04-01T08:30:00.000Z',
    });
  });

  it('needs a token, and the right scope', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/tasks' }), 401, 'unauthorized');
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/tasks', payload: { title: 'x' } }),
      401,
      'unauthorized',
    );
    const user = await createUser(t.app);
    const task = await createTask(t.app, user);
    const pat = await t.app.inject({
      method: 'POST',
      url: '/auth/tokens',
      headers: user.headers,
      payload: { name: 'read only', scopes: ['tasks:read'] },
    });
    expect(pat.statusCode).toBe(201);
    const readOnly = { authorization: `Bearer ${pat.json<{ token: string }>().token}` };
    expect((await t.app.inject({ url: `/tasks/${task.id}`, headers: readOnly })).statusCode).toBe(
      200,
    );
    expect((await t.app.inject({ url: '/tasks', headers: readOnly })).statusCode).toBe(200);
    const writes = [
      { method: 'POST' as const, url: '/tasks', payload: { title: 'x' } },
      { method: 'PATCH' as const, url: `/tasks/${task.id}`, payload: { title: 'x' } },
      { method: 'DELETE' as const, url: `/tasks/${task.id}` },
      { method: 'POST' as const, url: '/tasks/bulk', payload: [{ title: 'x' }] },
      { method: 'PATCH' as const, url: '/tasks/bulk', payload: [{ id: task.id, title: 'x' }] },
    ];
    for (const w of writes) {
      expectProblem(await t.app.inject({ ...w, headers: readOnly }), 403, 'insufficient_scope');
    }
    expect((await get(user, task.id)).json()).toEqual(task);
  });
});

describe('PATCH: left out vs null', () => {
  const full = {
    title: 'Full task',
    description: 'some words',
    category: 'ops',
    status: 'doing',
    priority: 'urgent',
    tags: ['a', 'b'],
    estimated_minutes: 30,
    actual_minutes: 12,
    due_at: '2026-06-01T00:00:00.000Z',
  };

  it('a field left out is untouched', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, full);
    clock.advance(60_000);
    const res = await patch(user, task.id, { title: 'Renamed' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ...task,
      title: 'Renamed',
      updated_at: clock().toISOString(),
    });
  });

  it('null clears each nullable field and nothing else', async () => {
    const user = await createUser(t.app);
    for (const field of ['description', 'category', 'estimated_minutes', 'due_at']) {
      const task = await createTask(t.app, user, full);
      const res = await patch(user, task.id, { [field]: null });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ...task, [field]: null, updated_at: clock().toISOString() });
    }
  });

  it.each(['title', 'status', 'priority', 'tags', 'actual_minutes'])(
    'null on %s is a 422 and changes nothing',
    async (field) => {
      const user = await createUser(t.app);
      const task = await createTask(t.app, user, full);
      const res = await patch(user, task.id, { [field]: null });
      expectProblem(res, 422, 'validation_failed');
      expect(res.json().errors).toEqual([
        { location: `body.${field}`, message: 'must not be null' },
      ]);
      expect((await get(user, task.id)).json()).toEqual(task);
      // on create too
      const created = await post(user, { title: 'x', ...{ [field]: null } });
      expectProblem(created, 422, 'validation_failed');
    },
  );

  it('an empty PATCH changes nothing, not even the ETag', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, full);
    const before = await get(user, task.id);
    clock.advance(1000);
    const res = await patch(user, task.id, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(task);
    expect(res.headers.etag).toBe(before.headers.etag);
  });
});

describe('mass assignment', () => {
  const forbidden: [string, unknown][] = [
    ['owner_id', 1],
    ['id', 12345],
    ['created_at', '2020-01-01T00:00:00Z'],
    ['updated_at', '2020-01-01T00:00:00Z'],
    ['completed_at', '2020-01-01T00:00:00Z'],
    ['timer_started_at', '2020-01-01T00:00:00Z'],
    ['version', 7],
    ['unknown_field', 'x'],
  ];

  it.each(forbidden)('%s in a body is a 422 on create, PATCH and bulk', async (field, value) => {
    const owner = await createUser(t.app);
    const victim = await createUser(t.app);
    const task = await createTask(t.app, owner, { title: 'mine' });

    const created = await post(owner, {
      title: 'x',
      [field]: field === 'owner_id' ? victim.id : value,
    });
    expectProblem(created, 422, 'validation_failed');
    expect(created.json().errors).toContainEqual({
      location: `body.${field}`,
      message: 'is not allowed',
    });
    expectProblem(await patch(owner, task.id, { [field]: value }), 422, 'validation_failed');
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/tasks/bulk',
      headers: owner.headers,
      payload: [{ title: 'x', [field]: value }],
    });
    expect(bulk.json()[0]).toMatchObject({ index: 0, status: 422 });

    expect((await get(owner, task.id)).json()).toEqual(task);
    const list = await t.app.inject({ url: '/tasks', headers: owner.headers });
    expect(list.json()).toEqual([task]);
    const victimList = await t.app.inject({ url: '/tasks', headers: victim.headers });
    expect(victimList.json()).toEqual([]);
  });
});

describe('ETag and If-Match', () => {
  it('PATCH: a stale or weak tag is 412 and changes nothing; the current tag or * works', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, { title: 'etag' });
    const first = (await get(user, task.id)).headers.etag as string;

    const ok = await patch(user, task.id, { title: 'v2' }, { 'if-match': first });
    expect(ok.statusCode).toBe(200);
    const second = ok.headers.etag as string;
    expect(second).not.toBe(first);
    expect((await get(user, task.id)).headers.etag).toBe(second);

    const stale = await patch(user, task.id, { title: 'v3' }, { 'if-match': first });
    expectProblem(stale, 412, 'precondition_failed');
    expect(stale.headers.etag).toBe(second);
    const weak = await patch(user, task.id, { title: 'v3' }, { 'if-match': `W/${second}` });
    expectProblem(weak, 412, 'precondition_failed');
    expectProblem(await patch(user, task.id, { title: 'v3' }, { 'if-match': '' }), 412);
    expect((await get(user, task.id)).json()).toMatchObject({ title: 'v2' });

    const listed = await patch(user, task.id, { title: 'v3' }, { 'if-match': `"nope", ${second}` });
    expect(listed.statusCode).toBe(200);
    const star = await patch(user, task.id, { title: 'v4' }, { 'if-match': '*' });
    expect(star.statusCode).toBe(200);
    expect(star.json()).toMatchObject({ title: 'v4' });
  });

  it('concurrent PATCHes with the same If-Match: exactly one wins', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, { title: 'race', tags: [] });
    const tag = (await get(user, task.id)).headers.etag as string;
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        patch(user, task.id, { title: `writer ${i}`, tags: [`w${i}`] }, { 'if-match': tag }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412, 412, 412, 412, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json<WireTask>();
    const final = await get(user, task.id);
    expect(final.json()).toEqual(winner);
    expect(winner.tags).toEqual([winner.title.replace('writer ', 'w')]);
  });

  it('concurrent PATCHes without If-Match: every one applies, none on a stale read', async () => {
    // A PATCH reads the task and writes only if it is still at the version read (a lost race
    // reads again). A write computed from a stale read would leave status and completed_at
    // disagreeing: "todo" with a completed_at, or "done" without one.
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, { title: 'busy', tags: [] });
    const writers = 12;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        patch(user, task.id, { status: i % 2 === 0 ? 'done' : 'todo', tags: [`w${i}`] }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array<number>(writers).fill(200));
    const final = (await get(user, task.id)).json<WireTask & { version?: number }>();
    expect(final.completed_at === null).toBe(final.status !== 'done');
    const etags = new Set(results.map((r) => r.headers.etag));
    expect(etags.size).toBe(writers);
  });

  it('DELETE honours If-Match', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, { title: 'etag delete' });
    const tag = (await get(user, task.id)).headers.etag as string;
    await patch(user, task.id, { priority: 'low' });
    expectProblem(await del(user, task.id, { 'if-match': tag }), 412, 'precondition_failed');
    expect((await get(user, task.id)).statusCode).toBe(200);
    const current = (await get(user, task.id)).headers.etag as string;
    expect((await del(user, task.id, { 'if-match': current })).statusCode).toBe(204);
    expect((await get(user, task.id)).statusCode).toBe(404);
  });

  it('the tag changes when a timer starts on the task (timer_started_at)', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, { title: 'timed' });
    const other = await createTask(t.app, user, { title: 'not timed' });
    const before = await get(user, task.id);
    await t.app.database.db.insert(timeEntries).values({
      workspaceId: task.workspace_id,
      taskId: task.id,
      userId: user.id,
      startedAt: new Date('2026-03-02T08:00:00.000Z'),
      source: 'timer',
    });
    const after = await get(user, task.id);
    expect(after.json()).toEqual({ ...task, timer_started_at: '2026-03-02T08:00:00.000Z' });
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expectProblem(
      await patch(user, task.id, { title: 'x' }, { 'if-match': before.headers.etag as string }),
      412,
    );
    expect((await get(user, other.id)).json()).toMatchObject({ timer_started_at: null });
    const list = await t.app.inject({ url: '/tasks', headers: user.headers });
    expect(list.json().map((x: WireTask) => x.timer_started_at)).toEqual([
      '2026-03-02T08:00:00.000Z',
      null,
    ]);
  });
});

describe('actual_minutes goes through the time ledger', () => {
  it('setting it on create and PATCH records adjustment entries that sum to it', async () => {
    const user = await createUser(t.app);
    const task = await createTask(t.app, user, { title: 'tracked', actual_minutes: 90 });
    expect(task.actual_minutes).toBe(90);
    const sum = async () => {
      const rows = await t.app.database.db
        .select()
        .from(timeEntries)
        .where(eq(timeEntries.taskId, task.id));
      expect(rows.every((r) => r.source === 'adjustment')).toBe(true);
      return rows.reduce((s, r) => s + (r.durationSeconds ?? 0), 0);
    };
    expect(await sum()).toBe(90 * 60);
    const res = await patch(user, task.id, { actual_minutes: 30 });
    expect(res.json()).toMatchObject({ actual_minutes: 30 });
    expect(await sum()).toBe(30 * 60);
    const untouched = await patch(user, task.id, { title: 'renamed' });
    expect(untouched.json()).toMatchObject({ actual_minutes: 30 });
    expect(await sum()).toBe(30 * 60);
  });
});
