import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../../test/fakeApi';
import { renderPage, settingsApi } from './settingsTestApi';

async function openConfirm() {
  const type = userEvent.setup();
  const section = within(await screen.findByRole('region', { name: 'Sessions' }));
  await type.click(await section.findByRole('button', { name: 'Sign out everywhere…' }));
  return { type, dialog: within(screen.getByRole('dialog', { name: 'Sign out everywhere?' })) };
}

describe('signing out everywhere', () => {
  it('ends every session on the server, then this one, and lands on sign-in', async () => {
    const calls: string[] = [];
    const api = settingsApi({
      'POST /auth/logout-all': () => {
        calls.push('logout-all');
        return new Response(null, { status: 204 });
      },
      'POST /auth/session/logout': () => {
        calls.push('session/logout');
        return new Response(null, { status: 204 });
      },
    });
    await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openConfirm();
    await type.click(dialog.getByRole('button', { name: 'Sign out everywhere' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }, { timeout: 10_000 }),
    ).toBeVisible();
    expect(calls).toEqual(['logout-all', 'session/logout']);
  });

  it('a failure keeps the dialog open with the reason, and signs nobody out', async () => {
    const api = settingsApi({
      'POST /auth/logout-all': () => problem(503, 'database_unavailable'),
    });
    await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openConfirm();
    await type.click(dialog.getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => {
      expect(dialog.getByRole('alert')).toHaveTextContent(/unavailable|try again/i);
    });
    expect(screen.getByRole('dialog', { name: 'Sign out everywhere?' })).toBeVisible();
    expect(screen.queryByRole('heading', { level: 1, name: 'Sign in' })).toBeNull();
  });
});
