// The session strategy and the 401 retry on fakes, for the paths a real server rarely takes.
import { describe, expect, it, vi } from 'vitest';
import {
  createClient,
  sessionAuth,
  tokenAuth,
  type ClientOptions,
  type TokenEndpoints,
  type TokenPair,
} from '../src/index.js';
import { apiError, problemResponse } from './helpers.js';

const pair = (n: number): TokenPair => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  token_type: 'bearer',
  expires_in: 900,
});
const unauthorized = () => apiError(401, 'invalid_token');
const tick = () => new Promise((r) => setTimeout(r, 5));

function fakeEndpoints(overrides: Partial<TokenEndpoints> = {}) {
  let n = 0;
  const endpoints = {
    login: vi.fn(async () => {
      await tick();
      return pair(++n);
    }),
    refresh: vi.fn(async () => {
      await tick();
      return pair(++n);
    }),
    ...overrides,
  };
  return endpoints;
}

describe('sessionAuth', () => {
  it('logs in once, lazily, for concurrent first requests', async () => {
    const endpoints = fakeEndpoints();
    const onTokens = vi.fn();
    const auth = sessionAuth({ email: 'a@example.com', password: 'pw' }, endpoints, onTokens);
    const headers = await Promise.all([auth.header(), auth.header(), auth.header()]);
    expect(headers).toEqual(['Bearer access-1', 'Bearer access-1', 'Bearer access-1']);
    expect(endpoints.login).toHaveBeenCalledTimes(1);
    expect(onTokens).toHaveBeenCalledWith(pair(1));
  });

  it('shares one refresh, and skips it for a request rejected before the last renewal', async () => {
    const endpoints = fakeEndpoints();
    const auth = sessionAuth({ access_token: 'old', refresh_token: 'r0' }, endpoints);
    const results = await Promise.all([
      auth.refresh!('Bearer old'),
      auth.refresh!('Bearer old'),
      auth.refresh!('Bearer old'),
    ]);
    expect(results).toEqual([true, true, true]);
    expect(endpoints.refresh).toHaveBeenCalledTimes(1);
    expect(endpoints.refresh).toHaveBeenCalledWith('r0');
    // A late 401 for the old token: the token already changed, retry without refreshing.
    expect(await auth.refresh!('Bearer old')).toBe(true);
    expect(endpoints.refresh).toHaveBeenCalledTimes(1);
    expect(await auth.header()).toBe('Bearer access-1');
  });

  it('waits for a renewal in flight before sending a request', async () => {
    const endpoints = fakeEndpoints();
    const auth = sessionAuth({ access_token: 'old', refresh_token: 'r0' }, endpoints);
    const refreshing = auth.refresh!('Bearer old');
    expect(await auth.header()).toBe('Bearer access-1');
    await refreshing;
  });

  it('logs in again when the refresh token is refused and credentials are known', async () => {
    const endpoints = fakeEndpoints({ refresh: vi.fn(() => Promise.reject(unauthorized())) });
    const auth = sessionAuth({ email: 'a@example.com', password: 'pw' }, endpoints);
    expect(await auth.header()).toBe('Bearer access-1');
    expect(await auth.refresh!('Bearer access-1')).toBe(true);
    expect(endpoints.login).toHaveBeenCalledTimes(2);
    expect(await auth.header()).toBe('Bearer access-2');
  });

  it('gives up (no retry) when a resumed session cannot be refreshed', async () => {
    const endpoints = fakeEndpoints({ refresh: vi.fn(() => Promise.reject(unauthorized())) });
    const auth = sessionAuth({ access_token: 'old', refresh_token: 'r0' }, endpoints);
    expect(await auth.refresh!('Bearer old')).toBe(false);
    // The dead tokens are forgotten: nothing left to send or to refresh with.
    expect(await auth.header()).toBeUndefined();
    expect(await auth.refresh!(undefined)).toBe(false);
    expect(endpoints.refresh).toHaveBeenCalledTimes(1);
  });

  it('passes on a refresh failure that is not a 401 (e.g. the network)', async () => {
    const down = apiError(0, 'network_error');
    const endpoints = fakeEndpoints({ refresh: vi.fn(() => Promise.reject(down)) });
    const auth = sessionAuth({ access_token: 'old', refresh_token: 'r0' }, endpoints);
    await expect(auth.refresh!('Bearer old')).rejects.toBe(down);
  });

  it('passes on a failed login to every waiting request, after one attempt', async () => {
    const refused = apiError(401, 'invalid_credentials');
    const endpoints = fakeEndpoints({ login: vi.fn(() => Promise.reject(refused)) });
    const auth = sessionAuth({ email: 'a@example.com', password: 'wrong' }, endpoints);
    const attempts = [auth.header(), auth.header(), auth.header()];
    for (const attempt of attempts) await expect(attempt).rejects.toBe(refused);
    expect(endpoints.login).toHaveBeenCalledTimes(1);
  });
});

