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
import { isFocused, pressShortcut, tabTo } from './support/keyboard.js';
import { settle } from './support/pages.js';
import { heading } from './support/ui.js';
import { apiAs, newUser } from './support/users.js';

// Issue 14 §9 and "Tests": the main path once more with the keyboard only — shortcuts n, /, j/k,
// x, e, s, g d/t/w/s, Ctrl-K and ?, and Tab/Enter/Escape for the rest. Nothing is clicked; the
// only page.goto is the address a person types to reach the app.

const timer = (page: Page) => page.getByRole('region', { name: 'Timer' });
const row = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });

/** Types into the control that has the focus, after checking it is `field`. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  expect(await isFocused(field)).toBe(true);
  await page.keyboard.type(text);
}

/** Presses j (or k) until `title`'s row has the focus. */
async function focusRow(page: Page, title: string, key: 'j' | 'k'): Promise<void> {
  for (let presses = 0; presses < 10 && !(await isFocused(row(page, title))); presses += 1) {
    await page.keyboard.press(key);
  }
  expect(await isFocused(row(page, title))).toBe(true);
}

test('main path with the keyboard only', async ({ app: { page } }) => {
  const user = newUser();
  const api = apiAs(user);

  // Register: Tab from the top of the page to each field.
  await page.goto('/app/register');
  await settle(page, 'Create your account');
  await tabTo(page, page.getByLabel('Name', { exact: true }));
  await page.keyboard.type(user.fullName);
  await page.keyboard.press('Tab');
  await typeInto(page, page.getByLabel('Email', { exact: true }), user.email);
  await page.keyboard.press('Tab');
  await typeInto(page, page.getByLabel('Password', { exact: true }), user.password);
  await page.keyboard.press('Enter');
  await settle(page, 'Dashboard');

  // ? lists the shortcuts; Escape closes it.
  await pressShortcut(page, '?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await help.getByText('New task').first().waitFor();
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });

  // g t, then n: the quick-add field. Enter adds each line and keeps the focus there.
  await pressShortcut(page, 'g t');
  await settle(page, 'Tasks');
  await pressShortcut(page, 'n');
  const quickAdd = page.getByRole('textbox', { name: 'Quick add', exact: true });
  for (const { line, task } of QUICK_ADD) {
    await typeInto(page, quickAdd, line);
    await page.keyboard.press('Enter');
    await row(page, task.title).waitFor();
    await expect.poll(() => quickAdd.inputValue()).toBe('');
  }
  await expectQuickAddedTasks(api);

  // / searches: one task matches; emptying the field brings the three back.
  await page.keyboard.press('Tab'); // out of the field (to Add), where shortcuts work again
  await pressShortcut(page, '/');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await typeInto(page, search, 'release');
  await expect
    .poll(() =>
      page
        .getByRole('listitem')
        .filter({ has: page.getByRole('checkbox') })
        .count(),
    )
    .toBe(1);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect
    .poll(() =>
      page
        .getByRole('listitem')
        .filter({ has: page.getByRole('checkbox') })
        .count(),
    )
    .toBe(3);
  // On to a control that takes no text, where the list's keys work.
  await tabTo(page, page.getByRole('checkbox', { name: /^Select all/ }));

  // j/k move the focused row; s starts its timer, on another row s switches, s again stops.
  await focusRow(page, FIRST, 'j');
  await pressShortcut(page, 's');
  await timer(page).getByRole('link', { name: FIRST }).waitFor();
  const tasks = await tasksByTitle(api);
  expect(await runningTaskId(api)).toBe(tasks.get(FIRST)?.id);
  await focusRow(page, SECOND, 'k');
  await pressShortcut(page, 's');
  await timer(page).getByRole('link', { name: SECOND }).waitFor();
  expect(await runningTaskId(api)).toBe(tasks.get(SECOND)?.id);
  await pressShortcut(page, 's');
  await timer(page).getByText('No timer running').waitFor();
  expect(await runningTaskId(api)).toBeNull();

  // x selects the focused row; the bulk bar marks it done (its status defaults to Done).
  await pressShortcut(page, 'x');
  const bulk = page.getByRole('region', { name: 'Selected tasks' });
  await bulk.getByText('1 task selected').waitFor();
  await tabTo(page, bulk.getByRole('button', { name: /^Apply to/ }), { backwards: true });
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await tasksByTitle(api)).get(SECOND)?.status).toBe('done');

  // e opens the focused task; its description is typed and saved with Ctrl+S.
  await focusRow(page, THIRD, 'k');
  await pressShortcut(page, 'e');
  await settle(page, THIRD);
  await tabTo(page, page.getByLabel('Description', { exact: true }));
  await page.keyboard.type('Check the redirect after SSO too.');
  await page.keyboard.press('Control+s');
  await page
    .getByRole('form', { name: 'Edit task' })
    .getByRole('status')
    .filter({ hasText: 'Saved' })
    .waitFor();
  expect((await tasksByTitle(api)).get(THIRD)?.description).toBe(
    'Check the redirect after SSO too.',
  );

  // g w: log time by hand on yesterday, then edit its end.
  // Shortcuts wait while the focus is in a field: back up to the page's buttons first.
  await tabTo(page, page.getByRole('button', { name: 'Delete', exact: true }), { backwards: true });
  const day = yesterday();
  await pressShortcut(page, 'g w');
  await settle(page, 'Week');
  if (day.previousWeek) {
    await pressShortcut(page, '[');
    await settle(page, 'Week');
  }
  await tabTo(page, page.getByRole('button', { name: `Log time on ${day.label}` }));
  await page.keyboard.press('Enter');
  const log = page.getByRole('dialog', { name: 'Log time' });
  await tabTo(page, log.getByRole('combobox'));
  await page.keyboard.type('Review');
  await log.getByRole('option', { name: new RegExp(THIRD) }).waitFor();
  await page.keyboard.press('Enter');
  await tabTo(page, log.getByLabel('Start', { exact: true }));
  await page.keyboard.type(`${MANUAL.start.replace(':', '')}AM`);
  await tabTo(page, log.getByLabel('End', { exact: true }));
  await page.keyboard.type(`${MANUAL.end.replace(':', '')}AM`);
  await tabTo(page, log.getByRole('button', { name: 'Log time', exact: true }));
  await page.keyboard.press('Enter');
  await log.waitFor({ state: 'detached' });
  const logged = page.getByRole('region', { name: day.label });
  await tabTo(page, logged.getByRole('button', { name: new RegExp(`^Edit ${THIRD}, `) }));
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit time entry' });
  await tabTo(page, edit.getByLabel('End', { exact: true }));
  await page.keyboard.type(`${MANUAL.editedEnd.replace(':', '')}AM`);
  await tabTo(page, edit.getByRole('button', { name: 'Save', exact: true }));
  await page.keyboard.press('Enter');
  await edit.waitFor({ state: 'detached' });
  const third = (await tasksByTitle(api)).get(THIRD);
  if (third === undefined) throw new Error(`no task ${THIRD}`);
  expect((await entriesOf(api, third)).map((e) => e.duration_seconds)).toEqual([
    MANUAL.minutes * 60,
  ]);

  // g d: the dashboard's tables opened with Tab and Enter equal the API's figures.
  await pressShortcut(page, 'g d');
  await settle(page, 'Dashboard');
  await expectDashboardToMatchApi(page, api, 30, 'keyboard');

  // g s: a token, created with Tab, Space and Enter; Escape closes the dialog that shows it.
  await pressShortcut(page, 'g s');
  await settle(page, 'Settings');
  const tokens = page.getByRole('region', { name: 'Access tokens' });
  await tabTo(page, tokens.getByLabel('Name', { exact: true }));
  await page.keyboard.type('Nightly export script');
  await tabTo(page, tokens.getByRole('checkbox', { name: /tasks:read/ }));
  await page.keyboard.press('Space');
  await tabTo(page, tokens.getByRole('button', { name: 'Create token' }));
  await page.keyboard.press('Enter');
  const shown = page.getByRole('dialog', { name: 'Copy your new token' });
  const secret = await shown.getByRole('textbox').inputValue();
  await expectTokenWorks(secret, [...(await tasksByTitle(api)).keys()]);
  await page.keyboard.press('Escape');
  await shown.waitFor({ state: 'detached' });
  expect(await page.content()).not.toContain(secret);

  // Ctrl-K: the palette signs out.
  await pressShortcut(page, 'Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.waitFor();
  await page.keyboard.type('sign out');
  await palette.getByRole('option', { name: 'Sign out', exact: true }).waitFor();
  await page.keyboard.press('Enter');
  await heading(page, 'Sign in').waitFor();
});
