import type { Page } from 'playwright-core';
import { expect, test } from './support/fixtures.js';
import { credentialsIn, REFRESH_TOKEN } from './support/tokens.js';
import { heading } from './support/ui.js';
import { registerInApp } from './support/users.js';

// Issue 14, "Sessions in a browser": the access token lives in memory only; the refresh token
// travels in an HttpOnly, SameSite=Strict cookie scoped to the session routes. Nothing a script
// can read (web storage, document.cookie) may hold either.

/** Everything a script on the page can read back: both storages, key and value, and the cookies. */
const readableByScripts = (page: Page) =>
  page.evaluate(() => {
    const dump = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, i) => {
        const key = storage.key(i) ?? '';
        return `${key}=${storage.getItem(key) ?? ''}`;
      });
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      cookie: document.cookie,
    };
  });

test('no token in web storage or script-readable cookies, before and after a reload', async ({
  app: { page, context },
}) => {
  // The access tokens the server hands this page, read off the wire: storage must not hold them
  // even in a shape the patterns below would miss (split, prefixed, encoded as is).
  const accessTokens: string[] = [];
  page.on('response', (response) => {
    if (!/\/auth\/session(\/refresh)?$/.test(new URL(response.url()).pathname)) return;
    void response
      .json()
      .then((body: unknown) => {
        if (typeof body === 'object' && body !== null && 'access_token' in body) {
          accessTokens.push(String(body.access_token));
        }
      })
      .catch(() => undefined);
  });

  await registerInApp(page);
  const signedIn = await readableByScripts(page);

  // A reload resumes the session from the cookie alone, and still nothing lands in storage.
  await page.reload();
  await heading(page, 'Dashboard').waitFor();
  await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
  const reloaded = await readableByScripts(page);

  // Sign-in and the resume each got an access token, and they look like what the patterns catch.
  expect(accessTokens.length).toBeGreaterThanOrEqual(2);
  for (const token of accessTokens) expect(credentialsIn(token)).toEqual(['access token (JWT)']);

  for (const [when, readable] of Object.entries({ signedIn, reloaded })) {
    const everything = [...readable.localStorage, ...readable.sessionStorage, readable.cookie];
    for (const entry of everything) {
      expect(credentialsIn(entry), `${when}: ${entry}`).toEqual([]);
      for (const token of accessTokens) expect(entry.includes(token), when).toBe(false);
    }
  }

  // The refresh token is in the browser's cookie jar, where scripts cannot reach it.
  const cookies = await context.cookies();
  const refresh = cookies.filter((cookie) => REFRESH_TOKEN.test(cookie.value));
  expect(refresh).toHaveLength(1);
  expect(refresh[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/auth/session' });
  expect(reloaded.cookie.includes(refresh[0]?.value ?? '(none)')).toBe(false);
  // And the app sets no cookie that a script could read.
  expect(cookies.filter((cookie) => !cookie.httpOnly)).toEqual([]);
});
