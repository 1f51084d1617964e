import { connect } from 'node:net';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { createTask, expectProblem } from './helpers/tasks.js';
import { expect422 } from './helpers/time.js';

// Regression tests for the adversarial probe of issue 12, one block per row (D1–D12 and the
// three extras), in process on both databases. The same defects against a real production
// process (heap cap, logs, a database that refuses connections) are in fault-hostile-input.

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
let t: TestApp;
let user: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock });
  user = await createUser(t.app);
});
afterAll(async () => {
  await t.close();
});

async function pat(scopes: string[]): Promise<{ authorization: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: user.headers,
    payload: { name: `pat ${scopes.join(' ')}`, scopes },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}

/** Base-62 names: 120,000 distinct keys in under 1 MiB of JSON, as the probe sent. */
function manyKeys(n: number): string {
  const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const name = (i: number) => {
    let s = '';
    do {
      s = `${digits.charAt(i % 62)}${s}`;
      i = Math.floor(i / 62);
    } while (i > 0);
    return s;
  };
  return `{${Array.from({ length: n }, (_, i) => `"${name(i)}":0`).join(',')}}`;
}

describe('D1: bulk bodies over the item limit', () => {
  it.each([
    ['POST', '200,000 ones', JSON.stringify(Array(200_000).fill(1))],
    ['POST', '150,000 empty objects', JSON.stringify(Array(150_000).fill({}))],
    ['PATCH', '200,000 ones', JSON.stringify(Array(200_000).fill(1))],
    ['POST', '101 valid items', JSON.stringify(Array(101).fill({ title: 'x' }))],
  ])(
    '%s /tasks/bulk with %s: one small 422 naming the limit, nothing created',
    async (method, _n, payload) => {
      const res = await t.app.inject({
        method: method as 'POST' | 'PATCH',
        url: '/tasks/bulk',
        headers: { ...user.headers, 'content-type': 'application/json' },
        payload,
      });
      expectProblem(res, 422, 'validation_failed');
      expect(res.body.length).toBeLessThan(2048);
      expect(res.json().errors).toEqual([
        { location: 'body', message: 'must NOT have more than 100 items' },
      ]);
      const tasks = await t.app.inject({ url: '/tasks?limit=200', headers: user.headers });
      expect(tasks.statusCode).toBe(200);
      expect(tasks.json<{ title: string }[]>().filter((x) => x.title === 'x')).toEqual([]);
    },
  );

  it('within the limit, each bad item still gets its own problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/tasks/bulk',
      headers: user.headers,
      payload: [{ title: 'good' }, { title: 7 }, {}, { title: 'also good', estimated_minutes: -1 }],
    });
    expect(res.statusCode).toBe(200);
    const results =
      res.json<{ index: number; status: number; problem?: { errors: unknown[] } }[]>();
    expect(results.map((r) => r.status)).toEqual([201, 422, 422, 422]);
    expect(results[1]?.problem?.errors).toEqual([
      { location: 'body.1.title', message: 'must be string' },
    ]);
    expect(results[2]?.problem?.errors).toEqual([
      { location: 'body.2.title', message: 'is required' },
    ]);
  });
});

describe('D2: bodies with very many unknown keys', () => {
  const body = manyKeys(120_000);

  it('the body is the probe’s: 120,000 keys under the 1 MiB limit', () => {
    expect(Object.keys(JSON.parse(body) as object)).toHaveLength(120_000);
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
  });

  it.each(['/auth/register', '/auth/login'])(
    'anonymous POST %s refuses it unparsed: 413 over the 16 KiB credential limit',
    async (url) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
      expectProblem(res, 413, 'payload_too_large');
      expect(res.json<{ detail: string }>().detail).toContain('16 KiB');
      // Under that limit, as many keys as fit still get a small 422.
      const fits = manyKeys(2_100);
      expect(Buffer.byteLength(fits)).toBeLessThan(16 * 1024);
      const small = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: fits,
      });
      expectProblem(small, 422, 'validation_failed');
      expect(small.json<{ errors: unknown[] }>().errors.length).toBeLessThanOrEqual(20);
    },
  );

  it('an authenticated POST /tasks with the 120,000 keys answers a small 422', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/tasks',
      headers: { ...user.headers, 'content-type': 'application/json' },
      payload: body,
    });
    expectProblem(res, 422, 'validation_failed');
    expect(res.body.length).toBeLessThan(4096);
    const errors = res.json<{ errors: unknown[] }>().errors;
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors.length).toBeLessThanOrEqual(20);
  });

  it('a small body still names every bad field, at most 20', async () => {
    const few = await t.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { email: 'not-an-email', password: 3, extra: 1 },
    });
    expect(few.statusCode).toBe(422);
    expect(
      few
        .json<{ errors: { location: string }[] }>()
        .errors.map((e) => e.location)
        .sort(),
    ).toEqual(['body.email', 'body.extra', 'body.password']);
    const many = await t.app.inject({
      method: 'POST',
      url: '/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: manyKeys(50),
    });
    expect(many.json<{ errors: unknown[] }>().errors).toHaveLength(20);
  });
});

