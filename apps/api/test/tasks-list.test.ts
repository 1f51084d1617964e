import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import {
  createTasks,
  errorLocations,
  expectProblem,
  listPage,
  walkPages,
} from './helpers/tasks.js';
import {
  CATEGORIES,
  PRIORITIES,
  SORTS,
  STATUSES,
  TAGS,
  buildFixture,
  expectedIds,
  randomBody,
  rng,
  toSearch,
  type ModelQuery,
  type ModelTask,
} from './helpers/tasks-model.js';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const clock = manualClock(NOW);
let t: TestApp;
let owner: TestUser;
let model: ModelTask[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await createUser(t.app);
  model = await buildFixture(t.app, clock, owner, { seed: 4242, count: 80, now: NOW });
  // Another user's tasks, which must never show up.
  const noise = await createUser(t.app);
  const r = rng(7);
  await createTasks(
    t.app,
    noise,
    Array.from({ length: 20 }, () => randomBody(r, NOW)),
  );
});
afterAll(async () => {
  await t.close();
});

async function check(q: ModelQuery, sort: (typeof SORTS)[number] = 'id'): Promise<number[]> {
  const url = `/tasks?${toSearch(q, { sort, limit: '200' })}`;
  const page = await listPage(t.app, owner, url);
  const expected = expectedIds(model, q, sort, NOW);
  expect(page.ids, url).toEqual(expected);
  expect(page.total, url).toBe(expected.length);
  return expected;
}

const iso = (hoursFromNow: number) =>
  new Date(NOW.getTime() + hoursFromNow * 3_600_000).toISOString();

describe('filters', () => {
  const single: ModelQuery[] = [
    { status: ['todo'] },
    { status: ['doing', 'done'] },
    { priority: ['urgent'] },
    { priority: ['low', 'high'] },
    { category: 'backend' },
    { category: 'nothing-like-this' },
    { tag: ['api'] },
    { tag: ['api', 'bug'] },
    { tag: ['API', 'Ui'] },
    { q: 'fix' },
    { q: 'FIX' },
    { q: 'login' },
    { q: '%' },
    { q: '50%' },
    { q: '_' },
    { q: 'snake_case' },
    { q: '\\' },
    { q: 'crire' },
    { q: 'plain text' },
    { due_before: iso(0) },
    { due_after: iso(0) },
    { due_after: iso(-48), due_before: iso(48) },
    { overdue: true },
    { overdue: false },
  ];

  it.each(single.map((q) => ({ q, label: toSearch(q) })))('$label', async ({ q }) => {
    await check(q);
  });

  it('the fixture exercises every filter both ways', () => {
    for (const q of single.filter((x) => x.category !== 'nothing-like-this')) {
      const n = expectedIds(model, q, 'id', NOW).length;
      expect(n, toSearch(q)).toBeGreaterThan(0);
      expect(n, toSearch(q)).toBeLessThan(model.length);
    }
  });

  it('due_after is inclusive and due_before exclusive, at the exact instant', async () => {
    const dated = model.find((m) => m.due_at !== null)!;
    const at = dated.due_at!;
    const after = await check({ due_after: at });
    expect(after).toContain(dated.id);
    const before = await check({ due_before: at });
    expect(before).not.toContain(dated.id);
  });

  it('random combinations match the model', async () => {
    const r = rng(99);
    for (let i = 0; i < 60; i++) {
      const q: ModelQuery = {};
      if (r.chance(0.4)) q.status = [r.pick(STATUSES), r.pick(STATUSES)];
      if (r.chance(0.4)) q.priority = [r.pick(PRIORITIES), r.pick(PRIORITIES)];
      if (r.chance(0.3)) q.category = r.pick(CATEGORIES.filter((c): c is string => c !== null));
      if (r.chance(0.4)) q.tag = [r.pick(TAGS), ...(r.chance(0.5) ? [r.pick(TAGS)] : [])];
      if (r.chance(0.3)) q.q = r.pick(['fix', 'e', '%', '_', 'doc', 'PLAN', 'a\\']);
      if (r.chance(0.3)) q.due_before = iso(r.int(480) - 240);
      if (r.chance(0.3)) q.due_after = iso(r.int(480) - 240);
      if (r.chance(0.3)) q.overdue = r.chance(0.5);
      await check(q, r.pick(SORTS));
    }
  });

  it('status and priority may be repeated instead of comma-separated', async () => {
    const expected = expectedIds(
      model,
      { status: ['todo', 'done'], priority: ['high'] },
      'id',
      NOW,
    );
    const page = await listPage(
      t.app,
      owner,
      '/tasks?status=done&status=todo&priority=high&limit=200',
    );
    expect(page.ids).toEqual(expected);
  });

  it('a bad value is a 422 naming the parameter', async () => {
    const bad: [string, string][] = [
      ['status=bogus', 'query.status'],
      ['status=todo,bogus', 'query.status'],
      ['status=', 'query.status'],
      ['status=todo,', 'query.status'],
      ['priority=critical', 'query.priority'],
      ['category=', 'query.category'],
      [`category=${'c'.repeat(51)}`, 'query.category'],
      ['tag=has%20space', 'query.tag'],
      [`tag=${'t'.repeat(31)}`, 'query.tag'],
      ['q=', 'query.q'],
      [`q=${'q'.repeat(201)}`, 'query.q'],
      ['q=a%00b', 'query.q'],
      ['category=a%00b', 'query.category'],
      ['due_before=yesterday', 'query.due_before'],
      ['due_after=2026-01-01', 'query.due_after'],
      ['due_after=1960-01-01T00:00:00Z', 'query.due_after'],
      ['due_before=2026-12-31T23:59:60Z', 'query.due_before'],
      ['overdue=maybe', 'query.overdue'],
      ['sort=name', 'query.sort'],
      ['sort=--id', 'query.sort'],
      ['limit=0', 'query.limit'],
      ['limit=201', 'query.limit'],
      ['limit=ten', 'query.limit'],
      ['offset=-1', 'query.offset'],
      ['offset=1&cursor=', 'query.offset'],
      ['colour=red', 'query.colour'],
    ];
    for (const [qs, location] of bad) {
      const res = await t.app.inject({ url: `/tasks?${qs}`, headers: owner.headers });
      expectProblem(res, 422);
      expect(
        errorLocations(res).some((l) => l.startsWith(location)),
        qs,
      ).toBe(true);
    }
    const edges = ['limit=1', 'limit=200', 'offset=0', 'q=%25', `q=${'q'.repeat(200)}`];
    for (const qs of edges) {
      const res = await t.app.inject({ url: `/tasks?${qs}`, headers: owner.headers });
      expect(res.statusCode, qs).toBe(200);
    }
  });
});

