// Refresh against the real API, whose refresh tokens are single use: presenting one twice
// revokes the whole login. Concurrent 401s must therefore share one refresh.
import { describe, expect, it } from 'vitest';
import { createClient, DevTrackrError, type TokenPair } from '../src/index.js';
import { apiUrl, loginTokens, recordingFetch, registerUser } from './helpers.js';

describe('session refresh (real API)', () => {
  it('makes exactly one refresh for concurrent 401s, and every request succeeds', async () => {
    const email = await registerUser();
    const { refresh_token } = await loginTokens(email);
    // Hold the first wave's answers until all six are in, then hand them over together: every
    // 401 reaches the SDK before any refresh can finish, however the server orders its work.
    const BOGUS = 'Bearer not-a-valid-jwt';
    let arrived = 0;
    let release = (): void => undefined;
    const wave = new Promise<void>((resolve) => {
      release = resolve;
    });
    const recorder = recordingFetch(async (request) => {
      const bogus = request.headers.get('authorization') === BOGUS;
      const response = await fetch(request);
      if (bogus) {
        if (++arrived === 6) release();
        await wave;
      }
      return response;
    });
    const renewed: TokenPair[] = [];
    const client = createClient({
      baseUrl: apiUrl(),
      // An access token the API rejects, with a valid refresh token: the first wave all get 401.
      session: { access_token: 'not-a-valid-jwt', refresh_token },
      fetch: recorder.fetch,
      onTokens: (pair) => renewed.push(pair),
    });

    const results = await Promise.all([
      client.GET('/auth/me'),
      client.GET('/tasks'),
      client.GET('/timer'),
      client.GET('/metrics/summary'),
      client.POST('/tasks', { body: { title: 'made during a refresh' } }),
      client.GET('/tasks', { params: { query: { limit: 1 } } }),
    ]);

    expect(arrived).toBe(6);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200, 200, 201, 200]);
    expect(results[0].data.email).toBe(email);
    expect(recorder.seen.filter((r) => r.path === '/auth/refresh')).toHaveLength(1);
    expect(renewed).toHaveLength(1);
    // Every request went out twice at most: once rejected, once with the new token.
    const newHeader = `Bearer ${renewed[0]!.access_token}`;
    const retried = recorder.seen.filter((r) => r.headers.get('authorization') === newHeader);
    expect(retried).toHaveLength(6);

    // The session is alive (not revoked by a replayed refresh token)...
    expect((await client.GET('/auth/me')).data.email).toBe(email);
    // ...and the first refresh token was spent: presenting it again is refused.
    const replay = await createClient({ baseUrl: apiUrl() })
      .POST('/auth/refresh', { body: { refresh_token } })
      .catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(DevTrackrError);
    expect(replay).toMatchObject({ status: 401 });
  });

  it('throws the 401 when the refresh token is no longer accepted', async () => {
    const client = createClient({
      baseUrl: apiUrl(),
      session: { access_token: 'not-a-valid-jwt', refresh_token: 'dtr_unknown' },
    });
    const error = await client.GET('/auth/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevTrackrError);
    expect(error).toMatchObject({ status: 401 });
  });
});
