import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTask, expectProblem, listPage, type WireTask } from './helpers/tasks.js';

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let aliceTask: WireTask;
let missingId: number;

beforeAll(async () => {
  t = await createTestApp();
  alice = await createUser(t.app);
  bob = await createUser(t.app);
  aliceTask = await createTask(t.app, alice, {
    title: 'Alice secret plan',
    description: 'only for alice',
    category: 'private',
    tags: ['secret'],
    priority: 'urgent',
    due_at: '2020-01-01T00:00:00Z',
  });
  // An id no one has: create and delete one.
  const gone = await createTask(t.app, alice, { title: 'gone' });
  await t.app.inject({ method: 'DELETE', url: `/tasks/${gone.id}`, headers: alice.headers });
  missingId = gone.id;
});
afterAll(async () => {
  await t.close();
});

/** The parts of a 404 that must not reveal whether the task exists. */
const shape = (body: Record<string, unknown>) => ({
  type: body.type,
  title: body.title,
  status: body.status,
  detail: body.detail,
  code: body.code,
});

async function aliceTaskUnchanged(): Promise<void> {
  const res = await t.app.inject({ url: `/tasks/${aliceTask.id}`, headers: alice.headers });
  expect(res.json()).toEqual(aliceTask);
}

describe("another user's task is the same 404 as a missing one", () => {
  const calls: [string, (id: number) => InjectOptions][] = [
    ['GET', (id) => ({ method: 'GET', url: `/tasks/${id}`, headers: bob.headers })],
    [
      'PATCH',
      (id) => ({
        method: 'PATCH',
        url: `/tasks/${id}`,
        headers: bob.headers,
        payload: { title: 'mine now' },
      }),
    ],
    [
      'PATCH with If-Match: *',
      (id) => ({
        method: 'PATCH',
        url: `/tasks/${id}`,
        headers: { ...bob.headers, 'if-match': '*' },
        payload: { status: 'done' },
      }),
    ],
    [
      'PATCH with a wrong If-Match',
      (id) => ({
        method: 'PATCH',
        url: `/tasks/${id}`,
        headers: { ...bob.headers, 'if-match': '"x"' },
        payload: { status: 'done' },
      }),
    ],
    ['DELETE', (id) => ({ method: 'DELETE', url: `/tasks/${id}`, headers: bob.headers })],
    [
      'DELETE with If-Match: *',
      (id) => ({
        method: 'DELETE',
        url: `/tasks/${id}`,
        headers: { ...bob.headers, 'if-match': '*' },
      }),
    ],
  ];

  it.each(calls)('%s', async (_name, call) => {
    const foreign = await t.app.inject(call(aliceTask.id));
    const missing = await t.app.inject(call(missingId));
    expectProblem(foreign, 404, 'not_found');
    expectProblem(missing, 404, 'not_found');
    expect(shape(foreign.json())).toEqual(shape(missing.json()));
    expect(foreign.headers.etag).toBeUndefined();
    await aliceTaskUnchanged();
  });

  it('bulk PATCH items on her task are 404 like a missing id, and change nothing', async () => {
    const own = await createTask(t.app, bob, { title: 'bob own' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/tasks/bulk',
      headers: bob.headers,
      payload: [
        { id: aliceTask.id, title: 'taken' },
        { id: own.id, title: 'bob renamed' },
        { id: missingId, title: 'nothing' },
        { id: aliceTask.id, status: 'done' },
      ],
    });
    expect(res.statusCode).toBe(200);
    const results =
      res.json<{ index: number; status: number; problem?: Record<string, unknown> }[]>();
    expect(results.map((r) => r.status)).toEqual([404, 200, 404, 404]);
    expect(shape(results[0]!.problem!)).toEqual(shape(results[2]!.problem!));
    await aliceTaskUnchanged();
  });
});

describe("bob's list never shows alice's tasks", () => {
  it('with no filter and with filters that match her task', async () => {
    const viewer = await createUser(t.app);
    const own = await createTask(t.app, viewer, { title: 'My plan' });
    const cases: [string, number[]][] = [
      ['/tasks', [own.id]],
      ['/tasks?q=secret', []],
      ['/tasks?q=plan', [own.id]],
      ['/tasks?tag=secret', []],
      ['/tasks?category=private', []],
      ['/tasks?priority=urgent', []],
      ['/tasks?overdue=true', []],
      ['/tasks?due_before=2021-01-01T00:00:00Z', []],
      ['/tasks?sort=-priority&limit=200', [own.id]],
      ['/tasks?cursor=', [own.id]],
    ];
    for (const [url, expected] of cases) {
      const page = await listPage(t.app, viewer, url);
      expect(page.ids, url).toEqual(expected);
      expect(page.total, url).toBe(expected.length);
    }
  });

  it('a cursor issued to alice is refused for bob', async () => {
    await createTask(t.app, alice, { title: 'second' });
    const first = await listPage(t.app, alice, '/tasks?cursor=&limit=1');
    expect(first.links.next).toBeDefined();
    const res = await t.app.inject({ url: first.links.next!, headers: bob.headers });
    expectProblem(res, 422, 'invalid_cursor');
  });
});
