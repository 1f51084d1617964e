import { describe, expect, it } from 'vitest';
import { createClient, DevTrackrError } from '../src/index.js';
import { apiUrl, sessionClient } from './helpers.js';

const caught = (promise: Promise<unknown>): Promise<DevTrackrError> =>
  promise.then(
    () => {
      throw new Error('expected the call to throw');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(DevTrackrError);
      return error as DevTrackrError;
    },
  );

describe('errors (real API)', () => {
  it('throws a 422 with the field that failed', async () => {
    const { client } = await sessionClient();
    const error = await caught(client.POST('/tasks', { body: { title: '' } }));
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.errors[0]?.location).toBe('body.title');
    expect(error.requestId).toBeTruthy();
    expect(error.message).toContain('body.title');
  });

  it("answers 404 for another user's task, exactly like a missing one", async () => {
    const { client: alice } = await sessionClient();
    const { client: bob } = await sessionClient();
    const task = (await alice.POST('/tasks', { body: { title: 'private' } })).data;

    const read = await caught(bob.GET('/tasks/{id}', { params: { path: { id: task.id } } }));
    expect(read).toMatchObject({ status: 404, code: 'not_found' });
    const write = await caught(
      bob.PATCH('/tasks/{id}', { params: { path: { id: task.id } }, body: { title: 'mine' } }),
    );
    expect(write).toMatchObject({ status: 404, code: 'not_found' });
    // Alice's task is untouched.
    expect((await alice.GET('/tasks/{id}', { params: { path: { id: task.id } } })).data.title).toBe(
      'private',
    );
  });

  it('throws a 401 for a token the API does not know, without retrying', async () => {
    const client = createClient({ baseUrl: apiUrl(), token: 'dtk_not-a-real-token' });
    const error = await caught(client.GET('/tasks'));
    expect(error.status).toBe(401);
  });
});
