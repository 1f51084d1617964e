import {
  cookieSession,
  createClient,
  type CookieSession,
  type DevTrackrClient,
  type Fetch,
} from '@devtrackr/client';

/** What every page needs to talk to the API: the typed client and the browser session behind it. */
export interface Api {
  client: DevTrackrClient;
  session: CookieSession;
}

export interface ApiOptions {
  /** '' (the default) means the page's own origin: the API serves the app at /app/. */
  baseUrl?: string;
  /** Tests inject a fake here: the SDK boundary is where the app is mocked, never its modules. */
  fetch?: Fetch;
}

/**
 * One session and one client sharing it. The access token lives only inside the session object
 * (memory); the refresh token is an HttpOnly cookie the script never sees.
 */
export function createApi(options: ApiOptions = {}): Api {
  const baseUrl = options.baseUrl ?? '';
  const session = cookieSession({ baseUrl, fetch: options.fetch });
  const client = createClient({ baseUrl, auth: session, fetch: options.fetch });
  return { client, session };
}

/** The app's one instance. Components reach it through useApi() so tests can swap it. */
export const api: Api = createApi();
