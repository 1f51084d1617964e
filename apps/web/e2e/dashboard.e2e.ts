import { expect } from 'vitest';
import { expectDashboardToMatchApi } from './support/dashboard.js';
import { test } from './support/fixtures.js';
import { settle } from './support/pages.js';
import { seedWork } from './support/seed.js';
import { apiAs, registerInApp } from './support/users.js';

// Issue 14 §7: "The numbers shown equal the API's; a test checks this." The main path checks
// a new account's few figures; here a week of work fills every chart and table, for the default
// period and for another one chosen on the page.

test("the dashboard's figures equal the API's, for 30 days and for 7", async ({
  app: { page },
}) => {
  const user = await registerInApp(page);
  const api = apiAs(user);
  await seedWork(api);

  await page.reload();
  await settle(page, 'Dashboard');
  await expectDashboardToMatchApi(page, api, 30);

  // A click that lands while the page re-renders its charts can be lost (Playwright's check()
  // then throws "did not change its state"): click until the choice holds, at most three times.
  const sevenDays = page.getByRole('radio', { name: '7 days' });
  for (let attempt = 1; attempt <= 3; attempt++) {
    await sevenDays.click();
    const held = await expect
      .poll(() => sevenDays.isChecked(), { timeout: 2_000 })
      .toBe(true)
      .then(
        () => true,
        () => false,
      );
    if (held) break;
  }
  expect(await sevenDays.isChecked()).toBe(true);
  await settle(page, 'Dashboard');
  await expectDashboardToMatchApi(page, api, 7);
});
