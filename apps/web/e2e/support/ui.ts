import type { Locator, Page } from 'playwright-core';

// Small locators the tests share. Everything is found as a screen reader finds it: by role and
// accessible name, never by CSS class.

/** The page's h1 (PageHeader), which every page has exactly one of. */
export const heading = (page: Page, name: string | RegExp): Locator =>
  page.getByRole('heading', { level: 1, name });

/** The main navigation's link to a page. */
export const navLink = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** The "You are offline" notice (OfflineBanner's status region). */
export const offlineNotice = (page: Page): Locator =>
  page.getByRole('status').filter({ hasText: 'You are offline' });
