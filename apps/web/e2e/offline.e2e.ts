import { expect, test } from './support/fixtures.js';
import { screenshot } from './support/screenshots.js';
import { heading, offlineNotice } from './support/ui.js';
import { registerInApp } from './support/users.js';

// Issue 14 §10: a service worker caches the shell, so the app opens offline and says plainly
// that it is offline.

test('after a first visit, the app opens offline and says so; back online it carries on', async ({
  app: { page, context },
}) => {
  await registerInApp(page);
  // The first visit installs the service worker (it precaches the shell and every page chunk);
  // the pages opened after that are under its control.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  await heading(page, 'Dashboard').waitFor();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  const response = await page.reload();
  // The document came from the service worker's cache, not the (unreachable) server.
  expect(response?.fromServiceWorker()).toBe(true);
  await offlineNotice(page).waitFor();
  expect(await offlineNotice(page).innerText()).toContain('You are offline.');
  // The shell itself is there, not an error page: a page heading and the theme switch.
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('combobox', { name: 'Theme' }).waitFor();
  await screenshot(page, 'offline-light');

  // Back online, the notice goes and the session (still valid on the server) resumes.
  await context.setOffline(false);
  await heading(page, 'Dashboard').waitFor();
  await offlineNotice(page).waitFor({ state: 'detached' });
});
