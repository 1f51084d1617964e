// A user's day, driven only through the SDK against the real API: register, log in, tasks, a
// timer, logged time, metrics, exports, then a personal access token used by a second client.
import { describe, expect, it } from 'vitest';
import { createClient, DevTrackrError, type Task } from '../src/index.js';
import { apiUrl, PASSWORD, registerUser } from './helpers.js';

const MINUTE = 60_000;

describe('scenario against the real API', () => {
  it('tracks tasks and time, reports on them and hands out a working personal token', async () => {
    const email = await registerUser();
    const tokens: string[] = [];
    const client = createClient({
      baseUrl: apiUrl(),
      session: { email, password: PASSWORD },
      onTokens: (pair) => tokens.push(pair.refresh_token),
    });

    const me = await client.GET('/auth/me');
    expect(me.data.email).toBe(email);
    expect(tokens).toHaveLength(1); // logged in once, lazily, on the first call

    const backend: Task = (
      await client.POST('/tasks', {
        body: { title: 'Write the migration', category: 'backend', estimated_minutes: 60 },
      })
    ).data;
    const docs = (
      await client.POST('/tasks', {
        body: { title: 'Document the API', category: 'docs', priority: 'high', tags: ['API'] },
      })
    ).data;
    expect(backend).toMatchObject({ title: 'Write the migration', status: 'todo' });
    expect(docs.tags).toEqual(['api']);

    // Timer: start, see it running, stop.
    const started = await client.POST('/tasks/{id}/start-timer', {
      params: { path: { id: backend.id } },
    });
    expect(started.data.timer_started_at).not.toBeNull();
    const timer = await client.GET('/timer');
    expect(timer.data.running).toBe(true);
    expect(timer.data.task?.id).toBe(backend.id);
    const stopped = await client.POST('/tasks/{id}/stop-timer', {
      params: { path: { id: backend.id } },
    });
    expect(stopped.data.timer_started_at).toBeNull();
    expect((await client.GET('/timer')).data.running).toBe(false);

    // Logged time, three hours ago (clear of the timer's entry): 25 and 40 minutes.
    const base = Date.now() - 3 * 60 * MINUTE;
    const log = async (taskId: number, from: number, minutes: number) =>
      client.POST('/tasks/{id}/time-entries', {
        params: { path: { id: taskId } },
        body: {
          started_at: new Date(from).toISOString(),
          ended_at: new Date(from + minutes * MINUTE).toISOString(),
          note: `${minutes} minutes`,
        },
      });
    await log(backend.id, base, 25);
    await log(docs.id, base + 30 * MINUTE, 40);

    // The timer ran for milliseconds; remove its entry so every number below is what we logged.
    const entries = (
      await client.GET('/time-entries', { params: { query: { limit: 50, offset: 0 } } })
    ).data;
    const timerEntries = entries.filter((e) => e.source === 'timer');
    expect(timerEntries).toHaveLength(1);
    for (const entry of timerEntries) {
      await client.DELETE('/time-entries/{id}', { params: { path: { id: entry.id } } });
    }
    const logged = (
      await client.GET('/time-entries', { params: { query: { limit: 50, offset: 0 } } })
    ).data;
    expect(logged.map((e) => [e.task_id, e.duration_seconds])).toEqual([
      [backend.id, 25 * 60],
      [docs.id, 40 * 60],
    ]);
    expect(
      (await client.GET('/tasks/{id}', { params: { path: { id: backend.id } } })).data,
    ).toMatchObject({ actual_minutes: 25, estimated_minutes: 60 });

    // Metrics over the last two local days (three hours ago may be yesterday in UTC).
    const summary = (await client.GET('/metrics/summary', { params: { query: { days: 2 } } })).data;
    expect(summary.tracked_minutes).toBe(25 + 40);
    const categories = (await client.GET('/metrics/categories', { params: { query: { days: 2 } } }))
      .data;
    const byCategory = Object.fromEntries(
      categories.categories.map((c) => [c.category, c.tracked_minutes]),
    );
    expect(byCategory).toEqual({ backend: 25, docs: 40 });

    // Exports: CSV as text, JSON as typed rows.
    const csv = await client.GET('/time-entries/export', {
      params: { query: { format: 'csv' } },
      parseAs: 'text',
    });
    expect(csv.response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.data.trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 2);
    expect(lines[1]).toContain('Write the migration');
    expect(lines[2]).toContain('Document the API');
    const json = (
      await client.GET('/time-entries/export', { params: { query: { format: 'json' } } })
    ).data;
    expect(json.map((row) => row.task_title)).toEqual(['Write the migration', 'Document the API']);
    expect(json.reduce((sum, row) => sum + (row.duration_seconds ?? 0), 0)).toBe(65 * 60);

    // A read-only personal access token, used by a second client.
    const pat = (
      await client.POST('/auth/tokens', { body: { name: 'ci', scopes: ['tasks:read'] } })
    ).data;
    expect(pat.token).toMatch(/^dtk_/);
    const script = createClient({ baseUrl: apiUrl(), token: pat.token });
    const titles: string[] = [];
    for await (const task of script.paginate('/tasks')) titles.push(task.title);
    expect(titles).toEqual(['Write the migration', 'Document the API']);
    const denied = await script
      .POST('/tasks', { body: { title: 'not allowed' } })
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(DevTrackrError);
    expect(denied).toMatchObject({ status: 403, code: 'insufficient_scope' });
  });
});
