// @ts-check
/* global window, document, performance, requestAnimationFrame, MutationObserver, addEventListener, removeEventListener */
// The heavy user's two timings, measured inside the page on its own clock (performance.now(),
// whose zero is the navigation's start), so Playwright's round trips never count:
//
//   dashboard: from the navigation's start to the first animation frame at which every chart
//     panel of the dashboard has drawn, i.e. no panel shows a loading skeleton any more and
//     every chart container (the `role="img"` element EChart renders) holds an ECharts SVG with
//     its shapes (`svg path`), as many charts as a settled load of the same page shows;
//   timer: from the `s` keydown on the focused task row (the event's timeStamp) to the first
//     animation frame at which the timer bar (the layout's section labelled "Timer") shows a
//     link to that task, the timer bar's running state.
//
// "The first animation frame at which" is a requestAnimationFrame callback queued by the
// MutationObserver that sees the condition come true: the frame that paints it.

/** Where the dashboard draws: ChartPanel's sections, EChart's container, the loading skeleton. */
export const DASHBOARD = {
  path: '/app/',
  panelSkeleton: 'section.panel .skeleton',
  chart: 'section.panel .chart[role="img"]',
};

/** The tasks list's rows (TaskRow) and the layout's timer bar (TimerBar). */
export const TASKS = {
  path: '/app/tasks',
  row: '[data-index][aria-posinset]',
  timerBar: 'section[aria-label="Timer"]',
};

/** @param {unknown} value */
const asNumber = (value) => {
  if (typeof value !== 'number') throw new Error(`bench: expected a time, got ${String(value)}`);
  return value;
};

/**
 * How many charts a settled dashboard draws for this user and period (the default, 30 days):
 * the count every timed run waits for, so a run never stops at a partly mounted page.
 * @param {import('playwright-core').Page} page
 * @param {string} origin
 */
export async function settledChartCount(page, origin) {
  await page.goto(origin + DASHBOARD.path, { waitUntil: 'networkidle' });
  await page.waitForFunction(
    ({ skeleton, chart }) =>
      document.querySelector(skeleton) === null &&
      [...document.querySelectorAll(chart)].every((c) => c.querySelector('svg path') !== null),
    { skeleton: DASHBOARD.panelSkeleton, chart: DASHBOARD.chart },
    { timeout: 120_000 },
  );
  const count = await page.locator(DASHBOARD.chart).count();
  if (count === 0) {
    throw new Error(
      `bench: the dashboard drew no chart (${DASHBOARD.chart}); did its markup change?`,
    );
  }
  return count;
}

/**
 * One timed load of the dashboard. The observer is installed before the page's own scripts run
 * (an init script, which DevTools injects: the app's CSP does not apply to it).
 * @param {import('playwright-core').Page} page a page with the init script installed
 * @param {string} origin
 * @returns {Promise<number>} ms
 */
async function dashboardRun(page, origin) {
  await page.goto(origin + DASHBOARD.path, { waitUntil: 'commit' });
  return asNumber(
    await page.evaluate(() => /** @type {Promise<number>} */ (Reflect.get(window, '__benchDrawn'))),
  );
}

/**
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} origin
 * @param {number} runs
 * @returns {Promise<{ charts: number, samples: number[] }>}
 */
export async function timeDashboard(context, origin, runs) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  // The settled load also warms the HTTP cache and installs the service worker: the timed runs
  // are a returning user's, the app's code at hand, the data from the API every time.
  const charts = await settledChartCount(page, origin);
  await page.addInitScript(
    ({ skeleton, chart, expected }) => {
      const drawn = () => {
        if (document.querySelector(skeleton) !== null) return false;
        const containers = [...document.querySelectorAll(chart)];
        return (
          containers.length >= expected &&
          containers.every((c) => c.querySelector('svg path') !== null)
        );
      };
      Reflect.set(
        window,
        '__benchDrawn',
        new Promise((resolve) => {
          const observer = new MutationObserver(() => {
            if (!drawn()) return;
            observer.disconnect();
            requestAnimationFrame(() => {
              resolve(performance.now());
            });
          });
          observer.observe(document, { childList: true, subtree: true });
        }),
      );
    },
    { skeleton: DASHBOARD.panelSkeleton, chart: DASHBOARD.chart, expected: charts },
  );
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await dashboardRun(page, origin));
  await page.close();
  return { charts, samples };
}

/**
 * Presses `s` on the focused row and resolves with the time until the timer bar shows the task.
 * @param {import('playwright-core').Page} page
 * @param {string} taskHref the focused task's link
 * @returns {Promise<number>} ms
 */
async function timerRun(page, taskHref) {
  await page.evaluate(
    ({ bar, href }) => {
      Reflect.set(
        window,
        '__benchTimer',
        new Promise((resolve) => {
          /** @type {number | undefined} */
          let pressed;
          let done = false;
          const shown = () => document.querySelector(`${bar} a[href="${href}"]`) !== null;
          const check = () => {
            if (done || pressed === undefined || !shown()) return;
            done = true;
            observer.disconnect();
            const from = pressed;
            requestAnimationFrame(() => {
              resolve(performance.now() - from);
            });
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          // Capture on window: before the shortcut registry's own listener sees the key.
          const onKey = (/** @type {KeyboardEvent} */ event) => {
            if (event.key !== 's') return;
            pressed = event.timeStamp;
            removeEventListener('keydown', onKey, true);
            check();
          };
          addEventListener('keydown', onKey, true);
        }),
      );
    },
    { bar: TASKS.timerBar, href: taskHref },
  );
  await page.keyboard.press('s');
  return asNumber(
    await page.evaluate(() => /** @type {Promise<number>} */ (Reflect.get(window, '__benchTimer'))),
  );
}

/**
 * `runs` starts, each on the next task of the list (j), each followed by an untimed stop (s
 * again, then the bar no longer shows the task), after one untimed warm-up start and stop.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} origin
 * @param {number} runs
 * @returns {Promise<number[]>}
 */
export async function timeTimer(context, origin, runs) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(origin + TASKS.path);
  await page.locator(TASKS.row).first().waitFor();
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    await page.keyboard.press('j');
    const row = page.locator(`${TASKS.row}:focus`);
    const href = await row.locator('a[href^="/app/tasks/"]').first().getAttribute('href');
    if (href === null) throw new Error('bench: the focused task row has no link to its task');
    const ms = await timerRun(page, href);
    // The first start is the warm-up: the timer's code paths run once before any is timed.
    if (i > 0) samples.push(ms);
    await page.keyboard.press('s');
    await page.locator(`${TASKS.timerBar} a[href="${href}"]`).waitFor({ state: 'detached' });
  }
  await page.close();
  return samples;
}
