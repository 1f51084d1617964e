// Timeouts, aborts and failures without an answer, on fake fetches (no server needed).
import { describe, expect, it } from 'vitest';
import { createClient, DevTrackrError } from '../src/index.js';
import { problemResponse } from './helpers.js';

const baseUrl = 'http://api.test';
/** Never answers and ignores its signal: the SDK must still give up on time. */
const silent = () => new Promise<Response>(() => undefined);
/** Never answers but rejects when its request's signal aborts, like a real fetch. */
const hanging = (request: Request) =>
  new Promise<Response>((_, reject) => {
    request.signal.addEventListener('abort', () => {
      reject(new DOMException('aborted', 'AbortError'));
    });
  });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as DevTrackrError,
  );

describe('timeouts and aborts', () => {
  it('fails with code timeout when the fetch never answers', async () => {
    const client = createClient({ baseUrl, fetch: silent, timeoutMs: 50 });
    const started = Date.now();
    const error = await failure(client.GET('/health'));
    expect(error).toBeInstanceOf(DevTrackrError);
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets one call override the default timeout', async () => {
    const client = createClient({ baseUrl, fetch: hanging, timeoutMs: 60_000 });
    const error = await failure(client.GET('/health', { timeoutMs: 30 }));
    expect(error).toMatchObject({ status: 0, code: 'timeout' });
    expect(error.cause).toBeDefined();
  });

  it("fails with code aborted when the caller's signal aborts", async () => {
    const client = createClient({ baseUrl, fetch: hanging });
    const controller = new AbortController();
    const pending = failure(client.GET('/health', { signal: controller.signal }));
    controller.abort(new Error('user left'));
    const error = await pending;
    expect(error).toMatchObject({ status: 0, code: 'aborted' });
    expect((error.cause as Error).message).toBe('user left');
  });

  it('fails at once for a signal that is already aborted', async () => {
    let calls = 0;
    const client = createClient({
      baseUrl,
      fetch: () => {
        calls++;
        return silent();
      },
    });
    const error = await failure(client.GET('/health', { signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ code: 'aborted' });
    expect(calls).toBeLessThanOrEqual(1);
  });

  it('can run without a time limit', async () => {
    const client = createClient({
      baseUrl,
      timeoutMs: Infinity,
      fetch: () => Promise.resolve(Response.json({ status: 'ok' })),
    });
    expect((await client.GET('/health')).data).toEqual({ status: 'ok' });
  });

  it('reports a connection failure as network_error, with the cause', async () => {
    const refused = new TypeError('fetch failed');
    const client = createClient({ baseUrl, fetch: () => Promise.reject(refused) });
    const error = await failure(client.GET('/health'));
    expect(error).toMatchObject({ status: 0, code: 'network_error', detail: 'fetch failed' });
    expect(error.cause).toBe(refused);
  });
});

describe('error answers without a problem document', () => {
  it('gives http_error with the status, and reads Retry-After', async () => {
    const client = createClient({
      baseUrl,
      fetch: () =>
        Promise.resolve(
          new Response('<html>Bad gateway</html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'content-type': 'text/html', 'retry-after': '7', 'x-request-id': 'r-1' },
          }),
        ),
    });
    const error = await failure(client.GET('/health'));
    expect(error).toMatchObject({
      status: 502,
      code: 'http_error',
      title: 'Bad Gateway',
      retryAfter: 7,
      requestId: 'r-1',
      errors: [],
    });
  });

  it('keeps a 429 problem and its Retry-After', async () => {
    const client = createClient({
      baseUrl,
      fetch: () => Promise.resolve(problemResponse(429, 'rate_limited', { 'retry-after': '30' })),
    });
    const error = await failure(
      client.POST('/auth/login', { body: { email: 'a', password: 'b' } }),
    );
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 30 });
    expect(error.problem).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('handles an empty error answer', async () => {
    const client = createClient({
      baseUrl,
      fetch: () => Promise.resolve(new Response(null, { status: 500 })),
    });
    expect(await failure(client.GET('/health'))).toMatchObject({
      status: 500,
      code: 'http_error',
      title: 'HTTP 500',
    });
  });
});
