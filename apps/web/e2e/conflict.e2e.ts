import type { Page } from 'playwright-core';
import { readTable } from './support/figures.js';
import { expect, test } from './support/fixtures.js';
import { settle } from './support/pages.js';
import { apiAs, registerInApp } from './support/users.js';

// Issue 14 §4: saves carry the ETag as If-Match; on a 412 the app shows what changed on the
// server and lets the person keep theirs or take the server's; nothing is lost silently. Two
// tabs of one browser edit one task, each from the version it opened.

const TITLE = 'Ship the conflict dialog';

const form = (page: Page) => page.getByRole('form', { name: 'Edit task' });
const field = (page: Page, label: string) => form(page).getByLabel(label, { exact: true });
const conflictDialog = (page: Page) =>
  page.getByRole('dialog', { name: 'This task changed while you were editing' });

async function save(page: Page): Promise<void> {
  await form(page).getByRole('button', { name: 'Save' }).click();
}

async function saved(page: Page): Promise<void> {
  await form(page).getByRole('status').filter({ hasText: 'Saved' }).waitFor();
}

test('a 412 from a second tab: the dialog shows both sides; keep mine and take theirs both work', async ({
  app: { page: one, context },
}) => {
  const user = await registerInApp(one);
  const api = apiAs(user);
  const { data: task } = await api.POST('/tasks', {
    body: { title: TITLE, estimated_minutes: 30 },
  });
  const two = await context.newPage();
  for (const tab of [one, two]) {
    await tab.goto(`/app/tasks/${task.id}`);
    await settle(tab, TITLE);
  }

  // Tab two starts an edit; meanwhile tab one changes the title and the estimate and saves.
  await field(two, 'Title').fill('Title from tab two');
  await field(one, 'Title').fill('Title from tab one');
  await field(one, 'Estimate (minutes)').fill('50');
  await save(one);
  await saved(one);

  // Tab two saves on the version it opened: the server answers 412 and the dialog says what
  // collides (the title) and what the server changed that tab two did not touch (the estimate).
  await save(two);
  const dialog = conflictDialog(two);
  await dialog.waitFor();
  expect(
    await readTable(dialog.getByRole('table', { name: 'Changed by you and on the server' })),
  ).toEqual([{ Field: 'Title', Yours: 'Title from tab two', 'Server’s': 'Title from tab one' }]);
  expect(
    await readTable(
      dialog.getByRole('table', { name: 'Also changed on the server (kept either way)' }),
    ),
  ).toEqual([{ Field: 'Estimate', 'When you opened it': '30 min', Now: '50 min' }]);

  // Before tab two decides, tab one starts another edit on the version it saved.
  await field(one, 'Title').fill('Tab one, second thoughts');

  // Keep mine: tab two's title on top of the server's version, whose estimate stays.
  await dialog.getByRole('button', { name: 'Keep mine' }).click();
  await dialog.waitFor({ state: 'detached' });
  await saved(two);
  expect(await field(two, 'Title').inputValue()).toBe('Title from tab two');
  expect(await field(two, 'Estimate (minutes)').inputValue()).toBe('50');
  const afterKeep = (await api.GET('/tasks/{id}', { params: { path: { id: task.id } } })).data;
  expect(afterKeep).toMatchObject({ title: 'Title from tab two', estimated_minutes: 50 });

  // Tab one is now behind: its save is refused too, and it takes the server's version.
  await save(one);
  const again = conflictDialog(one);
  await again.waitFor();
  expect(
    await readTable(again.getByRole('table', { name: 'Changed by you and on the server' })),
  ).toEqual([
    { Field: 'Title', Yours: 'Tab one, second thoughts', 'Server’s': 'Title from tab two' },
  ]);
  await again.getByRole('button', { name: /^Take the server.s version$/ }).click();
  await again.waitFor({ state: 'detached' });
  expect(await field(one, 'Title').inputValue()).toBe('Title from tab two');
  expect(await field(one, 'Estimate (minutes)').inputValue()).toBe('50');
  // Taking theirs saves nothing: the server still has tab two's title and tab one's estimate.
  const afterTake = (await api.GET('/tasks/{id}', { params: { path: { id: task.id } } })).data;
  expect(afterTake).toMatchObject({ title: 'Title from tab two', estimated_minutes: 50 });
  expect(afterTake.updated_at).toBe(afterKeep.updated_at);
});
