import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTask, errorLocations, expectProblem } from './helpers/tasks.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (user: TestUser, id: number) =>
  t.app.inject({ method: 'GET', url: `/tasks/${id}`, headers: user.headers });
const patch = (user: TestUser, id: number, payload: unknown) =>
  t.app.inject({
    method: 'PATCH',
    url: `/tasks/${id}`,
    headers: user.headers,
    payload: payload as Record<string, unknown>,
  });
const post = (user: TestUser, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/tasks',
    headers: user.headers,
    payload: payload as Record<string, unknown>,
  });

describe('field limits (create and PATCH)', () => {
  const long = (n: number, c = 'a') => c.repeat(n);
  const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
  // [field, value, accepted?, stored value when accepted]
  const cases: [string, unknown, boolean, unknown?][] = [
    ['title', '', false],
    ['title', '   ', false],
    ['title', 'a', true, 'a'],
    ['title', long(200), true, long(200)],
    ['title', long(201), false],
    ['title', `  ${long(10)}\t`, true, long(10)],
    ['title', '😀'.repeat(200), true, '😀'.repeat(200)],
    ['title', '😀'.repeat(201), false],
    ['title', 'nul\u0000inside', false],
    ['title', ['x', 'y'], false],
    ['title', { a: 1 }, false],
    ['description', null, true, null],
    ['description', '', true, ''],
    ['description', long(10_000), true, long(10_000)],
    ['description', long(10_001), false],
    ['description', 'a\u0000b', false],
    ['category', null, true, null],
    ['category', '', false],
    ['category', '  ', false],
    ['category', 'x', true, 'x'],
    ['category', long(50), true, long(50)],
    ['category', long(51), false],
    ['category', ' ops ', true, 'ops'],
    ['status', 'todo', true, 'todo'],
    ['status', 'doing', true, 'doing'],
    ['status', 'done', true, 'done'],
    ['status', 'DONE', false],
    ['status', 'finished', false],
    ['priority', 'low', true, 'low'],
    ['priority', 'medium', true, 'medium'],
    ['priority', 'high', true, 'high'],
    ['priority', 'urgent', true, 'urgent'],
    ['priority', 'critical', false],
    ['tags', [], true, []],
    ['tags', tags(20), true, tags(20)],
    ['tags', tags(21), false],
    ['tags', [long(30)], true, [long(30)]],
    ['tags', [long(31)], false],
    ['tags', [''], false],
    ['tags', ['has space'], false],
    ['tags', ['ümlaut'], false],
    ['tags', ['a/b'], false],
    ['tags', ['A-B_c.9', 'x'], true, ['a-b_c.9', 'x']],
    ['tags', ['dup', 'DUP', 'dup', 'other'], true, ['dup', 'other']],
    ['estimated_minutes', null, true, null],
    ['estimated_minutes', 0, true, 0],
    ['estimated_minutes', 100_000, true, 100_000],
    ['estimated_minutes', -1, false],
    ['estimated_minutes', 100_001, false],
    ['estimated_minutes', 1.5, false],
    ['estimated_minutes', 'lots', false],
    ['actual_minutes', 0, true, 0],
    ['actual_minutes', 1_000_000, true, 1_000_000],
    ['actual_minutes', -1, false],
    ['actual_minutes', 1_000_001, false],
    ['actual_minutes', 2.5, false],
    ['due_at', null, true, null],
    ['due_at', '2026-05-01T12:00:00Z', true, '2026-05-01T12:00:00.000Z'],
    ['due_at', '2026-05-01T12:00:00.123456-02:30', true, '2026-05-01T14:30:00.123Z'],
    ['due_at', '1970-01-01T00:00:00Z', true, '1970-01-01T00:00:00.000Z'],
    ['due_at', '1969-12-31T23:59:59Z', false],
    ['due_at', '9999-12-31T23:59:59Z', true, '9999-12-31T23:59:59.000Z'],
    ['due_at', '9999-12-31T23:59:59-01:00', false],
    ['due_at', '2026-05-01T12:00:00', false],
    ['due_at', '2026-05-01', false],
    ['due_at', 'tomorrow', false],
    ['due_at', '2026-12-31T23:59:60Z', false],
    ['due_at', '2026-02-30T10:00:00Z', false],
  ];

  const show = (v: unknown): string => {
    if (typeof v === 'string' && v.length > 40)
      return `${JSON.stringify(v.slice(0, 4))}… (${Array.from(v).length} chars)`;
    if (Array.isArray(v) && v.length > 4) return `[${v.length} items]`;
    return JSON.stringify(v);
  };
  const labelled = cases.map(([field, value, ok, stored]) => ({
    label: `${field} = ${show(value)} → ${ok ? 'accepted' : '422'}`,
    field,
    value,
    ok,
    stored,
  }));

  it.each(labelled)('$label', async ({ field, value, ok, stored }) => {
    const user = await createUser(t.app);
    const base = field === 'title' ? {} : { title: 'limits' };
    const created = await post(user, { ...base, [field]: value });
    const existing = await createTask(t.app, user, { title: 'before' });
    const changed = await patch(user, existing.id, { [field]: value });
    for (const res of [created, changed]) {
      if (ok) {
        expect(res.statusCode, res.body).toBeLessThan(300);
        expect(res.json<Record<string, unknown>>()[field]).toEqual(stored);
      } else {
        expectProblem(res, 422, 'validation_failed');
        expect(errorLocations(res).some((l) => l.startsWith(`body.${field}`))).toBe(true);
      }
    }
    if (!ok) expect((await get(user, existing.id)).json()).toEqual(existing);
    const list = await t.app.inject({ url: '/tasks', headers: user.headers });
    expect(Number(list.headers['x-total-count'])).toBe(ok ? 2 : 1);
  });

  it('title is required on create; an empty or non-object body is a 422/400', async () => {
    const user = await createUser(t.app);
    const res = await post(user, { description: 'no title' });
    expectProblem(res, 422, 'validation_failed');
    expect(errorLocations(res)).toEqual(['body.title']);
    expectProblem(await post(user, [{ title: 'x' }]), 422);
    expectProblem(
      await t.app.inject({
        method: 'POST',
        url: '/tasks',
        headers: { ...user.headers, 'content-type': 'application/json' },
        payload: '{"title": ',
      }),
      400,
      'malformed_json',
    );
  });

  it('every bad field is reported at once', async () => {
    const user = await createUser(t.app);
    const res = await post(user, { title: '', priority: 'x', estimated_minutes: -5 });
    expectProblem(res, 422);
    expect(errorLocations(res).sort()).toEqual(
      ['body.estimated_minutes', 'body.priority', 'body.title'].sort(),
    );
  });
});