describe('D5: zones that Node accepts and PostgreSQL does not', () => {
  const legacy = ['US/Pacific-New', 'Canada/East-Saskatchewan'];

  it.each(legacy)('%s is a 422 in ?tz=, at registration and in PATCH /auth/me', async (zone) => {
    // Node (ICU) still accepts the name: the check must come from the database.
    expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
    expect422(
      await t.app.inject({
        url: `/metrics/summary?tz=${encodeURIComponent(zone)}`,
        headers: user.headers,
      }),
      'query.tz',
    );
    expect422(
      await t.app.inject({
        method: 'POST',
        url: '/auth/register',
        payload: {
          email: `tz-${Date.now()}@example.com`,
          password: 'a decent passphrase',
          timezone: zone,
        },
      }),
      'body.timezone',
    );
    expect422(
      await t.app.inject({
        method: 'PATCH',
        url: '/auth/me',
        headers: user.headers,
        payload: { timezone: zone },
      }),
      'body.timezone',
    );
    const summary = await t.app.inject({ url: '/metrics/summary', headers: user.headers });
    expect(summary.statusCode).toBe(200);
  });

  it('current names keep working, in any letter case', async () => {
    for (const zone of ['Europe/Kyiv', 'America/Los_Angeles', 'UTC', 'europe/berlin']) {
      const res = await t.app.inject({
        url: `/metrics/summary?tz=${encodeURIComponent(zone)}`,
        headers: user.headers,
      });
      expect(res.statusCode, zone).toBe(200);
    }
  });
});

describe('D6: non-finite numbers in ids and numeric parameters', () => {
  it('every {id} route and numeric query parameter answers 422, never 5xx', async () => {
    const idRoutes = t.app.routeTable.filter((r) => r.url.includes(':id'));
    expect(idRoutes.length).toBeGreaterThan(10);
    const requests: { method: string; url: string }[] = [];
    for (const route of idRoutes) {
      // ajv's `+text` coercion also read hex, padded and exponent forms as ids (0x1f = 31).
      for (const value of ['Infinity', '-Infinity', '1e309', 'NaN', '0x1f', '%205', '5.0', '5e0']) {
        requests.push({ method: route.method, url: route.url.replace(':id', value) });
      }
    }
    for (const q of [
      '/tasks?offset=1e309',
      '/tasks?limit=Infinity',
      '/time-entries?task_id=1e309',
      '/time-entries?offset=Infinity',
      '/metrics/weekly?weeks=1e309',
      '/metrics/summary?days=Infinity',
      '/auth/tokens?limit=1e309',
    ]) {
      requests.push({ method: 'GET', url: q });
    }
    for (const r of requests) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: r.url,
        headers: user.headers,
        ...(['POST', 'PATCH'].includes(r.method) ? { payload: {} } : {}),
      });
      expect(res.statusCode, `${r.method} ${r.url}: ${res.body}`).toBe(422);
    }
  });
});

