import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTask, expectProblem, listPage, type WireTask } from './helpers/tasks.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Result {
  index: number;
  status: number;
  task?: WireTask;
  problem?: { status: number; code: string; errors?: { location: string; message: string }[] };
}

const bulk = (user: TestUser, method: 'POST' | 'PATCH', payload: unknown) =>
  t.app.inject({
    method,
    url: '/tasks/bulk',
    headers: user.headers,
    payload: payload as Record<string, unknown>[],
  });

const allIds = async (user: TestUser) => (await listPage(t.app, user, '/tasks?limit=200')).ids;

describe('POST /tasks/bulk', () => {
  it('creates up to 100 tasks, one result per item in order', async () => {
    const user = await createUser(t.app);
    const bodies = Array.from({ length: 100 }, (_, i) => ({
      title: `task ${i}`,
      tags: [`n${i % 3}`],
    }));
    const res = await bulk(user, 'POST', bodies);
    expect(res.statusCode).toBe(200);
    const results = res.json<Result[]>();
    expect(results.map((r) => [r.index, r.status, r.task?.title])).toEqual(
      bodies.map((b, i) => [i, 201, b.title]),
    );
    expect(await allIds(user)).toEqual(results.map((r) => r.task!.id));
  });

  it('a bad item does not undo the good ones', async () => {
    const user = await createUser(t.app);
    const res = await bulk(user, 'POST', [
      { title: 'good one' },
      { title: '' },
      { title: 'unknown field', owner_id: 1 },
      'not an object',
      { title: 'good two', priority: 'urgent' },
      { title: '   ' },
      { title: 'null estimate ok', estimated_minutes: null },
      { title: 'bad minutes', actual_minutes: null },
      { title: 'bad date', due_at: '2026-12-31T23:59:60Z' },
    ]);
    expect(res.statusCode).toBe(200);
    const results = res.json<Result[]>();
    expect(results.map((r) => r.status)).toEqual([201, 422, 422, 422, 201, 422, 201, 422, 422]);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const locations = results.map((r) => r.problem?.errors?.map((e) => e.location));
    expect(locations).toEqual([
      undefined,
      ['body.1.title'],
      ['body.2.owner_id'],
      ['body.3'],
      undefined,
      ['body.5.title'],
      undefined,
      ['body.7.actual_minutes'],
      ['body.8.due_at'],
    ]);
    for (const r of results.filter((x) => x.status === 422)) {
      expect(r.problem).toMatchObject({ status: 422, code: 'validation_failed' });
      expect(r.task).toBeUndefined();
    }
    const created = results.filter((r) => r.status === 201).map((r) => r.task!);
    expect(created.map((c) => c.title)).toEqual(['good one', 'good two', 'null estimate ok']);
    expect(await allIds(user)).toEqual(created.map((c) => c.id));
  });

  it('the envelope must be an array of 1 to 100 items', async () => {
    const user = await createUser(t.app);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ title: `t${i}` }));
    for (const payload of [tooMany, [], { title: 'not an array' }]) {
      expectProblem(await bulk(user, 'POST', payload), 422, 'validation_failed');
    }
    expect(await allIds(user)).toEqual([]);
  });
});

describe('PATCH /tasks/bulk', () => {
  it('applies each item with PATCH semantics and reports the rest', async () => {
    const user = await createUser(t.app);
    const other = await createUser(t.app);
    const a = await createTask(t.app, user, {
      title: 'a',
      description: 'keep me',
      priority: 'low',
    });
    const b = await createTask(t.app, user, { title: 'b', category: 'x' });
    const c = await createTask(t.app, user, { title: 'c' });
    const foreign = await createTask(t.app, other, { title: 'foreign' });
    const res = await bulk(user, 'PATCH', [
      { id: a.id, title: 'a2' },
      { id: b.id, category: null, status: 'done' },
      { id: c.id, title: null },
      { id: foreign.id, title: 'mine' },
      { id: 2_000_000_000, title: 'missing' },
      { title: 'no id' },
      { id: c.id, priority: 'nope' },
      { id: c.id, created_at: '2020-01-01T00:00:00Z' },
    ]);
    expect(res.statusCode).toBe(200);
    const results = res.json<Result[]>();
    expect(results.map((r) => r.status)).toEqual([200, 200, 422, 404, 404, 422, 422, 422]);
    expect(results[0]!.task).toMatchObject({
      id: a.id,
      title: 'a2',
      description: 'keep me',
      priority: 'low',
    });
    expect(results[1]!.task).toMatchObject({ id: b.id, category: null, status: 'done' });
    expect(results[1]!.task!.completed_at).not.toBeNull();
    expect(results[2]!.problem!.errors).toEqual([
      { location: 'body.2.title', message: 'must not be null' },
    ]);
    expect(results[5]!.problem!.errors).toEqual([
      { location: 'body.5.id', message: 'is required' },
    ]);
    expect(results[3]!.problem).toMatchObject({ status: 404, code: 'not_found' });

    const get = async (user2: TestUser, id: number) =>
      (await t.app.inject({ url: `/tasks/${id}`, headers: user2.headers })).json<WireTask>();
    expect(await get(user, a.id)).toEqual(results[0]!.task);
    expect(await get(user, b.id)).toEqual(results[1]!.task);
    expect(await get(user, c.id)).toEqual(c);
    expect(await get(other, foreign.id)).toEqual(foreign);
  });

  it('later items see earlier ones (same id twice)', async () => {
    const user = await createUser(t.app);
    const a = await createTask(t.app, user, { title: 'a', tags: ['x'] });
    const res = await bulk(user, 'PATCH', [
      { id: a.id, tags: ['y'] },
      { id: a.id, status: 'doing' },
    ]);
    const results = res.json<Result[]>();
    expect(results[1]!.task).toMatchObject({ tags: ['y'], status: 'doing' });
  });

  it('more than 100 items is a 422 for the whole request', async () => {
    const user = await createUser(t.app);
    const a = await createTask(t.app, user, { title: 'a' });
    const items = Array.from({ length: 101 }, () => ({ id: a.id, title: 'changed' }));
    expectProblem(await bulk(user, 'PATCH', items), 422, 'validation_failed');
    expect((await t.app.inject({ url: `/tasks/${a.id}`, headers: user.headers })).json()).toEqual(
      a,
    );
  });
});