describe('the 401 retry', () => {
  const ok = () => Response.json({ status: 'ok' });
  const denied = () => problemResponse(401, 'invalid_token');

  it('retries once after a refresh, then throws the second 401', async () => {
    const calls: string[] = [];
    const client = createClient({
      baseUrl: 'http://api.test',
      session: { access_token: 'a0', refresh_token: 'r0' },
      fetch: (request) => {
        const path = new URL(request.url).pathname;
        calls.push(`${path} ${request.headers.get('authorization') ?? '-'}`);
        if (path === '/auth/refresh') return Promise.resolve(Response.json(pair(1)));
        return Promise.resolve(denied());
      },
    });
    const error = await client.GET('/auth/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
    expect(calls).toEqual(['/auth/me Bearer a0', '/auth/refresh -', '/auth/me Bearer access-1']);
  });

  it('sends the body again on the retry', async () => {
    const bodies: string[] = [];
    let first = true;
    const client = createClient({
      baseUrl: 'http://api.test',
      session: { access_token: 'a0', refresh_token: 'r0' },
      fetch: async (request) => {
        if (request.url.endsWith('/auth/refresh')) return Response.json(pair(1));
        bodies.push(await request.text());
        if (first) {
          first = false;
          return denied();
        }
        return Response.json({ id: 1 }, { status: 201 });
      },
    });
    await client.POST('/tasks', { body: { title: 'twice sent' } });
    expect(bodies).toEqual(['{"title":"twice sent"}', '{"title":"twice sent"}']);
  });

  /** A client whose fake API answers 200 and records each request's Authorization header. */
  const headerRecorder = (options: Omit<ClientOptions, 'baseUrl' | 'fetch'>) => {
    const seen: (string | null)[] = [];
    const client = createClient({
      ...options,
      baseUrl: 'http://api.test',
      fetch: (request) => {
        seen.push(request.headers.get('authorization'));
        return Promise.resolve(ok());
      },
    });
    return { client, seen };
  };

  it('leaves a request with its own Authorization header alone', async () => {
    const { client, seen } = headerRecorder({ token: 'dtk_default' });
    await client.GET('/health');
    await client.GET('/health', { headers: { authorization: 'Bearer other' } });
    expect(seen).toEqual(['Bearer dtk_default', 'Bearer other']);
  });

  it('takes a custom Auth strategy', async () => {
    const { client, seen } = headerRecorder({ auth: tokenAuth('custom'), token: 'ignored' });
    await client.GET('/health');
    expect(seen).toEqual(['Bearer custom']);
    expect(await client.auth?.header()).toBe('Bearer custom');
  });

  it('cancels the 401 and passes on the error when the refresh itself fails', async () => {
    const client = createClient({
      baseUrl: 'http://api.test',
      session: { access_token: 'a0', refresh_token: 'r0' },
      fetch: (request) =>
        request.url.endsWith('/auth/refresh')
          ? Promise.reject(new TypeError('fetch failed'))
          : Promise.resolve(denied()),
    });
    const error = await client.GET('/auth/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });
});