describe('D7: one range of instants, 1970 to 9999, exact inside it', () => {
  let taskId: number;
  beforeAll(async () => {
    taskId = (await createTask(t.app, user, { title: 'dates' })).id;
  });
  const log = (started_at: string, ended_at: string) =>
    t.app.inject({
      method: 'POST',
      url: `/tasks/${taskId}/time-entries`,
      headers: user.headers,
      payload: { started_at, ended_at },
    });

  it.each([
    ['year 0000', '0000-01-01T00:00:00Z', '0000-01-01T01:00:00Z'],
    ['year 0050', '0050-01-01T10:00:00Z', '0050-01-01T11:00:00Z'],
    ['year 0030', '0030-01-01T10:00:00Z', '0030-01-01T11:00:00Z'],
    ['1969', '1969-12-31T23:00:00Z', '1969-12-31T23:30:00Z'],
    ['a leap second', '2026-03-01T23:59:60Z', '2026-03-02T00:30:00Z'],
  ])('a start in %s is a 422 naming the field', async (_name, start, end) => {
    const res = await log(start, end);
    expect422(res, 'body.started_at');
    expect(res.json<{ errors: { message: string }[] }>().errors[0]?.message).toContain(
      '1970-01-01T00:00:00Z',
    );
  });

  it('range bounds of the list and export queries', async () => {
    for (const url of [
      '/time-entries?from=10000-01-01T00:00:00Z',
      '/time-entries?from=9999-12-31T23:59:59-05:00',
      '/time-entries?to=0000-01-01T00:00:00Z',
      '/time-entries/export?format=csv&from=0000-01-01T00:00:00Z',
      '/metrics/summary?from=0000-01-01&to=2026-01-01',
      '/metrics/summary?from=2026-01-01&to=10000-01-01',
    ]) {
      const res = await t.app.inject({ url, headers: user.headers });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(422);
    }
  });

  it('inside the range, an instant round-trips exactly', async () => {
    const res = await log('1970-01-01T00:00:00.000Z', '1970-01-01T00:45:00.000Z');
    expect(res.statusCode, res.body).toBe(201);
    const entry = res.json<{ id: number; started_at: string; ended_at: string }>();
    const back = await t.app.inject({ url: `/time-entries/${entry.id}`, headers: user.headers });
    expect(back.json()).toMatchObject({
      started_at: '1970-01-01T00:00:00.000Z',
      ended_at: '1970-01-01T00:45:00.000Z',
    });
    const due = await createTask(t.app, user, { due_at: '9999-12-31T23:59:59.999Z' });
    expect(due.due_at).toBe('9999-12-31T23:59:59.999Z');
  });
});

describe('D8: moving a running timer back', () => {
  it('a start more than 24 h before now is a 422; stop and start keep working', async () => {
    const a = await createTask(t.app, user, { title: 'timer a' });
    const b = await createTask(t.app, user, { title: 'timer b' });
    const start = await t.app.inject({
      method: 'POST',
      url: `/tasks/${a.id}/start-timer`,
      headers: user.headers,
    });
    expect(start.statusCode, start.body).toBe(200);
    const entries = await t.app.inject({
      url: `/time-entries?task_id=${a.id}`,
      headers: user.headers,
    });
    const running = entries.json<{ id: number; ended_at: string | null }[]>()[0];
    expect(running?.ended_at).toBeNull();
    const patch = (started_at: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/time-entries/${running?.id ?? 0}`,
        headers: user.headers,
        payload: { started_at },
      });
    expect422(await patch('1958-01-01T00:00:00Z'), 'body.started_at');
    // 24 h 1 min before the clock's now: over the manual-entry bound.
    expect422(await patch('2026-03-01T11:59:00Z'), 'body.started_at');
    // Exactly 24 h is allowed, as for a manual entry.
    expect((await patch('2026-03-01T12:00:00Z')).statusCode).toBe(200);
    const stop = await t.app.inject({
      method: 'POST',
      url: `/tasks/${a.id}/stop-timer`,
      headers: user.headers,
    });
    expect(stop.statusCode, stop.body).toBe(200);
    expect(stop.json<{ actual_minutes: number }>().actual_minutes).toBe(24 * 60);
    const next = await t.app.inject({
      method: 'POST',
      url: `/tasks/${b.id}/start-timer`,
      headers: user.headers,
    });
    expect(next.statusCode, next.body).toBe(200);
    await t.app.inject({ method: 'POST', url: `/tasks/${b.id}/stop-timer`, headers: user.headers });
  });
});

describe('D9: actual_minutes writes time, so it needs time:write', () => {
  it('a tasks:write token cannot set it (403 insufficient_scope); nothing is written', async () => {
    const tasksOnly = await pat(['tasks:write', 'tasks:read']);
    const create = await t.app.inject({
      method: 'POST',
      url: '/tasks',
      headers: tasksOnly,
      payload: { title: 'scoped', actual_minutes: 500 },
    });
    expectProblem(create, 403, 'insufficient_scope');
    expect(create.json()).toMatchObject({ required_scope: 'time:write' });

    const task = await createTask(t.app, user, { title: 'scoped patch' });
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/tasks/${task.id}`,
      headers: tasksOnly,
      payload: { actual_minutes: 30 },
    });
    expectProblem(patch, 403, 'insufficient_scope');
    const bulk = await t.app.inject({
      method: 'PATCH',
      url: '/tasks/bulk',
      headers: tasksOnly,
      payload: [
        { id: task.id, actual_minutes: 30 },
        { id: task.id, title: 'renamed' },
      ],
    });
    expect(bulk.json<{ status: number }[]>().map((r) => r.status)).toEqual([403, 200]);
    const entries = await t.app.inject({
      url: `/time-entries?task_id=${task.id}`,
      headers: user.headers,
    });
    expect(entries.json()).toEqual([]);
    // Other fields stay writable with tasks:write alone.
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/tasks/${task.id}`,
      headers: tasksOnly,
      payload: { estimated_minutes: 30 },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('with time:write it is allowed and records the adjustment', async () => {
    const both = await pat(['tasks:write', 'time:write']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/tasks',
      headers: both,
      payload: { title: 'scoped ok', actual_minutes: 45 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ actual_minutes: number }>().actual_minutes).toBe(45);
  });
});

describe('D11: no type coercion in bodies', () => {
  it.each([false, true, [0], '30', null])(
    'actual_minutes %j is a 422 and the time stays',
    async (value) => {
      const task = await createTask(t.app, user, { title: 'coercion', actual_minutes: 30 });
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/tasks/${task.id}`,
        headers: user.headers,
        payload: { actual_minutes: value },
      });
      expect422(res, 'body.actual_minutes');
      const back = await t.app.inject({ url: `/tasks/${task.id}`, headers: user.headers });
      expect(back.json<{ actual_minutes: number }>().actual_minutes).toBe(30);
    },
  );

  it('query strings and path parameters are still read as numbers', async () => {
    const task = await createTask(t.app, user, { title: 'coerced query' });
    expect(
      (await t.app.inject({ url: `/tasks/${task.id}`, headers: user.headers })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: '/tasks?limit=2&offset=1', headers: user.headers })).statusCode,
    ).toBe(200);
  });
});

