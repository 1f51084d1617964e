import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderPage, settingsApi } from '../settings/settingsTestApi';

/** [keys, description] of each row of one group of the help dialog. */
function rows(dialog: HTMLElement, group: string): [string, string][] {
  const section = within(dialog).getByRole('region', { name: group });
  return within(section)
    .getAllByRole('term')
    .map((term) => [term.textContent, term.nextElementSibling?.textContent ?? '']);
}

describe('global shortcuts', () => {
  it('? lists the shortcuts that work now, grouped, with their keys', async () => {
    await renderPage(settingsApi(), '/settings', 'Settings');
    await userEvent.setup().keyboard('?');

    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveAccessibleDescription(
      'They work anywhere in the app, except while you are typing in a field.',
    );
    expect(
      within(dialog)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['General', 'Go to']);
    expect(rows(dialog, 'General')).toEqual([
      ['?', 'Show keyboard shortcuts'],
      ['Ctrl + k', 'Open the command palette'],
      ['n', 'New task'],
      ['/', 'Search tasks'],
    ]);
    expect(rows(dialog, 'Go to')).toEqual([
      ['g then d', 'Dashboard'],
      ['g then t', 'Tasks'],
      ['g then b', 'Board'],
      ['g then w', 'Week'],
      ['g then s', 'Settings'],
    ]);
    expect(within(dialog).getAllByText('g')[0]?.tagName).toBe('KBD');
  });

  it.each([
    ['g', 't', '/tasks'],
    ['g', 'w', '/week'],
    ['g', 'b', '/board'],
    ['g', 'd', '/'],
  ])('%s then %s goes to %s', async (first, second, path) => {
    const { location } = await renderPage(settingsApi(), '/settings', 'Settings');
    const type = userEvent.setup();
    await type.keyboard(first);
    await type.keyboard(second);
    await waitFor(() => {
      expect(location.current?.pathname).toBe(path);
    });
  });

  it('g s goes to settings; n opens a new task; / searches the tasks', async () => {
    const { location } = await renderPage(settingsApi(), '/week', 'Week');
    const type = userEvent.setup();
    await type.keyboard('gs');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Settings' }, { timeout: 10_000 }),
    ).toBeVisible();
    // `n` goes to /tasks?new=1, whose page focuses quick add and drops the flag (checked below
    // through the focus, the lasting outcome, as for `/`).
    await type.keyboard('n');
    // `n` leaves the focus in quick add, where keys are text: Escape leaves the field. Then leave
    // the tasks page, which while mounted claims `/` for itself.
    const quickAdd = await screen.findByRole('textbox', { name: 'Quick add' }, { timeout: 10_000 });
    await waitFor(() => {
      expect(quickAdd).toHaveFocus();
    });
    expect(location.current?.pathname).toBe('/tasks');
    await type.keyboard('{Escape}');
    expect(quickAdd).not.toHaveFocus();
    await type.keyboard('gw');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Week' }, { timeout: 10_000 }),
    ).toBeVisible();
    await type.keyboard('/');
    // `/` navigates to /tasks?focus=search; the page focuses its search field and then drops the
    // flag from the URL, so the lasting outcome is the focused field on /tasks (the URL with the
    // flag is only there for a moment, and a busy machine can miss it).
    const search = await screen.findByRole('searchbox', { name: 'Search' }, { timeout: 10_000 });
    await waitFor(() => {
      expect(search).toHaveFocus();
    });
    expect(location.current?.pathname).toBe('/tasks');
  });
});
