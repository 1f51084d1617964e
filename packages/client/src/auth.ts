import { DevTrackrError } from './errors.js';
import type { RequestBody, ResponseData } from './models.js';

/** What POST /auth/login and POST /auth/refresh answer. */
export type TokenPair = ResponseData<'/auth/login', 'post'>;
/** The two tokens a session needs, e.g. as saved by a CLI between runs. */
export type SessionTokens = Pick<TokenPair, 'access_token' | 'refresh_token'>;
export type Credentials = Extract<RequestBody<'/auth/login', 'post'>, { email: string }>;

/**
 * How requests are authenticated. Pluggable so each client keeps its tokens where it should:
 * a script holds a personal access token, the CLI a JSON refresh token, the browser an access
 * token in memory and its refresh token in an HttpOnly cookie (cookieSession).
 */
export interface Auth {
  /** The Authorization header for the next request; undefined sends none. */
  header(): Promise<string | undefined>;
  /**
   * Called after a 401 to a request sent with `rejected` (the header it carried). Resolves true
   * when the credentials changed and the request is worth one retry. Concurrent callers MUST
   * share one renewal: refresh tokens are single use, and the API revokes the whole login when
   * one is presented twice. Absent: a 401 is final.
   */
  refresh?(rejected: string | undefined): Promise<boolean>;
}

/** The two token calls a session makes; createClient wires them to the API without credentials. */
export interface TokenEndpoints {
  login(credentials: Credentials): Promise<TokenPair>;
  refresh(refreshToken: string): Promise<TokenPair>;
}

/** A fixed bearer token: a personal access token (`dtk_…`) or an access token you manage. */
export function tokenAuth(token: string): Auth {
  const header = Promise.resolve(`Bearer ${token}`);
  return { header: () => header };
}

const bearer = (accessToken: string): string => `Bearer ${accessToken}`;

/** A 401 from the API: the credentials presented are no longer accepted. */
export const isUnauthorized = (error: unknown): boolean =>
  error instanceof DevTrackrError && error.status === 401;

/** What renewingAuth needs to know of a session. */
export interface Renewable {
  /** The access token in use; undefined when there is none. */
  accessToken(): string | undefined;
  /** The work that gets and keeps new tokens now, or undefined when nothing can. */
  renewal(): (() => Promise<void>) | undefined;
  /** Whether a request without a token renews first (a session that logs in on first use). */
  renewBeforeFirstRequest: boolean;
}

/** An Auth whose functions need no `this`, so they can be handed on one by one. */
export interface RenewingAuth {
  header: () => Promise<string | undefined>;
  refresh: (rejected: string | undefined) => Promise<boolean>;
  /** Runs `work` as the one renewal, or joins the renewal already in flight. */
  renew: (work: () => Promise<void>) => Promise<void>;
}

/**
 * The Auth of a session that renews its access token: every caller that needs new tokens while
 * a renewal is in flight awaits that one instead of starting its own (refresh tokens are single
 * use, and the API revokes the whole login when one is presented twice). Used by sessionAuth and
 * by the browser's cookieSession, which keep their tokens differently.
 */
export function renewingAuth(session: Renewable): RenewingAuth {
  // The one renewal in flight; every caller that needs new tokens awaits this promise.
  let renewal: Promise<void> | undefined;

  const renew = (work: () => Promise<void>): Promise<void> => {
    renewal ??= (async () => {
      try {
        await work();
      } finally {
        renewal = undefined;
      }
    })();
    return renewal;
  };

  return {
    renew,

    async header() {
      // A renewal in flight is about to replace the access token: wait for it rather than send
      // the old one, and fail with it if it fails (a wrong password is said once, to everyone).
      if (renewal !== undefined) await renewal;
      else if (session.accessToken() === undefined && session.renewBeforeFirstRequest) {
        const work = session.renewal();
        if (work !== undefined) await renew(work);
      }
      const token = session.accessToken();
      return token === undefined ? undefined : bearer(token);
    },

    async refresh(rejected) {
      let pending = renewal;
      if (pending === undefined) {
        // A request answered 401 after someone else renewed just retries with the new token.
        const token = session.accessToken();
        if (token !== undefined && bearer(token) !== rejected) return true;
        const work = session.renewal();
        if (work === undefined) return false;
        pending = renew(work);
      }
      try {
        await pending;
        return true;
      } catch (error) {
        if (isUnauthorized(error)) return false;
        throw error;
      }
    },
  };
}

/**
 * An email/password session (logs in on first use) or one resumed from saved tokens. A 401
 * refreshes once for everyone waiting; with credentials, a refresh token that is no longer
 * accepted falls back to a fresh login.
 */
export function sessionAuth(
  start: Credentials | SessionTokens,
  endpoints: TokenEndpoints,
  onTokens?: (tokens: TokenPair) => void,
): Auth {
  const credentials = 'email' in start ? start : undefined;
  let tokens: SessionTokens | undefined = 'refresh_token' in start ? start : undefined;

  const relogin = credentials === undefined ? undefined : () => endpoints.login(credentials);

  const refreshOrLogin = async (refreshToken: string): Promise<TokenPair> => {
    try {
      return await endpoints.refresh(refreshToken);
    } catch (error) {
      if (relogin !== undefined && isUnauthorized(error)) return relogin();
      throw error;
    }
  };

  /** Gets a pair and keeps it. */
  const keep = (work: () => Promise<TokenPair>) => async (): Promise<void> => {
    try {
      const pair = await work();
      tokens = pair;
      onTokens?.(pair);
    } catch (error) {
      // A refresh token the API no longer accepts is dead: forget it rather than replay it.
      if (isUnauthorized(error)) tokens = undefined;
      throw error;
    }
  };

  const { header, refresh } = renewingAuth({
    accessToken: () => tokens?.access_token,
    renewal: () => {
      const spent = tokens?.refresh_token;
      const work = spent === undefined ? relogin : () => refreshOrLogin(spent);
      return work === undefined ? undefined : keep(work);
    },
    renewBeforeFirstRequest: relogin !== undefined,
  });
  return { header, refresh };
}