describe('extras', () => {
  it('CSV exports escape formulas hidden behind white space, zero-width and full-width signs', async () => {
    const hostile = ['＝1+1', '\n=1+1', ' =1+1', '\u200b=1+1', '=1+1', '+1', '@SUM(1)', '\t-1'];
    const task = await createTask(t.app, user, { title: 'csv host', category: '＠cat' });
    let hour = 0;
    for (const note of hostile) {
      hour += 1;
      const start = `2026-02-0${String(1 + Math.floor(hour / 9))}T${String(hour % 9).padStart(2, '0')}:00:00Z`;
      const end = start.replace(':00:00Z', ':30:00Z');
      const res = await t.app.inject({
        method: 'POST',
        url: `/tasks/${task.id}/time-entries`,
        headers: user.headers,
        payload: { started_at: start, ended_at: end, note },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const csv = await t.app.inject({
      url: '/time-entries/export?format=csv&from=2026-02-01T00:00:00Z&to=2026-02-03T00:00:00Z',
      headers: user.headers,
    });
    expect(csv.statusCode).toBe(200);
    const rows = parseCsv<Record<string, string>>(csv.body, { columns: true });
    expect(rows.map((r) => r.note).sort()).toEqual(hostile.map((h) => `'${h}`).sort());
    expect(new Set(rows.map((r) => r.task_category))).toEqual(new Set(["'＠cat"]));
    // Plain text is left alone.
    expect(rows.every((r) => r.task_title === 'csv host')).toBe(true);
  });

  it('oversized headers get a problem+json 431', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      });
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      socket.on('close', () => {
        resolve(data);
      });
      socket.on('error', reject);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('content-type: application/problem+json');
    expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'header_too_large' });
  });

  it('authenticated answers carry Cache-Control: no-store, errors included', async () => {
    for (const url of ['/auth/me', '/tasks', '/tasks/2147483647', '/metrics/summary']) {
      const res = await t.app.inject({ url, headers: user.headers });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: user.email, password: user.password },
    });
    expect(login.headers['cache-control']).toBe('no-store');
  });
});