describe('sorting', () => {
  it.each([...SORTS])('sort=%s is total: ties broken by id', async (sort) => {
    await check({}, sort);
    await check({ status: ['todo', 'doing'] }, sort);
  });

  it('the fixture has ties for every sort key', () => {
    const tied = (key: (m: ModelTask) => unknown) => new Set(model.map(key)).size < model.length;
    expect(tied((m) => m.created_at)).toBe(true);
    expect(tied((m) => m.updated_at)).toBe(true);
    expect(tied((m) => m.due_at)).toBe(true);
    expect(tied((m) => m.title)).toBe(true);
    expect(model.some((m) => m.due_at === null)).toBe(true);
  });

  it('repeating a query gives the same order', async () => {
    for (const sort of ['priority', '-created_at', 'due_at'] as const) {
      const url = `/tasks?sort=${sort}&limit=200`;
      const a = await listPage(t.app, owner, url);
      const b = await listPage(t.app, owner, url);
      expect(b.ids).toEqual(a.ids);
    }
  });
});

describe('paging', () => {
  it('defaults to 50 per page with X-Total-Count and Link', async () => {
    const page = await listPage(t.app, owner, '/tasks');
    expect(page.ids).toEqual(expectedIds(model, {}, 'id', NOW).slice(0, 50));
    expect(page.total).toBe(80);
    expect(page.links).toEqual({
      first: '/tasks?limit=50&offset=0',
      next: '/tasks?limit=50&offset=50',
    });
    const second = await listPage(t.app, owner, page.links.next!);
    expect(second.ids).toEqual(expectedIds(model, {}, 'id', NOW).slice(50));
    expect(second.links.prev).toBe('/tasks?limit=50&offset=0');
    expect(second.links.next).toBeUndefined();
    const beyond = await listPage(t.app, owner, '/tasks?offset=500');
    expect(beyond.ids).toEqual([]);
    expect(beyond.total).toBe(80);
  });

  it.each([...SORTS])(
    'walking by offset and by cursor gives every task once (sort=%s)',
    async (sort) => {
      const expected = expectedIds(model, {}, sort, NOW);
      const byOffset = await walkPages(t.app, owner, `/tasks?sort=${sort}&limit=7`);
      expect(byOffset.ids).toEqual(expected);
      expect(byOffset.pages).toBe(Math.ceil(80 / 7));
      const byCursor = await walkPages(t.app, owner, `/tasks?sort=${sort}&limit=7&cursor=`);
      expect(byCursor.ids).toEqual(expected);
      expect(byCursor.urls.slice(1).every((u) => /[?&]cursor=[^&]+/.test(u))).toBe(true);

      // ...and back again through the prev links, page by page.
      const lastUrl = byCursor.urls[byCursor.urls.length - 1]!;
      const backwards: number[][] = [];
      let url: string | undefined = lastUrl;
      while (url !== undefined) {
        const page = await listPage(t.app, owner, url);
        backwards.unshift(page.ids);
        url = page.links.prev;
      }
      expect(backwards.flat()).toEqual(expected);
    },
  );

  it('Link URLs keep every filter, and a filtered walk matches the model', async () => {
    const q: ModelQuery = {
      status: ['todo', 'doing'],
      tag: ['api'],
      due_after: iso(-400),
      overdue: false,
    };
    const expected = expectedIds(model, q, '-due_at', NOW);
    expect(expected.length).toBeGreaterThan(3);
    const first = await listPage(
      t.app,
      owner,
      `/tasks?${toSearch(q, { sort: '-due_at', limit: '2' })}`,
    );
    const next = new URL(first.links.next!, 'http://x').searchParams;
    expect(next.get('status')).toBe('todo,doing');
    expect(next.getAll('tag')).toEqual(['api']);
    expect(new Date(next.get('due_after')!).toISOString()).toBe(q.due_after);
    expect(next.get('overdue')).toBe('false');
    expect(next.get('sort')).toBe('-due_at');
    expect(next.get('limit')).toBe('2');
    for (const start of ['', '&cursor=']) {
      const walk = await walkPages(
        t.app,
        owner,
        `/tasks?${toSearch(q, { sort: '-due_at', limit: '2' })}${start}`,
      );
      expect(walk.ids).toEqual(expected);
    }
  });
});

