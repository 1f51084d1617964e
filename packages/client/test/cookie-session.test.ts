// The browser's cookie session against the real API. Node's fetch keeps no cookies, so a tiny
// cookie jar plays the browser's part: it stores what Set-Cookie says and sends a cookie back
// only to the paths it is scoped to. A "reload" is a second cookieSession on the same jar.
import { describe, expect, it } from 'vitest';
import {
  cookieSession,
  createClient,
  DevTrackrError,
  type CookieSession,
  type Fetch,
} from '../src/index.js';
import { apiUrl, PASSWORD, recordingFetch, registerUser } from './helpers.js';

interface StoredCookie {
  value: string;
  path: string;
  httpOnly: boolean;
}

/** A browser's cookie jar for one origin: Set-Cookie in, Cookie out (path-scoped, RFC 6265). */
function cookieJar(inner: Fetch = (request) => fetch(request)) {
  const cookies = new Map<string, StoredCookie>();
  const pathMatches = (requestPath: string, cookiePath: string) =>
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) &&
      (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'));

  const store = (line: string) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    const cookie: StoredCookie = { value: pair.slice(at + 1), path: '/', httpOnly: false };
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', value = ''] = attribute.split('=');
      if (/^path$/i.test(key)) cookie.path = value;
      if (/^httponly$/i.test(key)) cookie.httpOnly = true;
      if (/^max-age$/i.test(key) && Number(value) <= 0) expired = true;
    }
    if (expired) cookies.delete(name);
    else cookies.set(name, cookie);
  };

  const jarFetch: Fetch = async (request) => {
    const path = new URL(request.url).pathname;
    const sent = [...cookies]
      .filter(([, cookie]) => pathMatches(path, cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`);
    if (sent.length > 0) request.headers.set('cookie', sent.join('; '));
    const response = await inner(request);
    for (const line of response.headers.getSetCookie()) store(line);
    return response;
  };
  return { fetch: jarFetch, cookies };
}

/** A signed-in browser tab: a jar, a session on it, and a client using that session. */
async function signedInTab(jar = cookieJar()) {
  const email = await registerUser();
  const recorder = recordingFetch(jar.fetch);
  const session = cookieSession({ baseUrl: apiUrl(), fetch: recorder.fetch });
  await session.signIn({ email, password: PASSWORD });
  const api = createClient({ baseUrl: apiUrl(), auth: session, fetch: recorder.fetch });
  return { email, jar, session, api, seen: recorder.seen };
}

/** Records the states a session announces. */
function states(session: CookieSession): boolean[] {
  const seen: boolean[] = [];
  session.subscribe((signedIn) => seen.push(signedIn));
  return seen;
}

const SESSION_PATHS = ['/auth/session', '/auth/session/refresh', '/auth/session/logout'];

describe('cookieSession (real API)', () => {
  it('signs in: the refresh token goes to an HttpOnly cookie, the access token authenticates calls', async () => {
    const jar = cookieJar();
    const email = await registerUser();
    const recorder = recordingFetch(jar.fetch);
    const session = cookieSession({ baseUrl: apiUrl(), fetch: recorder.fetch });
    const announced = states(session);
    expect(session.signedIn).toBe(false);

    await session.signIn({ email, password: PASSWORD });
    expect(session.signedIn).toBe(true);
    expect(announced).toEqual([true]);
    const cookie = jar.cookies.get('devtrackr_refresh');
    expect(cookie).toMatchObject({ path: '/auth/session', httpOnly: true });
    expect(cookie?.value.startsWith('dtr_')).toBe(true);

    const api = createClient({ baseUrl: apiUrl(), auth: session, fetch: recorder.fetch });
    expect((await api.GET('/auth/me')).data.email).toBe(email);
    const me = recorder.seen.find((r) => r.path === '/auth/me');
    expect(me?.headers.get('authorization')).toMatch(/^Bearer ey/);
    // The cookie went to the session route only, never with an API call.
    expect(me?.headers.get('cookie')).toBeNull();
  });

  it('sends the CSRF header on each session call (and on nothing else)', async () => {
    const tab = await signedInTab();
    await tab.session.resume();
    await tab.api.GET('/auth/me');
    await tab.session.signOut();
    const byPath = new Map(tab.seen.map((r) => [r.path, r.headers.get('x-devtrackr-csrf')]));
    for (const path of SESSION_PATHS) expect(byPath.get(path), path).toBe('1');
    expect(byPath.get('/auth/me')).toBeNull();
  });

  it('asks fetch for same-origin credentials on the session calls', async () => {
    const modes = new Map<string, Request['credentials']>();
    const session = cookieSession({
      baseUrl: apiUrl(),
      fetch: (request) => {
        modes.set(new URL(request.url).pathname, request.credentials);
        return fetch(request);
      },
    });
    await session.resume();
    await session.signOut();
    await session.signIn({ email: 'nobody@example.com', password: 'x' }).catch(() => undefined);
    expect(Object.fromEntries(modes)).toEqual(
      Object.fromEntries(SESSION_PATHS.map((path) => [path, 'same-origin'])),
    );
  });

  it('resume() after a reload (a new session on the same cookie jar) is signed in again', async () => {
    const tab = await signedInTab();
    const reloaded = cookieSession({ baseUrl: apiUrl(), fetch: tab.jar.fetch });
    const announced = states(reloaded);
    expect(reloaded.signedIn).toBe(false);
    expect(await reloaded.resume()).toBe(true);
    expect(reloaded.signedIn).toBe(true);
    expect(announced).toEqual([true]);
    const api = createClient({ baseUrl: apiUrl(), auth: reloaded });
    expect((await api.GET('/auth/me')).data.email).toBe(tab.email);
  });

  it('resume() without a cookie is false, and calls go out without a token', async () => {
    const session = cookieSession({ baseUrl: apiUrl(), fetch: cookieJar().fetch });
    expect(await session.resume()).toBe(false);
    expect(session.signedIn).toBe(false);
    expect(await session.header()).toBeUndefined();
    const error = await createClient({ baseUrl: apiUrl(), auth: session })
      .GET('/auth/me')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
  });

  it('two resume() at once (a page effect run twice) make one refresh', async () => {
    const tab = await signedInTab();
    const recorder = recordingFetch(tab.jar.fetch);
    const reloaded = cookieSession({ baseUrl: apiUrl(), fetch: recorder.fetch });
    expect(await Promise.all([reloaded.resume(), reloaded.resume()])).toEqual([true, true]);
    expect(recorder.seen.filter((r) => r.path === '/auth/session/refresh')).toHaveLength(1);
    // Had the cookie been presented twice, the API would have revoked the login.
    expect(await reloaded.resume()).toBe(true);
  });

  it('two tabs resuming at once take turns (Web Locks), so the login survives', async () => {
    // A browser restoring its tabs: two pages on one cookie jar refresh at the same moment. A
    // minimal Web Locks stand-in (one FIFO queue per name) plays navigator.locks.
    const queues = new Map<string, Promise<unknown>>();
    const requested: string[] = [];
    const locks = {
      request<T>(name: string, callback: () => Promise<T>): Promise<T> {
        requested.push(name);
        const run = (queues.get(name) ?? Promise.resolve()).then(callback);
        queues.set(
          name,
          run.catch(() => undefined),
        );
        return run;
      },
    };
    Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true });
    try {
      const tab = await signedInTab();
      const first = cookieSession({ baseUrl: apiUrl(), fetch: tab.jar.fetch });
      const second = cookieSession({ baseUrl: apiUrl(), fetch: tab.jar.fetch });
      expect(await Promise.all([first.resume(), second.resume()])).toEqual([true, true]);
      // The sign-in and the two refreshes, each under the one session lock.
      expect(requested).toEqual(['devtrackr-session', 'devtrackr-session', 'devtrackr-session']);
      // Had one of them presented the spent cookie, the API would have revoked the login.
      const third = cookieSession({ baseUrl: apiUrl(), fetch: tab.jar.fetch });
      expect(await third.resume()).toBe(true);
    } finally {
      Reflect.deleteProperty(globalThis, 'navigator');
    }
  });

  it('concurrent 401s share one cookie refresh, and every request succeeds', async () => {
    const jar = cookieJar();
    const email = await registerUser();
    // The first six calls carry an access token the API rejects (as it would an expired one),
    // and their answers are held until all six are in: every 401 reaches the SDK before any
    // refresh can finish, however the server orders its work. (Their retries are new requests.)
    let wavePending = 0;
    let arrived = 0;
    let release = (): void => undefined;
    const wave = new Promise<void>((resolve) => {
      release = resolve;
    });
    const recorder = recordingFetch(async (request) => {
      const rejected = wavePending > 0 && request.headers.has('authorization');
      if (rejected) wavePending--;
      if (rejected) request.headers.set('authorization', 'Bearer not-a-valid-jwt');
      const response = await jar.fetch(request);
      if (rejected) {
        if (++arrived === 6) release();
        await wave;
      }
      return response;
    });
    const session = cookieSession({ baseUrl: apiUrl(), fetch: recorder.fetch });
    await session.signIn({ email, password: PASSWORD });
    wavePending = 6;
    const client = createClient({ baseUrl: apiUrl(), auth: session, fetch: recorder.fetch });

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
    expect(recorder.seen.filter((r) => r.path === '/auth/session/refresh')).toHaveLength(1);
    // The login is alive: had the cookie been presented twice, the API would have revoked it.
    expect((await client.GET('/auth/me')).data.email).toBe(email);
    expect(await cookieSession({ baseUrl: apiUrl(), fetch: jar.fetch }).resume()).toBe(true);
    expect(session.signedIn).toBe(true);
  });

  it('signOut() ends the session on the server, clears the cookie and says so', async () => {
    const tab = await signedInTab();
    const access = await tab.session.header();
    const announced = states(tab.session);
    await tab.session.signOut();
    expect(tab.session.signedIn).toBe(false);
    expect(announced).toEqual([false]);
    expect(tab.jar.cookies.has('devtrackr_refresh')).toBe(false);
    // The access token it held no longer works anywhere...
    const me = await fetch(`${apiUrl()}/auth/me`, { headers: { authorization: access ?? '' } });
    expect(me.status).toBe(401);
    // ...and a reload finds no session.
    expect(await cookieSession({ baseUrl: apiUrl(), fetch: tab.jar.fetch }).resume()).toBe(false);
  });

  it('signOut() forgets the access token even when the call fails', async () => {
    const tab = await signedInTab();
    const offline = cookieSession({
      baseUrl: apiUrl(),
      fetch: (request) =>
        new URL(request.url).pathname === '/auth/session/logout'
          ? Promise.reject(new TypeError('fetch failed'))
          : tab.jar.fetch(request),
    });
    expect(await offline.resume()).toBe(true);
    const error = await offline.signOut().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevTrackrError);
    expect(error).toMatchObject({ code: 'network_error' });
    expect(offline.signedIn).toBe(false);
    expect(await offline.header()).toBeUndefined();
  });

  it('a refresh that fails signs the session out and tells the subscribers', async () => {
    const tab = await signedInTab();
    const announced = states(tab.session);
    // Another tab signs out: the cookie and the session are gone, this tab still holds a token.
    await cookieSession({ baseUrl: apiUrl(), fetch: tab.jar.fetch }).signOut();
    const error = await tab.api.GET('/auth/me').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(tab.session.signedIn).toBe(false);
    expect(announced).toEqual([false]);
  });

  it('a wrong password throws the API error and stays signed out', async () => {
    const email = await registerUser();
    const session = cookieSession({ baseUrl: apiUrl(), fetch: cookieJar().fetch });
    const announced = states(session);
    const error = await session
      .signIn({ email, password: `${PASSWORD}-wrong` })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevTrackrError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(session.signedIn).toBe(false);
    expect(announced).toEqual([]);
  });

  it('unsubscribe stops the notifications', async () => {
    const email = await registerUser();
    const session = cookieSession({ baseUrl: apiUrl(), fetch: cookieJar().fetch });
    const seen: boolean[] = [];
    const unsubscribe = session.subscribe((signedIn) => seen.push(signedIn));
    await session.signIn({ email, password: PASSWORD });
    unsubscribe();
    await session.signOut();
    expect(seen).toEqual([true]);
  });
});
