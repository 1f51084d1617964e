import { describe, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import {
  apiUrl,
  loginTokens,
  problemResponse,
  recordingFetch,
  registerUser,
  sessionClient,
} from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Idempotency-Key (real API)', () => {
  it('sends a fresh key on each create, none elsewhere, and keeps a key the caller gives', async () => {
    const recorder = recordingFetch();
    const { client } = await sessionClient({ fetch: recorder.fetch });
    const a = await client.POST('/tasks', { body: { title: 'a' } });
    await client.POST('/tasks', { body: { title: 'b' } });
    await client.POST('/tasks/{id}/time-entries', {
      params: { path: { id: a.data.id } },
      body: {
        started_at: new Date(Date.now() - 3_600_000).toISOString(),
        ended_at: new Date(Date.now() - 1_800_000).toISOString(),
      },
    });
    await client.GET('/tasks');
    await client.POST('/tasks/{id}/start-timer', { params: { path: { id: a.data.id } } });

    const key = (method: string, path: string) =>
      recorder.seen
        .filter((r) => r.method === method && r.path === path)
        .map((r) => r.headers.get('idempotency-key'));
    const taskKeys = key('POST', '/tasks');
    expect(taskKeys).toHaveLength(2);
    for (const k of taskKeys) expect(k).toMatch(UUID);
    expect(taskKeys[0]).not.toBe(taskKeys[1]);
    expect(key('POST', `/tasks/${a.data.id}/time-entries`)[0]).toMatch(UUID);
    expect(key('GET', '/tasks')).toEqual([null]);
    expect(key('POST', `/tasks/${a.data.id}/start-timer`)).toEqual([null]);

    const mine = 'my-own-key-1';
    const first = await client.POST('/tasks', {
      params: { header: { 'idempotency-key': mine } },
      body: { title: 'c' },
    });
    const again = await client.POST('/tasks', {
      params: { header: { 'idempotency-key': mine } },
      body: { title: 'c' },
    });
    expect(again.data.id).toBe(first.data.id);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
  });

  it('reuses the key when the SDK retries after a 401, so the create happens once', async () => {
    const email = await registerUser();
    const tokens = await loginTokens(email);
    // The first POST /tasks reaches the API (and creates the task), but its answer is lost and
    // replaced by a 401, as when a token expires at the wrong moment. The SDK refreshes and
    // retries: the same key makes the API replay the first answer instead of creating again.
    let lost = false;
    const recorder = recordingFetch(async (request) => {
      const response = await fetch(request);
      if (!lost && request.method === 'POST' && new URL(request.url).pathname === '/tasks') {
        lost = true;
        await response.body?.cancel();
        return problemResponse(401, 'invalid_token');
      }
      return response;
    });
    const client = createClient({ baseUrl: apiUrl(), session: tokens, fetch: recorder.fetch });

    const created = await client.POST('/tasks', { body: { title: 'only once' } });

    expect(created.response.headers.get('idempotent-replayed')).toBe('true');
    const attempts = recorder.seen.filter((r) => r.method === 'POST' && r.path === '/tasks');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.headers.get('idempotency-key')).toMatch(UUID);
    expect(attempts[1]!.headers.get('idempotency-key')).toBe(
      attempts[0]!.headers.get('idempotency-key'),
    );
    const { data: tasks, response } = await client.GET('/tasks');
    expect(response.headers.get('x-total-count')).toBe('1');
    expect(tasks.map((t) => t.id)).toEqual([created.data.id]);
  });
});
