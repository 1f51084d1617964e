import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from './provided.js';

/** "dashboard · dark (switch)" → "dashboard-dark-switch": a file name without spaces. */
const slug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Saves what the page shows now as `<slug of name>.png` in this run's screenshot folder (printed
 * at the end of the run). The viewport only: the sizes (1280×800, 390×844) are what a person sees.
 * Caret and animations are frozen so two runs of the same page give the same picture.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(screenshotDir(), `${slug(name)}.png`);
  await page.screenshot({ path, animations: 'disabled', caret: 'hide' });
  return path;
}
