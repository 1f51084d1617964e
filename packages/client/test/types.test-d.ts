// Compile-time guarantees of the typed client, checked by `vitest --typecheck` (tsc). Nothing
// here runs: each @ts-expect-error fails the suite if the line below it ever compiles.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createClient,
  DevTrackrError,
  type ErrorCode,
  type ProblemCode,
  type Task,
  type TimeEntry,
} from '../src/index.js';

const client = createClient({ baseUrl: 'http://api.test', token: 'dtk_x' });

describe('request types', () => {
  it('rejects a misspelled body field', () => {
    void client.POST('/tasks', {
      // @ts-expect-error estimated_minute is not a field (estimated_minutes is)
      body: { title: 'x', estimated_minute: 5 },
    });
    void client.POST('/tasks', { body: { title: 'x', estimated_minutes: 5 } });
  });

  it('rejects a status outside the enum', () => {
    void client.PATCH('/tasks/{id}', {
      params: { path: { id: 1 } },
      // @ts-expect-error 'finished' is not a task status
      body: { status: 'finished' },
    });
    void client.PATCH('/tasks/{id}', { params: { path: { id: 1 } }, body: { status: 'done' } });
  });

  it('rejects a path the API does not have, or with the wrong method', () => {
    // @ts-expect-error there is no /task path
    void client.GET('/task');
    // @ts-expect-error /tasks/{id}/start-timer is POST only
    void client.GET('/tasks/{id}/start-timer', { params: { path: { id: 1 } } });
    void client.GET('/tasks');
  });

  it('requires what the operation requires', () => {
    // @ts-expect-error the path parameter id is required
    void client.GET('/tasks/{id}');
    // @ts-expect-error a task needs a title
    void client.POST('/tasks', { body: { priority: 'high' } });
    // @ts-expect-error ids are integers, not strings
    void client.GET('/tasks/{id}', { params: { path: { id: '1' } } });
  });
});

describe('response types', () => {
  it('types data by path, method and parseAs', async () => {
    expectTypeOf(
      (await client.GET('/tasks/{id}', { params: { path: { id: 1 } } })).data,
    ).toEqualTypeOf<Task>();
    expectTypeOf((await client.GET('/tasks')).data).toEqualTypeOf<Task[]>();
    expectTypeOf(
      (await client.DELETE('/tasks/{id}', { params: { path: { id: 1 } } })).data,
    ).toEqualTypeOf<undefined>();
    const csv = await client.GET('/tasks/export', {
      params: { query: { format: 'csv' } },
      parseAs: 'text',
    });
    expectTypeOf(csv.data).toEqualTypeOf<string>();
    expectTypeOf(csv.response).toEqualTypeOf<Response>();
  });

  it('types paginate items by path', () => {
    expectTypeOf(client.paginate('/tasks')).toEqualTypeOf<AsyncGenerator<Task, void, undefined>>();
    expectTypeOf(
      client.paginate('/time-entries', { params: { query: { limit: 10, offset: 0 } } }),
    ).toEqualTypeOf<AsyncGenerator<TimeEntry, void, undefined>>();
    // @ts-expect-error /timer is not a list
    void client.paginate('/timer');
  });

  it('types error codes from the spec', () => {
    expectTypeOf<DevTrackrError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<'validation_failed'>().toExtend<ProblemCode>();
    expectTypeOf<'timeout'>().toExtend<ErrorCode>();
    // @ts-expect-error not a code the API or the SDK uses
    const code: ErrorCode = 'validation_error';
    expectTypeOf(code).toEqualTypeOf<ErrorCode>();
  });

  it('types task aliases from the schema', () => {
    expectTypeOf<Task['status']>().toEqualTypeOf<'todo' | 'doing' | 'done'>();
    expectTypeOf<Task['estimated_minutes']>().toEqualTypeOf<number | null>();
  });
});
