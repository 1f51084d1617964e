import type { Locator, Page } from 'playwright-core';
import { expectDashboardToMatchApi } from './support/dashboard.js';
import { expect, test } from './support/fixtures.js';
import {
  entriesOf,
  expectQuickAddedTasks,
  expectTokenWorks,
  FIRST,
  MANUAL,
  QUICK_ADD,
  runningTaskId,
  SECOND,
  tasksByTitle,
  THIRD,
  yesterday,
} from './support/journey.js';
import { settle } from './support/pages.js';
import { heading, navLink } from './support/ui.js';
import { apiAs, registerInApp } from './support/users.js';

// Issue 14 "Tests", the main path with a mouse: register → quick-add three tasks → start the
// timer → switch task → stop → log an entry by hand → edit it → the dashboard's figures equal
// the API's → create a token → sign out. Each step is checked against the API.

/** Each element's text as a screen reader reads it: whitespace collapsed. */
const texts = async (locator: Locator) =>
  (await locator.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());

const timer = (page: Page) => page.getByRole('region', { name: 'Timer' });

async function openTask(page: Page, title: string): Promise<void> {
  await navLink(page, 'Tasks').click();
  await settle(page, 'Tasks');
  await page.getByRole('listitem').getByRole('link', { name: title, exact: true }).click();
  await settle(page, title);
}

test('main path with the mouse, from registering to signing out', async ({ app: { page } }) => {
  const user = await registerInApp(page);
  const api = apiAs(user);

  // Quick add: the chips say what was understood before Enter adds the task.
  await navLink(page, 'Tasks').click();
  await settle(page, 'Tasks');
  const quickAdd = page.getByRole('textbox', { name: 'Quick add', exact: true });
  for (const { line, task, chips } of QUICK_ADD) {
    await quickAdd.fill(line);
    const understood = page.getByRole('list', { name: 'Understood so far' }).getByRole('listitem');
    await expect.poll(() => texts(understood)).toEqual(expect.arrayContaining([...chips]));
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('listitem').getByRole('link', { name: task.title, exact: true }).waitFor();
    // The line is cleared for the next task.
    expect(await quickAdd.inputValue()).toBe('');
  }
  const tasks = await expectQuickAddedTasks(api);
  const [first, second, third] = [FIRST, SECOND, THIRD].map((title) => tasks.get(title));
  if (first === undefined || second === undefined || third === undefined) throw new Error('tasks');

  // Start the timer on the first task: the bar on every page and the tab's title show it.
  await openTask(page, FIRST);
  await page.getByRole('button', { name: 'Start timer' }).click();
  await timer(page).getByRole('link', { name: FIRST }).waitFor();
  const elapsed = timer(page).getByRole('timer');
  const before = await elapsed.getAttribute('aria-label');
  await expect.poll(() => elapsed.getAttribute('aria-label'), { timeout: 5_000 }).not.toBe(before);
  expect(await page.title()).toContain(FIRST);
  expect(await runningTaskId(api)).toBe(first.id);

  // Switch: starting another task's timer stops the first one.
  await openTask(page, SECOND);
  await page.getByRole('button', { name: 'Start timer' }).click();
  await timer(page).getByRole('link', { name: SECOND }).waitFor();
  expect(await runningTaskId(api)).toBe(second.id);
  const firstEntries = await entriesOf(api, first);
  expect(firstEntries).toHaveLength(1);
  expect(firstEntries[0]?.ended_at).not.toBeNull();

  // Stop from the bar, then finish the task so the dashboard has a done task to measure.
  await timer(page)
    .getByRole('button', { name: `Stop the timer on ${SECOND}` })
    .click();
  await timer(page).getByText('No timer running').waitFor();
  expect(await runningTaskId(api)).toBeNull();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Done' });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page
    .getByRole('form', { name: 'Edit task' })
    .getByRole('status')
    .filter({ hasText: 'Saved' })
    .waitFor();

  // The week view: log time by hand on yesterday, for the third task.
  const day = yesterday();
  await navLink(page, 'Week').click();
  await settle(page, 'Week');
  if (day.previousWeek) {
    await page
      .getByRole('navigation', { name: 'Weeks' })
      .getByRole('link', { name: 'Previous week' })
      .click();
    await settle(page, 'Week');
  }
  await page.getByRole('button', { name: `Log time on ${day.label}` }).click();
  const log = page.getByRole('dialog', { name: 'Log time' });
  await log.getByRole('combobox').fill('Review');
  await log.getByRole('option', { name: new RegExp(THIRD) }).click();
  expect(await log.getByLabel('Date', { exact: true }).inputValue()).toBe(day.day);
  await log.getByLabel('Start', { exact: true }).fill(MANUAL.start);
  await log.getByLabel('End', { exact: true }).fill(MANUAL.end);
  await log.getByRole('button', { name: 'Log time', exact: true }).click();
  await log.waitFor({ state: 'detached' });
  const logged = page.getByRole('region', { name: day.label });
  await logged.getByRole('link', { name: THIRD }).waitFor();

  // Edit it: a later end.
  await logged.getByRole('button', { name: new RegExp(`^Edit ${THIRD}, `) }).click();
  const edit = page.getByRole('dialog', { name: 'Edit time entry' });
  await edit.getByLabel('End', { exact: true }).fill(MANUAL.editedEnd);
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await edit.waitFor({ state: 'detached' });
  await logged.getByText('1 h 15 min').first().waitFor();
  const manual = await entriesOf(api, third);
  expect(manual.map((entry) => entry.duration_seconds)).toEqual([MANUAL.minutes * 60]);

  // The dashboard shows the API's figures (its default period: the last 30 days).
  await navLink(page, 'Dashboard').click();
  await settle(page, 'Dashboard');
  await expectDashboardToMatchApi(page, api, 30);

  // A personal access token, shown once.
  await navLink(page, 'Settings').click();
  await settle(page, 'Settings');
  const tokens = page.getByRole('region', { name: 'Access tokens' });
  await tokens.getByLabel('Name', { exact: true }).fill('Nightly export script');
  await tokens.getByRole('checkbox', { name: /tasks:read/ }).check();
  await tokens.getByLabel('Expires after', { exact: true }).selectOption({ label: '30 days' });
  await tokens.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByRole('dialog', { name: 'Copy your new token' });
  const secret = await shown.getByRole('textbox').inputValue();
  await expectTokenWorks(secret, [...(await tasksByTitle(api)).keys()]);
  await shown.getByRole('button', { name: 'Done' }).click();
  await shown.waitFor({ state: 'detached' });
  await tokens
    .getByRole('list', { name: 'Your access tokens' })
    .getByRole('listitem')
    .filter({ hasText: 'Nightly export script' })
    .waitFor();
  expect(await page.content()).not.toContain(secret);

  // Sign out: the sign-in page, and a reload does not bring the session back.
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await heading(page, 'Sign in').waitFor();
  await page.reload();
  await heading(page, 'Sign in').waitFor();
});
