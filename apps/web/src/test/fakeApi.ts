import type { Fetch } from '@devtrackr/client';
import { createApi, type Api } from '../api/client';

/** A handler answers one `METHOD /path` (query ignored); it may inspect the request. */
export type Handler = (request: Request) => Response | Promise<Response>;

/** The base URL tests use: Node's Request needs an absolute URL (the app itself uses ''). */
export const TEST_BASE_URL = 'http://devtrackr.test';

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** An RFC 9457 problem answer, shaped as the API sends it. */
export function problem(
  status: number,
  code: string,
  extra: { detail?: string; errors?: { location: string; message: string }[] } = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: code,
      status,
      code,
      detail: extra.detail ?? code,
      ...(extra.errors === undefined ? {} : { errors: extra.errors }),
    }),
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

/**
 * A fetch answering from `handlers` keyed "METHOD /path", recording every request it saw.
 * Unknown routes answer 404 so a test notices a call it did not expect. The refresh cookie
 * does not exist here: by default /auth/session/refresh answers 204, as the API does without
 * one (nobody signed in). RequireAuth's tests also cover the 401 of a dead cookie.
 */
export function fakeFetch(handlers: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetch: Fetch = async (request) => {
    requests.push(request.clone());
    const url = new URL(request.url);
    const handler =
      handlers[`${request.method} ${url.pathname}`] ??
      (url.pathname === '/auth/session/refresh'
        ? () => new Response(null, { status: 204 })
        : () => problem(404, 'route_not_found'));
    return handler(request);
  };
  return { fetch, requests };
}

/** An Api over a fake fetch: the SDK runs for real, only the network is replaced. */
export function fakeApi(handlers: Record<string, Handler>): Api & { requests: Request[] } {
  const { fetch, requests } = fakeFetch(handlers);
  return { ...createApi({ baseUrl: TEST_BASE_URL, fetch }), requests };
}

/** What POST /auth/session and /auth/session/refresh answer: an access token (in memory). */
export const sessionAnswer = (): Response =>
  json({ access_token: 'test-access-token', token_type: 'bearer', expires_in: 900 });

export const user = {
  id: 1,
  email: 'ada@example.com',
  full_name: 'Ada Lovelace',
  is_active: true,
  timezone: 'Europe/London',
  week_start: 'monday',
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
};
