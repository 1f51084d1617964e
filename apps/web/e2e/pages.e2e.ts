import type { DevTrackrClient, Task } from '@devtrackr/client';
import type { Page } from 'playwright-core';
import { blocking, formatAxeReport, runAxe, type AxeSummary } from './support/axe.js';
import { DESKTOP, expect, PHONE, test } from './support/fixtures.js';
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
// Each page is visited once and checked in both themes (the system's scheme, with the theme
// switch on "System theme"); the switch itself has a test of its own.

const THEMES = ['light', 'dark'] as const;

/** The pages a phone screenshot is also taken of in dark (light has them all). */
const DARK_ON_PHONE = new Set(['dashboard', 'tasks', 'sign-in']);

/** Two frames: what a change of scheme repaints (CSS, and the charts' colours) is drawn. */
const repainted = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            resolve();
          });
        });
      }),
  );

/** The page as it is now, in light then in dark: axe and a screenshot each; back to light. */
async function inBothThemes(page: Page, name: string, results: AxeSummary[]): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await repainted(page);
    // The scheme really is the one named: a dark page on a dark background, and the reverse.
    const lightness = await backgroundLightness(page);
    expect(theme === 'dark' ? lightness < 0.5 : lightness > 0.5, `${name} in ${theme}`).toBe(true);
    results.push(await runAxe(page, `${name} · ${theme}`));
    await screenshot(page, `${name} · ${theme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Each page at desktop size in both themes (axe + screenshots), then on a phone (screenshots). */
async function tour(page: Page, pages: readonly AppPage[], results: AxeSummary[]) {
  for (const target of pages) {
    await visit(page, target);
    await inBothThemes(page, target.name, results);
    await page.setViewportSize(PHONE);
    await settle(page, target.heading);
    await screenshot(page, `${target.name}-light-phone`);
    if (DARK_ON_PHONE.has(target.name)) {
      await page.emulateMedia({ colorScheme: 'dark' });
      await repainted(page);
      await screenshot(page, `${target.name}-dark-phone`);
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.setViewportSize(DESKTOP);
  }
}

/** The two overlays every signed-in page has: the ? help and the Ctrl-K palette. */
async function overlays(page: Page, results: AxeSummary[]) {
  await visit(page, DASHBOARD);
  await pressShortcut(page, '?');
  const help = page.getByRole('dialog', { name: /keyboard shortcuts/i });
  await help.waitFor();
  await inBothThemes(page, 'shortcuts-help', results);
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  await pressShortcut(page, 'Control+k');
  const palette = page.getByRole('dialog', { name: /command palette/i });
  await palette.waitFor();
  await inBothThemes(page, 'palette', results);
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

test('axe and screenshots: every signed-in page and overlay, light and dark', async ({
  app: { page },
}) => {
  const results: AxeSummary[] = [];
  const user = await registerInApp(page);
  const task = await workingOn(apiAs(user));
  await tour(page, signedInPages(task), results);
  await overlays(page, results);
  report(results);
});

test('axe and screenshots: sign-in and register, light and dark', async ({ app: { page } }) => {
  const results: AxeSummary[] = [];
  await tour(page, SIGNED_OUT_PAGES, results);
  report(results);
});

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
    results.push(await runAxe(page, `${target.name} · dark (switch)`));
    await screenshot(page, `${target.name} · dark (switch)`);
  }

  // The choice outlives a reload; "System theme" hands the decision back to the system.
  await page.reload();
  await settle(page, 'Tasks');
  expect(await backgroundLightness(page)).toBe(dark);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'System theme' });
  await expect.poll(() => backgroundLightness(page)).toBe(lightness);
  report(results);
});
