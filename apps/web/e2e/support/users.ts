import { randomBytes } from 'node:crypto';
import { createClient, type DevTrackrClient } from '@devtrackr/client';
import type { Page } from 'playwright-core';
import { baseURL } from './provided.js';
import { heading } from './ui.js';

/** A person of one test: every test registers its own, so no two tests share data. */
export interface User {
  fullName: string;
  email: string;
  password: string;
}

export function newUser(): User {
  const id = randomBytes(6).toString('hex');
  return {
    // The same name for everyone (it is what the screenshots show); the email is what is unique.
    fullName: 'Ada Lovelace',
    email: `e2e-${id}@example.com`,
    // Long, unique and unrelated to the email: the server's password rules accept it.
    password: `e2e ${id} staple battery`,
  };
}

/** Registers through the app's form (mouse and keyboard alike: fill + click) and lands signed in. */
export async function registerInApp(page: Page, user: User = newUser()): Promise<User> {
  await page.goto('/app/register');
  await page.getByLabel('Name', { exact: true }).fill(user.fullName);
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, 'Dashboard').waitFor();
  return user;
}

/**
 * The SDK, signed in as `user` with a session of its own: what the API says, to compare the
 * page with, and a quick way to give a test its data. Never used to drive what is under test.
 */
export function apiAs(user: User): DevTrackrClient {
  return createClient({
    baseUrl: baseURL(),
    session: { email: user.email, password: user.password },
  });
}
