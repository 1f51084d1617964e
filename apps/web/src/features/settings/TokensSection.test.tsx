import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem } from '../../test/fakeApi';
import { ciToken, renderPage, sentBodies, settingsApi } from './settingsTestApi';

const SECRET = 'dtk_a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4';

const created = {
  id: 4,
  name: 'Deploy bot',
  scopes: ['tasks:read', 'time:write'],
  prefix: 'dtk_a9f8e7',
  created_at: '2025-03-01T10:00:00Z',
  expires_at: '2099-03-31T10:00:00Z',
  last_used_at: null,
};

const tokensSection = async () =>
  within(await screen.findByRole('region', { name: 'Access tokens' }));

describe('personal access tokens', () => {
  it('creates a token and shows its secret once, with a copy button', async () => {
    let live: object[] = [ciToken];
    const api = settingsApi({
      'GET /auth/tokens': () => json(live),
      'POST /auth/tokens': () => {
        live = [created, ciToken];
        return json({ ...created, token: SECRET }, 201);
      },
    });
    await renderPage(api, '/settings', 'Settings');
    const type = userEvent.setup();
    const section = await tokensSection();

    // The list as the API gives it, dates in the profile's zone (Europe/London).
    const list = await section.findByRole('list', { name: 'Your access tokens' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'CI laptop dtk_a1b2c3…tasks:read, time:readCreated Feb 10, 2025 · Never expires · Never usedRevoke',
    ]);

    await type.type(section.getByLabelText('Name'), 'Deploy bot');
    await type.click(section.getByRole('checkbox', { name: /Read tasks/ }));
    await type.click(section.getByRole('checkbox', { name: /Start and stop timers/ }));
    await type.selectOptions(section.getByLabelText('Expires after'), '30 days');
    await type.click(section.getByRole('button', { name: 'Create token' }));

    const dialog = await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect(dialog).toHaveAccessibleDescription(
      'This is the only time you will see it. Store it somewhere safe, such as a password manager. If you lose it, revoke it and create another.',
    );
    expect(within(dialog).getByLabelText('Token “Deploy bot”')).toHaveValue(SECRET);
    expect(await sentBodies(api.requests, 'POST', '/auth/tokens')).toEqual([
      { name: 'Deploy bot', scopes: ['tasks:read', 'time:write'], expires_in_days: 30 },
    ]);

    await type.click(within(dialog).getByRole('button', { name: 'Copy token' }));
    expect(await within(dialog).findByText('Copied to the clipboard.')).toBeVisible();
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    await type.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Gone for good: the page keeps no copy of the secret.
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain(SECRET);
    // The form is ready for the next one, and the list shows the new token.
    expect(section.getByLabelText('Name')).toHaveValue('');
    expect(await section.findByText('Deploy bot')).toBeVisible();
    expect(section.getByText('Expires on Mar 31, 2099')).toBeVisible();
  });

  it('keeps the form as typed and shows the server’s message on the scopes after a 422', async () => {
    const api = settingsApi({
      'POST /auth/tokens': () =>
        problem(422, 'validation_failed', {
          errors: [{ location: 'body.scopes', message: 'must NOT have fewer than 1 items' }],
        }),
    });
    await renderPage(api, '/settings', 'Settings');
    const type = userEvent.setup();
    const section = await tokensSection();
    await type.type(section.getByLabelText('Name'), 'Nothing allowed');
    await type.selectOptions(section.getByLabelText('Expires after'), 'Never (until revoked)');
    await type.click(section.getByRole('button', { name: 'Create token' }));

    expect(await section.findByText('Must NOT have fewer than 1 items')).toBeVisible();
    expect(section.getByRole('group', { name: 'Scopes' })).toHaveAccessibleDescription(
      'Must NOT have fewer than 1 items',
    );
    expect(section.getByLabelText('Name')).toHaveValue('Nothing allowed');
    expect(section.getByLabelText('Expires after')).toHaveValue('never');
    // "Never" leaves the lifetime out: the API's "until revoked".
    expect(await sentBodies(api.requests, 'POST', '/auth/tokens')).toEqual([
      { name: 'Nothing allowed', scopes: [] },
    ]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('revokes a token after confirmation', async () => {
    let live: object[] = [ciToken];
    const api = settingsApi({
      'GET /auth/tokens': () => json(live),
      'DELETE /auth/tokens/3': () => {
        live = [];
        return new Response(null, { status: 204 });
      },
    });
    await renderPage(api, '/settings', 'Settings');
    const type = userEvent.setup();
    const section = await tokensSection();

    await type.click(await section.findByRole('button', { name: 'Revoke CI laptop' }));
    const confirm = screen.getByRole('dialog', { name: 'Revoke “CI laptop”?' });
    expect(confirm).toHaveAccessibleDescription(
      'Anything using this token stops working at once. This cannot be undone.',
    );
    await type.click(within(confirm).getByRole('button', { name: 'Revoke token' }));

    expect(await screen.findByText('Token “CI laptop” revoked')).toBeVisible();
    expect(await section.findByText('You have no access tokens yet.')).toBeVisible();
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(
      api.requests.filter((r) => r.method === 'DELETE').map((r) => new URL(r.url).pathname),
    ).toEqual(['/auth/tokens/3']);
  });
});
