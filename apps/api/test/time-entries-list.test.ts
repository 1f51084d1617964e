import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { at, dbActualMinutes, dbEntries, expect422, insertTask } from './helpers/time.js';

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
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

async function userWithTask(fields: { category?: string } = {}) {
  const u = await createUser(t.app);
  const task = await insertTask(t.app, u.id, fields);
  return { u, task };
}

describe('listing', () => {
  it('GET /time-entries filters by range, task and category, with pagination headers', async () => {
    const u = await createUser(t.app);
    const a = await insertTask(t.app, u.id, { category: 'backend' });
    const b = await insertTask(t.app, u.id, { category: 'docs' });
    const ids: number[] = [];
    for (let h = 1; h <= 6; h++) {
      const hh = String(h).padStart(2, '0');
      const r = await log(u, h % 2 ? a : b, {
        started_at: at(`${hh}:00`),
        ended_at: at(`${hh}:30`),
      });
      ids.push(r.json().id);
    }
    const list = (qs: string) => t.app.inject({ url: `/time-entries?${qs}`, headers: u.headers });

    const all = await list('');
    expect(all.statusCode).toBe(200);
    expect(all.json().map((e: { id: number }) => e.id)).toEqual(ids);
    expect(all.headers['x-total-count']).toBe('6');
    expect(all.headers.link).toBe('</time-entries?limit=50&offset=0>; rel="first"');

    const page = await list('limit=2&offset=2');
    expect(page.json().map((e: { id: number }) => e.id)).toEqual(ids.slice(2, 4));
    expect(page.headers['x-total-count']).toBe('6');
    expect(page.headers.link).toBe(
      '</time-entries?limit=2&offset=0>; rel="first", ' +
        '</time-entries?limit=2&offset=0>; rel="prev", ' +
        '</time-entries?limit=2&offset=4>; rel="next"',
    );
    // The links keep the filters.
    const filtered = await list(`category=docs&limit=1&offset=1`);
    expect(filtered.headers.link).toBe(
      '</time-entries?category=docs&limit=1&offset=0>; rel="first", ' +
        '</time-entries?category=docs&limit=1&offset=0>; rel="prev", ' +
        '</time-entries?category=docs&limit=1&offset=2>; rel="next"',
    );

    const range = await list(`from=${at('02:00')}&to=${at('05:00')}`);
    expect(range.json().map((e: { id: number }) => e.id)).toEqual(ids.slice(1, 4));
    expect((await list(`task_id=${a}`)).json().map((e: { id: number }) => e.id)).toEqual([
      ids[0],
      ids[2],
      ids[4],
    ]);
    expect((await list('category=docs')).json().map((e: { id: number }) => e.id)).toEqual([
      ids[1],
      ids[3],
      ids[5],
    ]);
    expect((await list('category=docs&limit=1')).headers['x-total-count']).toBe('3');

    expect422(await list(`from=${at('05:00')}&to=${at('02:00')}`), 'query.to');
    expect422(await list('limit=201'), 'query.limit');
    expect422(await list('colour=red'), 'query.colour');
  });

  it('GET /tasks/{id}/time-entries lists one task, paginated', async () => {
    const { u, task } = await userWithTask();
    const other = await insertTask(t.app, u.id);
    const mine = [];
    for (const h of ['01', '02', '03']) {
      mine.push(
        (await log(u, task, { started_at: at(`${h}:00`), ended_at: at(`${h}:10`) })).json().id,
      );
    }
    await log(u, other, { started_at: at('04:00'), ended_at: at('04:10') });
    const res = await t.app.inject({
      url: `/tasks/${task}/time-entries?limit=2`,
      headers: u.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().map((e: { id: number }) => e.id)).toEqual(mine.slice(0, 2));
    expect(res.headers['x-total-count']).toBe('3');
    expect(res.headers.link).toBe(
      `</tasks/${task}/time-entries?limit=2&offset=0>; rel="first", ` +
        `</tasks/${task}/time-entries?limit=2&offset=2>; rel="next"`,
    );
  });
});

describe('ownership: another user gets 404 on every route', () => {
  it('task routes, entry routes, and filtered lists show nothing', async () => {
    const { u: owner, task } = await userWithTask({ category: 'secret' });
    const entry = (
      await log(owner, task, { started_at: at('09:00'), ended_at: at('10:00') })
    ).json();
    const intruder = await createUser(t.app);
    const h = intruder.headers;
    const attempts = [
      { method: 'GET' as const, url: `/tasks/${task}/time-entries` },
      {
        method: 'POST' as const,
        url: `/tasks/${task}/time-entries`,
        payload: { started_at: at('11:00'), ended_at: at('12:00') },
      },
      { method: 'POST' as const, url: `/tasks/${task}/start-timer` },
      { method: 'POST' as const, url: `/tasks/${task}/stop-timer` },
      { method: 'GET' as const, url: `/time-entries/${entry.id}` },
      { method: 'PATCH' as const, url: `/time-entries/${entry.id}`, payload: { note: 'mine now' } },
      { method: 'DELETE' as const, url: `/time-entries/${entry.id}` },
    ];
    for (const a of attempts) {
      const res = await t.app.inject({ ...a, headers: h });
      expect(res.statusCode, `${a.method} ${a.url}`).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
    const filtered = await t.app.inject({ url: `/time-entries?task_id=${task}`, headers: h });
    expect(filtered.json()).toEqual([]);
    expect(filtered.headers['x-total-count']).toBe('0');
    expect(
      (await t.app.inject({ url: '/time-entries?category=secret', headers: h })).json(),
    ).toEqual([]);

    // The owner's entry and total are untouched.
    const [row] = await dbEntries(t.app, owner.id);
    expect(row).toMatchObject({ id: entry.id, note: null, durationSeconds: 3600 });
    expect(await dbActualMinutes(t.app, task)).toBe(60);
    expect(await dbEntries(t.app, intruder.id)).toHaveLength(0);
  });
});
