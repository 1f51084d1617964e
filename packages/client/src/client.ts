import createFetchClient, { type Client } from 'openapi-fetch';
import type { HttpMethod } from 'openapi-typescript-helpers';
import {
  sessionAuth,
  tokenAuth,
  type Auth,
  type Credentials,
  type SessionTokens,
  type TokenEndpoints,
  type TokenPair,
} from './auth.js';
import { withAuth, type Fetch } from './auth-fetch.js';
import { DevTrackrError } from './errors.js';
import type { paths } from './generated/schema.js';
import { idempotencyKeys } from './idempotency.js';
import type { CallArgs, CallExtras, CallMethod, CallResult } from './methods.js';
import type { ListItem, ListPath, Operation } from './models.js';
import { firstPageQuery, linkQuery, nextLink } from './paginate.js';
import { callSignal } from './timeout.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface ClientOptions {
  /** The API root, e.g. `http://127.0.0.1:8000`. */
  baseUrl: string;
  /** A personal access token (`dtk_…`) or any bearer token, sent as is. */
  token?: string;
  /** Email and password (logs in on first use), or saved tokens to resume a session. */
  session?: Credentials | SessionTokens;
  /** Your own strategy (e.g. the browser's HttpOnly-cookie refresh); wins over token/session. */
  auth?: Auth;
  /** Called with every new token pair (login, refresh), e.g. to save it. */
  onTokens?: (tokens: TokenPair) => void;
  /** The fetch to use (default: globalThis.fetch), e.g. to add logging or for tests. */
  fetch?: Fetch;
  /** Default time limit of each call in ms (default 30 s); `Infinity` for none. */
  timeoutMs?: number;
}

export interface DevTrackrClient {
  GET: CallMethod<'get'>;
  POST: CallMethod<'post'>;
  PATCH: CallMethod<'patch'>;
  DELETE: CallMethod<'delete'>;
  /**
   * Every item of a list, page after page, following the `Link: rel="next"` URLs. Lists with a
   * keyset cursor (GET /tasks) are walked by cursor. `init` is the first page's options.
   */
  paginate<P extends ListPath>(
    path: P,
    ...init: CallArgs<Operation<P, 'get'>, 'json'>
  ): AsyncGenerator<ListItem<P>, void, undefined>;
  /**
   * The underlying openapi-fetch client with the same auth, refresh and Idempotency-Key handling
   * (not the timeout, nor the thrown errors: it answers `{ data, error, response }`). Use it to
   * add middleware (`openapi.use(...)`).
   */
  openapi: Client<paths>;
  /** The authentication in use, if any. */
  auth: Auth | undefined;
}

/** Options as the untyped core sees them; the typed surface (CallMethod) checks them. */
type AnyOptions = CallExtras & {
  params?: { query?: Record<string, unknown> } & Record<string, unknown>;
  signal?: AbortSignal | null;
  [key: string]: unknown;
};
type AnyCall = (
  method: HttpMethod,
  path: string,
  init?: AnyOptions,
) => Promise<CallResult<unknown>>;

/** The typed GET/POST/PATCH/DELETE over an untyped call. */
function methods(call: AnyCall) {
  const bind = (m: HttpMethod) => (path: string, init?: AnyOptions) => call(m, path, init);
  return {
    GET: bind('get') as CallMethod<'get'>,
    POST: bind('post') as CallMethod<'post'>,
    PATCH: bind('patch') as CallMethod<'patch'>,
    DELETE: bind('delete') as CallMethod<'delete'>,
  };
}

/**
 * One call through openapi-fetch: the timeout and caller signal combined, and every failure
 * (error status, network, timeout, abort) thrown as a DevTrackrError, so success is the only
 * thing a caller has to handle on the happy path.
 */
function caller(client: Client<paths>, defaultTimeoutMs: number): AnyCall {
  return async (method, path, init = {}) => {
    const { timeoutMs = defaultTimeoutMs, signal, ...rest } = init;
    const guard = callSignal(signal, timeoutMs);
    let result;
    try {
      // The typed surface is CallMethod; here the path is a plain string.
      const request = client.request as unknown as (
        method: HttpMethod,
        path: string,
        init: object,
      ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      result = await guard.run(request(method, path, { ...rest, signal: guard.signal }));
    } catch (error) {
      throw guard.failure(error);
    }
    if (!result.response.ok) throw DevTrackrError.fromResponse(result.response, result.error);
    return { data: result.data, response: result.response };
  };
}

function resolveAuth(options: ClientOptions, endpoints: TokenEndpoints): Auth | undefined {
  if (options.auth !== undefined) return options.auth;
  if (options.token !== undefined) return tokenAuth(options.token);
  if (options.session !== undefined)
    return sessionAuth(options.session, endpoints, options.onTokens);
  return undefined;
}

/** A DevTrackr API client typed by the OpenAPI document: paths, params, bodies and answers. */
export function createClient(options: ClientOptions): DevTrackrClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Resolved per request, so a test (or a polyfill) replacing globalThis.fetch later is honoured.
  const baseFetch: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));

  // Login and refresh go out without credentials and without the 401 retry (which would loop).
  const anonymous = methods(
    caller(createFetchClient<paths>({ baseUrl: options.baseUrl, fetch: baseFetch }), timeoutMs),
  );
  const endpoints: TokenEndpoints = {
    login: async (credentials) => (await anonymous.POST('/auth/login', { body: credentials })).data,
    refresh: async (refreshToken) =>
      (await anonymous.POST('/auth/refresh', { body: { refresh_token: refreshToken } })).data,
  };

  const auth = resolveAuth(options, endpoints);
  const openapi = createFetchClient<paths>({
    baseUrl: options.baseUrl,
    fetch: auth === undefined ? baseFetch : withAuth(baseFetch, auth),
  });
  openapi.use(idempotencyKeys);
  const call = caller(openapi, timeoutMs);

  async function* paginate(
    path: string,
    init: AnyOptions = {},
  ): AsyncGenerator<unknown, void, undefined> {
    const params = init.params ?? {};
    let query = firstPageQuery(path, params.query);
    for (;;) {
      const { data, response } = await call('get', path, { ...init, params: { ...params, query } });
      yield* data as unknown[];
      const next = nextLink(response.headers.get('link'));
      if (next === undefined) return;
      query = linkQuery(next);
    }
  }

  return {
    ...methods(call),
    paginate: paginate as DevTrackrClient['paginate'],
    openapi,
    auth,
  };
}
