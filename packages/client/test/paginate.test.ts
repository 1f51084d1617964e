import { describe, expect, it } from 'vitest';
import { recordingFetch, sessionClient } from './helpers.js';

const MINUTE = 60_000;

describe('paginate (real API)', () => {
  it('walks every page of /tasks by cursor, each task once and in order', async () => {
    const recorder = recordingFetch();
    const { client } = await sessionClient({ fetch: recorder.fetch });
    const created: number[] = [];
    for (let i = 1; i <= 7; i++) {
      created.push((await client.POST('/tasks', { body: { title: `task ${i}` } })).data.id);
    }
    recorder.seen.length = 0;

    const ids: number[] = [];
    for await (const task of client.paginate('/tasks', { params: { query: { limit: 3 } } })) {
      ids.push(task.id);
    }

    expect(ids).toEqual(created);
    const pages = recorder.seen.filter((r) => r.method === 'GET' && r.path === '/tasks');
    expect(pages).toHaveLength(3); // 3 + 3 + 1
  });

  it('keeps filters and sort across pages', async () => {
    const { client } = await sessionClient();
    const todo: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const status = i % 2 === 0 ? 'done' : 'todo';
      const { data } = await client.POST('/tasks', { body: { title: `task ${i}`, status } });
      if (status === 'todo') todo.push(data.id);
    }

    const ids: number[] = [];
    const pages = client.paginate('/tasks', {
      params: { query: { status: ['todo'], sort: '-id', limit: 2 } },
    });
    for await (const task of pages) {
      expect(task.status).toBe('todo');
      ids.push(task.id);
    }
    expect(ids).toEqual(todo.reverse());
  });

  it('follows offset links on lists without a cursor, keeping path params', async () => {
    const { client } = await sessionClient();
    const task = (await client.POST('/tasks', { body: { title: 'logged' } })).data;
    const start = Date.now() - 10 * 60 * MINUTE;
    const minutes = [5, 10, 15, 20, 25];
    for (const [i, m] of minutes.entries()) {
      const from = start + i * 30 * MINUTE;
      await client.POST('/tasks/{id}/time-entries', {
        params: { path: { id: task.id } },
        body: {
          started_at: new Date(from).toISOString(),
          ended_at: new Date(from + m * MINUTE).toISOString(),
        },
      });
    }

    const seconds: (number | null)[] = [];
    const entries = client.paginate('/tasks/{id}/time-entries', {
      params: { path: { id: task.id }, query: { limit: 2, offset: 0 } },
    });
    for await (const entry of entries) seconds.push(entry.duration_seconds);
    expect(seconds).toEqual(minutes.map((m) => m * 60));

    const all: number[] = [];
    const query = { limit: 2, offset: 0, task_id: task.id };
    for await (const entry of client.paginate('/time-entries', { params: { query } })) {
      all.push(entry.duration_seconds ?? 0);
    }
    expect(all.reduce((a, b) => a + b, 0)).toBe(75 * 60);
  });
});
