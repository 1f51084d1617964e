import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { problem } from '../../test/fakeApi';
import { renderPage, sentBodies, settingsApi } from './settingsTestApi';

async function fill(current: string, next: string) {
  const type = userEvent.setup();
  const section = within(await screen.findByRole('region', { name: 'Password' }));
  await type.type(section.getByLabelText('Current password'), current);
  await type.type(section.getByLabelText('New password'), next);
  await type.click(section.getByRole('button', { name: 'Change password' }));
  return section;
}

describe('the password form', () => {
  it('changes the password, then empties its fields', async () => {
    const api = settingsApi({
      'POST /auth/change-password': () => new Response(null, { status: 204 }),
    });
    await renderPage(api, '/settings', 'Settings');
    const section = await fill('correct horse', 'battery staple 42');

    expect(await screen.findByText('Password changed')).toBeVisible();
    expect(screen.getByText('Your other sessions were signed out.')).toBeVisible();
    expect(await sentBodies(api.requests, 'POST', '/auth/change-password')).toEqual([
      { current_password: 'correct horse', new_password: 'battery staple 42' },
    ]);
    expect(section.getByLabelText('Current password')).toHaveValue('');
    expect(section.getByLabelText('New password')).toHaveValue('');
  });

  it('shows the server’s password rule on the new password and keeps both as typed', async () => {
    const api = settingsApi({
      'POST /auth/change-password': () =>
        problem(422, 'validation_failed', {
          errors: [
            {
              location: 'body.new_password',
              message: 'is too common; choose a less guessable password',
            },
          ],
        }),
    });
    await renderPage(api, '/settings', 'Settings');
    const section = await fill('correct horse', 'password1');

    const next = section.getByLabelText('New password');
    expect(
      await section.findByText('Is too common; choose a less guessable password'),
    ).toBeVisible();
    expect(next).toHaveAccessibleDescription(
      'At least 8 characters. Common passwords and your email are refused. Is too common; choose a less guessable password',
    );
    expect(next).toHaveValue('password1');
    expect(section.getByLabelText('Current password')).toHaveValue('correct horse');
  });

  it('puts a wrong current password on its field, not a vague "not allowed"', async () => {
    const api = settingsApi({
      'POST /auth/change-password': () => problem(403, 'incorrect_password'),
    });
    await renderPage(api, '/settings', 'Settings');
    const section = await fill('wrong horse', 'battery staple 42');

    const current = section.getByLabelText('Current password');
    expect(await section.findByText('The password is incorrect.')).toBeVisible();
    expect(current).toHaveAccessibleDescription('The password is incorrect.');
    expect(current).toHaveValue('wrong horse');
    expect(section.queryByText(/not allowed/)).not.toBeInTheDocument();
  });
});
