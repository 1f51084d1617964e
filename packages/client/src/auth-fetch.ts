import type { Auth } from './auth.js';

export type Fetch = (request: Request) => Promise<Response>;

/**
 * Wraps fetch with authentication: each request gets the Authorization header of `auth`, and a
 * 401 is retried once after `auth.refresh()` says new credentials are in place. The retry is a
 * clone taken before the first send, so it carries the same body and the same Idempotency-Key
 * (a retried create never doubles). A second 401 is returned as is (the caller sees it thrown).
 * A request that already carries an Authorization header is sent untouched.
 */
export function withAuth(fetch: Fetch, auth: Auth): Fetch {
  const authorize = async (request: Request): Promise<string | undefined> => {
    const header = await auth.header();
    if (header !== undefined) request.headers.set('authorization', header);
    return header;
  };

  return async (request) => {
    if (request.headers.has('authorization')) return fetch(request);
    // Cloning tees the body, so only pay for it when a retry is possible.
    const retry = auth.refresh === undefined ? undefined : request.clone();
    const sent = await authorize(request);
    const response = await fetch(request);
    if (response.status !== 401 || retry === undefined || auth.refresh === undefined) {
      return response;
    }
    let renewed: boolean;
    try {
      renewed = await auth.refresh(sent);
    } catch (error) {
      await response.body?.cancel();
      throw error;
    }
    if (!renewed) return response;
    await response.body?.cancel();
    await authorize(retry);
    return fetch(retry);
  };
}
