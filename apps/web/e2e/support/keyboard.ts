import type { Locator, Page } from 'playwright-core';

/** True when `locator`'s element has the keyboard focus. */
export const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluate((element) => element === document.activeElement);

/**
 * Presses Tab (Shift+Tab with `backwards`) until `locator` has the focus, as a keyboard user
 * would, and fails when it is not reached within `max` presses: a control the keyboard cannot
 * reach is a bug this suite is here to find.
 */
export async function tabTo(
  page: Page,
  locator: Locator,
  { backwards = false, max = 40 }: { backwards?: boolean; max?: number } = {},
): Promise<void> {
  await locator.waitFor();
  for (let presses = 0; presses < max; presses += 1) {
    if (await isFocused(locator)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  if (await isFocused(locator)) return;
  throw new Error(`Tab did not reach ${locator.toString()} in ${max} presses`);
}

/** Types a shortcut as the help writes it: `n`, `?`, `g d` (a sequence), `Control+k` (a chord). */
export async function pressShortcut(page: Page, keys: string): Promise<void> {
  for (const key of keys.split(' ')) await page.keyboard.press(key);
}
