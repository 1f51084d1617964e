// @ts-check
/* global fetch -- Node 20's */
// One Chromium for the whole bench, started here rather than by Playwright: Lighthouse and
// Playwright then take turns on its DevTools port. Playwright signs in and disconnects, so
// Lighthouse audits with nobody else attached (a Playwright session on its tab would add
// instrumentation to the load it measures), and both share the default profile: the refresh
// cookie the sign-in set is what keeps Lighthouse's pages signed in.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { clearTimeout, setTimeout } from 'node:timers';
import { chromium } from 'playwright-core';
import { freePort, waitFor } from './process.mjs';

/** Debian's Chromium (DESIGN §1): nothing downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium';

// A headless Chromium in a container: no sandbox (no user namespaces), no GPU, and no background
// traffic (component updates, safe-browsing lists) competing with the measured pages.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/**
 * @typedef {object} Browser
 * @property {number} port the DevTools port (Lighthouse's `port` flag)
 * @property {string} endpoint http://127.0.0.1:<port>
 * @property {string} version e.g. "Chrome/156.0.8078.114"
 * @property {() => Promise<void>} stop
 */

/**
 * @param {string} profileDir an empty folder for the profile (cookies, cache, service worker)
 * @returns {Promise<Browser>}
 */
export async function launchChromium(profileDir) {
  const port = await freePort();
  const child = spawn(
    CHROMIUM,
    [
      ...CHROMIUM_FLAGS,
      `--remote-debugging-port=${port}`,
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const exited = once(child, 'exit');
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const info = await waitFor(
      'Chromium DevTools',
      async () => {
        if (child.exitCode !== null) throw new Error(`${CHROMIUM} exited with ${child.exitCode}`);
        const response = await fetch(`${endpoint}/json/version`).catch(() => undefined);
        return response?.ok
          ? /** @type {{ Browser: string }} */ (await response.json())
          : undefined;
      },
      30_000,
    );
    return { port, endpoint, version: info.Browser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs `work` with Playwright attached to the browser's default context (the profile Lighthouse
 * uses too), then detaches. The pages `work` opened are closed; the browser keeps running.
 * @template T
 * @param {Browser} browser
 * @param {(context: import('playwright-core').BrowserContext) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withPlaywright(browser, work) {
  const connection = await chromium.connectOverCDP(browser.endpoint);
  try {
    const context = connection.contexts()[0];
    if (context === undefined) throw new Error('Chromium has no default context');
    // Playwright's 30 s default would hide a missing label behind a long wait.
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(60_000);
    // Only what `work` opened: closing Chromium's own first tab could end a headless browser.
    const before = new Set(context.pages());
    try {
      return await work(context);
    } finally {
      await Promise.all(
        context
          .pages()
          .filter((p) => !before.has(p))
          .map((p) => p.close()),
      );
    }
  } finally {
    // Over CDP, close() only disconnects: the browser and its default profile stay.
    await connection.close();
  }
}

/**
 * Forgets the browser's session (its cookies: the app keeps its access token in memory only)
 * and, given a user, signs in through the app's own form, as a person would.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} origin
 * @param {{ email: string, password: string } | null} user
 */
export async function freshSession(context, origin, user) {
  await context.clearCookies();
  if (user === null) return;
  const page = await context.newPage();
  await page.goto(`${origin}/app/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signed in: the app leaves the sign-in page for the dashboard (the default destination).
  await page.waitForURL((url) => !url.pathname.startsWith('/app/sign-in'));
  await page.close();
}
