import type { DevTrackrClient, Task } from '@devtrackr/client';
import type { Page } from 'playwright-core';
import { blocking, formatAxeReport, runAxe, type AxeSummary } from './support/axe.js';
import { expect, PHONE, test } from './support/fixtures.js';
import { pressShortcut } from './support/keyboard.js';
import {
  backgroundLightness,
  DASHBOARD,
  settle,
  SIGNED_OUT_PAGES,
  signedInPages,
  visit,
  type AppPage,
} from './support/pages.js';
import { screenshot } from './support/screenshots.js';
import { seedWork } from './support/seed.js';
import { apiAs, registerInApp } from './support/users.js';

// Issue 14 "Tests": axe-core on every page (sign-in, register, dashboard, tasks, board, task
// detail, week, settings, the ? dialog, the palette), light and dark, zero serious or critical
// violations, the full summary printed; and a screenshot of each page at 1280×800 and 390×844.
// One test per theme: each registers its own user and gives it a week of work first.

type Theme = 'light' | 'dark';

/** The pages a phone screenshot is also taken of in dark (light has them all). */
const DARK_ON_PHONE = new Set(['dashboard', 'tasks', 'sign-in']);

/** axe on the page as it is now, and its screenshot at the current size. */
async function check(page: Page, label: string, results: AxeSummary[]): Promise<void> {
  results.push(await runAxe(page, label));
  await screenshot(page, label);
}

/** Each page at desktop size (axe + screenshot), then at phone size (screenshot only). */
async function tour(page: Page, pages: readonly AppPage[], theme: Theme, results: AxeSummary[]) {
  for (const target of pages) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await visit(page, target);
    await check(page, `${target.name} · ${theme}`, results);
    if (theme === 'light' || DARK_ON_PHONE.has(target.name)) {
      await page.setViewportSize(PHONE);
      await settle(page, target.heading);
      await screenshot(page, `${target.name}-${theme}-phone`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The two overlays every signed-in page has: the ? help and the Ctrl-K palette. */
async function overlays(page: Page, theme: Theme, results: AxeSummary[]) {
  await visit(page, DASHBOARD);
  await pressShortcut(page, '?');
  const help = page.getByRole('dialog', { name: /keyboard shortcuts/i });
  await help.waitFor();
  await check(page, `shortcuts-help · ${theme}`, results);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  await pressShortcut(page, 'Control+k');
  const palette = page.getByRole('dialog', { name: /command palette/i });
  await palette.waitFor();
  await check(page, `palette · ${theme}`, results);
  await page.keyboard.press('Escape');
  await palette.waitFor({ state: 'detached' });
}

/**
 * A week of work and a timer running on its first task, so every page shows what a person at
 * work sees (and axe checks the running timer bar too). Returns that task.
 */
async function workingOn(api: DevTrackrClient): Promise<Task> {
  const [task] = await seedWork(api);
  if (task === undefined) throw new Error('seedWork created no task');
  await api.POST('/tasks/{id}/start-timer', { params: { path: { id: task.id } } });
  return task;
}

function report(results: readonly AxeSummary[]): void {
  console.log(formatAxeReport(results));
  // Every page is checked before judging, so one report lists every page's problems at once.
  expect(results.flatMap(blocking)).toEqual([]);
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe and screenshots, every page in ${theme}`, async ({ app, openContext }) => {
    const results: AxeSummary[] = [];
    // The system's scheme decides while the theme switch says "System theme" (its default).
    await app.page.emulateMedia({ colorScheme: theme });
    const user = await registerInApp(app.page);
    const task = await workingOn(apiAs(user));

    await tour(app.page, signedInPages(task), theme, results);
    await overlays(app.page, theme, results);

    // The signed-out pages, in a profile with no session.
    const visitor = await openContext({ colorScheme: theme });
    await tour(visitor.page, SIGNED_OUT_PAGES, theme, results);

    report(results);
  });
}

test('the theme switch overrides the system scheme, and the pages stay accessible', async ({
  app: { page },
}) => {
  const results: AxeSummary[] = [];
  await page.emulateMedia({ colorScheme: 'light' });
  const user = await registerInApp(page);
  const task = await workingOn(apiAs(user));
  const lightness = await backgroundLightness(page);

  const theme = page.getByRole('combobox', { name: 'Theme' });
  await theme.selectOption({ label: 'Dark theme' });
  await expect.poll(() => backgroundLightness(page)).toBeLessThan(lightness);
  const dark = await backgroundLightness(page);
  for (const target of signedInPages(task).slice(0, 2)) {
    await visit(page, target);
    await check(page, `${target.name} · dark (switch)`, results);
  }

  // The choice outlives a reload; "System theme" hands the decision back to the system.
  await page.reload();
  await settle(page, 'Tasks');
  expect(await backgroundLightness(page)).toBe(dark);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'System theme' });
  await expect.poll(() => backgroundLightness(page)).toBe(lightness);
  report(results);
});
