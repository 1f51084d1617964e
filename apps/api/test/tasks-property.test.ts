import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTask, type WireTask } from './helpers/tasks.js';

// Bounded runs; a fixed seed on CI so a failure there replays locally (fast-check prints the seed).
const RUNS = { numRuns: 150, ...(process.env.CI ? { seed: 20_260_302 } : {}) };

let t: TestApp;
let user: TestUser;
let target: WireTask;
beforeAll(async () => {
  t = await createTestApp();
  user = await createUser(t.app);
  target = await createTask(t.app, user, { title: 'property target' });
});
afterAll(async () => {
  await t.close();
});

const FIELDS = [
  'title',
  'description',
  'category',
  'status',
  'priority',
  'tags',
  'estimated_minutes',
  'actual_minutes',
  'due_at',
] as const;

const nasty = fc.constantFrom(
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  1e308,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '2026-12-31T23:59:60Z',
  '9999-12-31T23:59:59-23:59',
  '0001-01-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  '%_\\',
  'DONE',
  [],
  [null],
  [''],
  ['A'.repeat(31)],
  {},
  { nested: { deep: [1, 'x'] } },
);

const junk = fc.oneof(
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.string({ unit: 'binary-ascii', maxLength: 35 }), { maxLength: 25 }),
  nasty,
);

const valid: Record<(typeof FIELDS)[number], fc.Arbitrary<unknown>> = {
  title: fc.string({ minLength: 1, maxLength: 200 }),
  description: fc.option(fc.string({ maxLength: 300 })),
  category: fc.option(fc.string({ minLength: 1, maxLength: 50 })),
  status: fc.constantFrom('todo', 'doing', 'done'),
  priority: fc.constantFrom('low', 'medium', 'high', 'urgent'),
  tags: fc.array(fc.stringMatching(/^[a-zA-Z0-9._-]{1,30}$/), { maxLength: 20 }),
  estimated_minutes: fc.option(fc.integer({ min: 0, max: 100_000 })),
  actual_minutes: fc.integer({ min: 0, max: 1_000_000 }),
  due_at: fc.option(
    fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('9999-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString()),
  ),
};

const fieldValue = (name: (typeof FIELDS)[number]) =>
  fc.oneof({ weight: 9, arbitrary: valid[name] }, { weight: 1, arbitrary: junk });

const knownFields = (requiredKeys: (typeof FIELDS)[number][]) =>
  fc.record(Object.fromEntries(FIELDS.map((f) => [f, fieldValue(f)])), { requiredKeys });

const extraFields = fc.oneof(
  { weight: 4, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: fc.dictionary(
      fc.oneof(fc.constantFrom('owner_id', 'id', 'created_at', 'completed_at'), fc.string()),
      junk,
      { minKeys: 1, maxKeys: 2 },
    ),
  },
);

const objectBody = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: knownFields(['title']) },
      { weight: 1, arbitrary: knownFields([]) },
    ),
    extraFields,
  )
  .map(([known, extra]) => ({ ...extra, ...known }));

const anyBody = fc.oneof(
  { weight: 9, arbitrary: objectBody },
  { weight: 1, arbitrary: fc.jsonValue() },
);

const outcomes = { ok: 0, problem: 0 };

function expectNoServerError(res: LightMyRequestResponse, body: unknown): void {
  const what = `${res.statusCode} for ${JSON.stringify(body).slice(0, 300)}: ${res.body.slice(0, 300)}`;
  expect(res.statusCode, what).toBeLessThan(500);
  if (res.statusCode >= 400) {
    outcomes.problem += 1;
    expect(res.headers['content-type'], what).toContain('application/problem+json');
    expect(res.json<{ code?: string }>().code, what).toBeTypeOf('string');
  } else {
    outcomes.ok += 1;
    const task = res.json<WireTask>();
    // The stored task always obeys the documented rules.
    expect(Array.from(task.title).length, what).toBeGreaterThanOrEqual(1);
    expect(Array.from(task.title).length, what).toBeLessThanOrEqual(200);
    expect(task.title, what).toBe(task.title.trim());
    expect(task.tags.length, what).toBeLessThanOrEqual(20);
    expect(new Set(task.tags).size, what).toBe(task.tags.length);
    for (const tag of task.tags) expect(tag, what).toMatch(/^[a-z0-9._-]{1,30}$/);
    expect(task.completed_at !== null, what).toBe(task.status === 'done');
  }
}

const send = (method: 'POST' | 'PATCH', url: string, body: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { ...user.headers, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

describe('any payload gives 2xx or a 4xx problem, never a 5xx', () => {
  // Both outcomes must be common, or the property says little about one of them.
  const expectMix = () => {
    expect(outcomes.ok).toBeGreaterThan(RUNS.numRuns / 10);
    expect(outcomes.problem).toBeGreaterThan(RUNS.numRuns / 10);
  };

  it('POST /tasks', async () => {
    outcomes.ok = outcomes.problem = 0;
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        expectNoServerError(await send('POST', '/tasks', body), body);
      }),
      RUNS,
    );
    expectMix();
  });

  it('PATCH /tasks/{id}', async () => {
    outcomes.ok = outcomes.problem = 0;
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        expectNoServerError(await send('PATCH', `/tasks/${target.id}`, body), body);
      }),
      RUNS,
    );
    expectMix();
  });

  it('GET /tasks with arbitrary query parameters', async () => {
    const key = fc.constantFrom(
      'status',
      'priority',
      'category',
      'tag',
      'q',
      'due_before',
      'due_after',
      'overdue',
      'sort',
      'limit',
      'offset',
      'cursor',
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(
        'todo,done',
        'urgent',
        '-due_at',
        '2026-01-01T00:00:00Z',
        'true',
        '50',
        '',
        '%',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 6 }), async (pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        const res = await t.app.inject({ url: `/tasks?${qs}`, headers: user.headers });
        expect(res.statusCode, `${qs}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type']).toContain('application/problem+json');
        }
      }),
      RUNS,
    );
  });
});