describe('cursor integrity', () => {
  async function aCursor(query = 'sort=title&limit=5&cursor='): Promise<string> {
    const page = await listPage(t.app, owner, `/tasks?${query}`);
    return new URL(page.links.next!, 'http://x').searchParams.get('cursor')!;
  }

  it('an altered cursor is a 422 invalid_cursor', async () => {
    const cursor = await aCursor();
    const [body, mac] = cursor.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { i: number };
    const forged = `${Buffer.from(JSON.stringify({ ...payload, i: payload.i + 1 })).toString('base64url')}.${mac}`;
    const flipped = `${body}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    for (const bad of [forged, flipped, `${body}.`, body, 'garbage', `${cursor}.x`, '....']) {
      const res = await t.app.inject({
        url: `/tasks?sort=title&limit=5&cursor=${encodeURIComponent(bad)}`,
        headers: owner.headers,
      });
      expectProblem(res, 422, 'invalid_cursor');
      expect(errorLocations(res)).toEqual(['query.cursor']);
    }
  });

  it('a cursor only works with the filters and sort it was issued for', async () => {
    const cursor = encodeURIComponent(
      await aCursor('status=todo,doing&sort=title&limit=5&cursor='),
    );
    const ok = [
      `status=todo,doing&sort=title&limit=5&cursor=${cursor}`,
      `status=doing,todo&sort=title&limit=9&cursor=${cursor}`,
      `status=doing&status=todo&sort=title&cursor=${cursor}`,
    ];
    for (const qs of ok) {
      expect(
        (await t.app.inject({ url: `/tasks?${qs}`, headers: owner.headers })).statusCode,
        qs,
      ).toBe(200);
    }
    const refused = [
      `sort=title&limit=5&cursor=${cursor}`,
      `status=todo&sort=title&limit=5&cursor=${cursor}`,
      `status=todo,doing&sort=-title&limit=5&cursor=${cursor}`,
      `status=todo,doing&limit=5&cursor=${cursor}`,
      `status=todo,doing&sort=title&q=fix&cursor=${cursor}`,
      `status=todo,doing&sort=title&overdue=false&cursor=${cursor}`,
    ];
    for (const qs of refused) {
      const res = await t.app.inject({ url: `/tasks?${qs}`, headers: owner.headers });
      expectProblem(res, 422, 'invalid_cursor');
    }
  });
});
