import { isUnauthorized, renewingAuth, type Auth, type Credentials } from './auth.js';
import type { Fetch } from './auth-fetch.js';
import { createClient } from './client.js';

export interface CookieSession extends Auth {
  /** POST /auth/session: the refresh token goes to the HttpOnly cookie, the access token stays in memory here. Throws DevTrackrError (e.g. 401 invalid_credentials, 422, 429). */
  signIn(credentials: Credentials): Promise<void>;
  /** POST /auth/session/refresh, e.g. after a page load: true when a session was resumed, false when there is none (401). */
  resume(): Promise<boolean>;
  /** POST /auth/session/logout; forgets the access token even if the call fails. */
  signOut(): Promise<void>;
  /** True while an access token is held. */
  readonly signedIn: boolean;
  /** Called with the new state whenever it changes (sign in, resume, sign out, a refresh that failed). Returns an unsubscribe function. */
  subscribe(listener: (signedIn: boolean) => void): () => void;
}

/**
 * What the three session calls send besides their body: the header the API requires against
 * CSRF, and the cookie (same origin only: the app is served by the API it talks to).
 */
const SESSION_CALL = {
  headers: { 'X-DevTrackr-CSRF': '1' },
  credentials: 'same-origin',
} as const;

/** The part of the Web Locks API the session uses (navigator.locks in every current browser). */
interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The lock the session calls of every tab of this origin share. */
const SESSION_LOCK = 'devtrackr-session';

/**
 * Runs a session call under a lock shared by every tab of the origin. The tabs share one cookie:
 * two tabs refreshing at once (a browser restoring its tabs, a laptop waking up) would present
 * the same refresh token twice, and the API revokes a login whose refresh token comes back. Under
 * the lock the second tab's request leaves after the first one's answer has replaced the cookie,
 * so it presents the new one. Where there is no Web Locks API (Node), one tab is all there is.
 */
function acrossTabs<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return locks === undefined ? work() : locks.request(SESSION_LOCK, work);
}

/**
 * The browser's session (DESIGN.md §6): the refresh token lives in an HttpOnly cookie the API
 * sets, out of reach of any script; the access token lives only in this closure, never in web
 * storage, so a reload starts without one and `resume()` gets a new one from the cookie.
 *
 * ```ts
 * const session = cookieSession();
 * const api = createClient({ baseUrl: '', auth: session });
 * ```
 */
export function cookieSession(options: { baseUrl?: string; fetch?: Fetch } = {}): CookieSession {
  // The session calls themselves go out without an access token and without the 401 retry.
  const api = createClient({
    baseUrl: options.baseUrl ?? '',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  let accessToken: string | undefined;
  const listeners = new Set<(signedIn: boolean) => void>();

  const adopt = (token: string | undefined): void => {
    const was = accessToken !== undefined;
    accessToken = token;
    const now = token !== undefined;
    if (was !== now) for (const listener of [...listeners]) listener(now);
  };

  // The browser holds one refresh token: two cookie calls in flight would race to replace it
  // (and a refresh could present one that the other just spent). They run one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(() => acrossTabs(work));
    queue = run.catch(() => undefined);
    return run;
  };

  const renewFromCookie = (): Promise<void> =>
    oneAtATime(async () => {
      try {
        const { data } = await api.POST('/auth/session/refresh', SESSION_CALL);
        // 204: no cookie, so no session (a signed-out browser's page load, not an error).
        adopt(data?.access_token);
      } catch (error) {
        // No cookie, or a dead one (the API has just cleared it): signed out.
        if (isUnauthorized(error)) adopt(undefined);
        throw error;
      }
    });

  const auth = renewingAuth({
    accessToken: () => accessToken,
    // Signed out, a 401 is final: resume() is the app's explicit way back in.
    renewal: () => (accessToken === undefined ? undefined : renewFromCookie),
    renewBeforeFirstRequest: false,
  });

  return {
    header: auth.header,
    refresh: auth.refresh,

    signIn: (credentials) =>
      oneAtATime(async () => {
        const { data } = await api.POST('/auth/session', { ...SESSION_CALL, body: credentials });
        adopt(data.access_token);
      }),

    async resume() {
      try {
        // Joins a renewal in flight (a page's effects may call this twice at once).
        await auth.renew(renewFromCookie);
        return accessToken !== undefined;
      } catch (error) {
        if (isUnauthorized(error)) return false;
        throw error;
      }
    },

    signOut: () =>
      oneAtATime(async () => {
        try {
          await api.POST('/auth/session/logout', SESSION_CALL);
        } finally {
          adopt(undefined);
        }
      }),

    get signedIn() {
      return accessToken !== undefined;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
