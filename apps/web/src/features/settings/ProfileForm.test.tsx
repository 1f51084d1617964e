import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, user } from '../../test/fakeApi';
import { renderPage, sentBodies, settingsApi } from './settingsTestApi';

const profileSection = async () => within(await screen.findByRole('region', { name: 'Profile' }));

describe('the profile form', () => {
  it('saves name, time zone (picked from the search) and week start, then reloads the profile', async () => {
    let meCalls = 0;
    const api = settingsApi({
      'GET /auth/me': () => {
        meCalls += 1;
        return json(user);
      },
      'PATCH /auth/me': async (request) =>
        json({
          ...user,
          ...((await request.json()) as object),
          updated_at: '2025-03-01T10:00:00Z',
        }),
    });
    await renderPage(api, '/settings', 'Settings');
    const type = userEvent.setup();
    const profile = await profileSection();

    const name = await profile.findByLabelText('Name');
    expect(name).toHaveValue('Ada Lovelace');
    await type.clear(name);
    await type.type(name, 'Ada King');

    const zone = profile.getByRole('combobox', { name: 'Time zone' });
    expect(zone).toHaveValue('Europe/London');
    await type.clear(zone);
    await type.type(zone, 'berl');
    const options = within(profile.getByRole('listbox', { name: 'Time zone' })).getAllByRole(
      'option',
    );
    expect(options.map((option) => option.textContent)).toEqual(['Europe/Berlin']);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    await type.keyboard('{Enter}');
    expect(zone).toHaveValue('Europe/Berlin');
    expect(zone).toHaveAttribute('aria-expanded', 'false');

    await type.selectOptions(profile.getByLabelText('Week starts on'), 'Sunday');
    const before = meCalls;
    await type.click(profile.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('Profile saved')).toBeVisible();
    expect(await sentBodies(api.requests, 'PATCH', '/auth/me')).toEqual([
      { full_name: 'Ada King', timezone: 'Europe/Berlin', week_start: 'sunday' },
    ]);
    // ['me'] is invalidated: every page showing dates picks up the new zone and week start.
    await waitFor(() => {
      expect(meCalls).toBeGreaterThan(before);
    });
  });

  it('sends a blank name as null (cleared)', async () => {
    const api = settingsApi({
      'PATCH /auth/me': () => json({ ...user, full_name: null }),
    });
    await renderPage(api, '/settings', 'Settings');
    const type = userEvent.setup();
    const profile = await profileSection();
    await type.clear(await profile.findByLabelText('Name'));
    await type.click(profile.getByRole('button', { name: 'Save profile' }));
    await screen.findByText('Profile saved');
    expect(await sentBodies(api.requests, 'PATCH', '/auth/me')).toEqual([
      { full_name: null, timezone: 'Europe/London', week_start: 'monday' },
    ]);
  });

  it('keeps what was typed and shows the server’s message on the field after a 422', async () => {
    const api = settingsApi({
      'PATCH /auth/me': () =>
        problem(422, 'validation_failed', {
          errors: [{ location: 'body.timezone', message: 'must be an IANA time zone name' }],
        }),
    });
    await renderPage(api, '/settings', 'Settings');
    const type = userEvent.setup();
    const profile = await profileSection();

    const name = await profile.findByLabelText('Name');
    await type.clear(name);
    await type.type(name, 'Countess');
    const zone = profile.getByRole('combobox', { name: 'Time zone' });
    await type.clear(zone);
    await type.type(zone, 'Mars/Olympus');
    expect(profile.getByText('No time zone matches “Mars/Olympus”.')).toBeVisible();
    // Enter with nothing to pick submits the form, as in any text field.
    await type.keyboard('{Enter}');

    expect(await profile.findByRole('alert')).toHaveTextContent(
      'Some fields need attention. See the messages below them.',
    );
    expect(zone).toHaveAccessibleDescription(
      'Dates, the week view and the dashboard’s days follow it. Type to search. Must be an IANA time zone name',
    );
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(zone).toHaveValue('Mars/Olympus');
    expect(name).toHaveValue('Countess');
  });

  it('moves through the zones with the arrow keys and closes the list with Escape', async () => {
    await renderPage(settingsApi(), '/settings', 'Settings');
    const type = userEvent.setup();
    const profile = await profileSection();
    const zone = await profile.findByRole('combobox', { name: 'Time zone' });
    await type.click(zone);
    // Opened without typing: every zone, the saved one lit.
    const listbox = profile.getByRole('listbox', { name: 'Time zone' });
    const lit = () => within(listbox).getByRole('option', { selected: true });
    expect(lit()).toHaveTextContent('Europe/London');
    expect(zone).toHaveAttribute('aria-activedescendant', lit().id);
    await type.keyboard('{ArrowDown}');
    expect(lit()).toHaveTextContent('Europe/Luxembourg');
    await type.keyboard('{Escape}');
    expect(zone).toHaveAttribute('aria-expanded', 'false');
    expect(zone).toHaveValue('Europe/London');
  });

  it('lets no shortcut fire while typing in its fields', async () => {
    const { location } = await renderPage(settingsApi(), '/settings', 'Settings');
    const type = userEvent.setup();
    const name = await (await profileSection()).findByLabelText('Name');
    await type.clear(name);
    await type.type(name, 'g t?n/');
    expect(name).toHaveValue('g t?n/');
    expect(location.current?.pathname).toBe('/settings');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
