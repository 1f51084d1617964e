import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../../test/fakeApi';
import { renderPage, sentBodies, settingsApi } from './settingsTestApi';

async function openDialog() {
  const type = userEvent.setup();
  const section = within(await screen.findByRole('region', { name: 'Delete account' }));
  await type.click(await section.findByRole('button', { name: 'Delete account…' }));
  return { type, dialog: within(screen.getByRole('dialog', { name: 'Delete your account?' })) };
}

describe('deleting the account', () => {
  it('asks for the email exactly and the password, then signs out to the sign-in page', async () => {
    const api = settingsApi({
      'DELETE /auth/me': () => new Response(null, { status: 204 }),
      'POST /auth/session/logout': () => new Response(null, { status: 204 }),
    });
    const { location } = await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openDialog();

    const email = dialog.getByLabelText('Type ada@example.com to confirm');
    const password = dialog.getByLabelText('Your password');
    const remove = dialog.getByRole('button', { name: 'Delete my account' });
    await type.type(password, 'correct horse');
    await type.type(email, 'Ada@example.com');
    expect(remove).toBeDisabled();
    await type.clear(email);
    await type.type(email, 'ada@example.co');
    expect(remove).toBeDisabled();
    await type.type(email, 'm');
    expect(remove).toBeEnabled();
    await type.click(remove);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Sign in' }, { timeout: 10_000 }),
    ).toBeVisible();
    expect(await screen.findByText('Your account was deleted')).toBeVisible();
    await waitFor(() => {
      expect(location.current?.pathname).toBe('/sign-in');
    });
    expect(await sentBodies(api.requests, 'DELETE', '/auth/me')).toEqual([
      { password: 'correct horse' },
    ]);
    expect(api.requests.some((r) => new URL(r.url).pathname === '/auth/session/logout')).toBe(true);
  });

  it('keeps the dialog and what was typed when the password is wrong', async () => {
    const api = settingsApi({
      'DELETE /auth/me': () => problem(403, 'incorrect_password'),
    });
    const { location } = await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openDialog();
    await type.type(dialog.getByLabelText('Type ada@example.com to confirm'), 'ada@example.com');
    await type.type(dialog.getByLabelText('Your password'), 'wrong horse{Enter}');

    const password = dialog.getByLabelText('Your password');
    expect(await dialog.findByText('The password is incorrect.')).toBeVisible();
    expect(password).toHaveAccessibleDescription('The password is incorrect.');
    expect(password).toHaveValue('wrong horse');
    expect(dialog.getByLabelText('Type ada@example.com to confirm')).toHaveValue('ada@example.com');
    expect(location.current?.pathname).toBe('/settings');
  });

  it('sends nothing until the email is typed exactly', async () => {
    const api = settingsApi();
    await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openDialog();
    await type.type(dialog.getByLabelText('Your password'), 'correct horse');
    await type.type(dialog.getByLabelText('Type ada@example.com to confirm'), 'ada{Enter}');
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false);
    await type.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
