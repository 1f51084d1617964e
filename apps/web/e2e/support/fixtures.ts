import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { test as base, expect } from 'vitest';
import { recordCspViolations, type CspRecorder, type CspViolation } from './csp.js';
import { CHROMIUM } from './paths.js';
import { baseURL, screenshotDir } from './provided.js';

/** One browser profile of a test: its context, its CSP recorder and a first page. */
export interface AppContext {
  context: BrowserContext;
  csp: CspRecorder;
  page: Page;
}

interface TestFixtures {
  /** The API's origin for this run (the app is at `${origin}/app/`). */
  origin: string;
  /**
   * Opens another profile (a second browser, say) with the suite's defaults plus `options`.
   * Every context opened here is closed after the test, and the test fails on any CSP
   * violation recorded in any of its pages.
   */
  openContext: (options?: BrowserContextOptions) => Promise<AppContext>;
  /** The test's first profile. */
  app: AppContext;
}

interface WorkerFixtures {
  browser: Browser;
}

// Flags for a headless Chromium in a container: no sandbox (no user namespaces), no GPU, and no
// background traffic (component updates, safe-browsing lists) competing with the test.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/** The desktop size of the suite; tests switch to 390×844 to look at a phone. */
export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

// A fixed zone away from UTC, so day boundaries and "today" are really converted; en-US so the
// numbers the dashboard prints read back the same way on every machine.
const CONTEXT_DEFAULTS: BrowserContextOptions = {
  viewport: DESKTOP,
  colorScheme: 'light',
  locale: 'en-US',
  timezoneId: 'Europe/Paris',
};

// Playwright waits 30 s by default; a missing label should fail a test well before that.
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 20_000;

const describeViolations = (violations: readonly CspViolation[]) =>
  violations.map((violation) => `${violation.page}: ${violation.detail}`);

async function picturesOfFailure(testName: string, opened: readonly AppContext[]) {
  const name = testName.replace(/\W+/g, '-').toLowerCase().slice(0, 80);
  for (const [c, { context }] of opened.entries()) {
    for (const [p, page] of context.pages().entries()) {
      const path = join(screenshotDir(), `failed-${name}-${c}-${p}.png`);
      await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    }
  }
}

export const test = base.extend<TestFixtures & WorkerFixtures>({
  // One browser per worker; each test gets fresh contexts (cookies, storage, service worker).
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Vitest reads a fixture's dependencies from its destructured first parameter
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern -- see above
  origin: async ({}, use) => {
    await use(baseURL());
  },

  openContext: async ({ browser, origin, task }, use) => {
    const opened: AppContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({
        ...CONTEXT_DEFAULTS,
        baseURL: origin,
        ...options,
      });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
      const csp = await recordCspViolations(context);
      const page = await context.newPage();
      const app = { context, csp, page };
      opened.push(app);
      return app;
    });
    // Fixtures are torn down after the test has been judged: a failed test leaves a picture of
    // every page it had open, beside the run's screenshots.
    if (task.result?.state === 'fail') await picturesOfFailure(task.name, opened);
    const violations = opened.flatMap(({ csp }) => csp.violations);
    await Promise.all(opened.map(({ context }) => context.close()));
    expect(describeViolations(violations), 'Content-Security-Policy violations').toEqual([]);
  },

  app: async ({ openContext }, use) => {
    await use(await openContext());
  },
});

export { expect };
