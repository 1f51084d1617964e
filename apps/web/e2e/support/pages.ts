import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { heading } from './ui.js';

/** A page of the app the tours visit: where it is and the h1 that says it is there. */
export interface AppPage {
  /** Short name, used in file names and reports. */
  name: string;
  path: string;
  heading: string | RegExp;
}

export const DASHBOARD: AppPage = { name: 'dashboard', path: '/app/', heading: 'Dashboard' };

/** The signed-in pages of the main navigation, in its order, plus one task's detail. */
export const signedInPages = (task: { id: number; title: string }): AppPage[] => [
  DASHBOARD,
  { name: 'tasks', path: '/app/tasks', heading: 'Tasks' },
  { name: 'board', path: '/app/board', heading: 'Board' },
  { name: 'task-detail', path: `/app/tasks/${task.id}`, heading: task.title },
  { name: 'week', path: '/app/week', heading: /Week/ },
  { name: 'settings', path: '/app/settings', heading: 'Settings' },
];

export const SIGNED_OUT_PAGES: readonly AppPage[] = [
  { name: 'sign-in', path: '/app/sign-in', heading: 'Sign in' },
  { name: 'register', path: '/app/register', heading: 'Create your account' },
];

/**
 * Waits until the page shows what it will show: its h1, no "Loading…" spinner left (Spinner is a
 * status whose text starts with "Loading"), and fonts ready, so axe and the screenshot see the
 * finished page rather than a skeleton.
 */
export async function settle(page: Page, name: string | RegExp): Promise<void> {
  await heading(page, name).waitFor();
  const loading = page.getByRole('status').filter({ hasText: /^Loading/ });
  await expect.poll(() => loading.count(), { timeout: 20_000 }).toBe(0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

export async function visit(page: Page, target: AppPage): Promise<void> {
  await page.goto(target.path);
  await settle(page, target.heading);
}

/**
 * How light the page's background is, 0 (black) to 1 (white): the theme in effect, whatever the
 * CSS says it with (light-dark(), a data attribute, a media query). The colour is drawn on a
 * canvas to read it back as sRGB, whatever syntax getComputedStyle gives it in.
 */
export const backgroundLightness = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('no 2d canvas');
    context.fillStyle = getComputedStyle(document.body).backgroundColor;
    context.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
    // Rec. 709 luma of the 8-bit channels: good enough to tell a light page from a dark one.
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
