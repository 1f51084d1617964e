import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../test/fakeApi';
import { renderPage, settingsApi } from '../settings/settingsTestApi';

const task = {
  id: 7,
  owner_id: 1,
  title: 'Fix login redirect',
  description: null,
  category: 'backend',
  status: 'todo',
  priority: 'high',
  tags: [],
  estimated_minutes: 45,
  actual_minutes: 0,
  due_at: null,
  completed_at: null,
  created_at: '2025-03-01T09:00:00Z',
  updated_at: '2025-03-01T09:00:00Z',
  timer_started_at: null,
};

beforeAll(() => {
  // jsdom lacks what cmdk uses to size its list and keep the selection in view.
  if (!('ResizeObserver' in globalThis)) {
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
  }
  if (!('scrollIntoView' in Element.prototype)) {
    Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => undefined });
  }
});

/** The profile's name field: a text field to type in. */
const nameField = async () =>
  within(await screen.findByRole('region', { name: 'Profile' })).findByLabelText('Name');

async function openPalette() {
  const type = userEvent.setup();
  await type.keyboard('{Control>}k{/Control}');
  const dialog = await screen.findByRole(
    'dialog',
    { name: 'Command palette' },
    { timeout: 10_000 },
  );
  return { type, dialog, input: within(dialog).getByRole('combobox', { name: 'Command' }) };
}

/** The options' names: their text without the aria-hidden key hints. */
const optionNames = (dialog: HTMLElement) =>
  within(dialog)
    .getAllByRole('option')
    .map((option) =>
      [...option.children]
        .filter((part) => part.getAttribute('aria-hidden') !== 'true')
        .map((part) => part.textContent)
        .join(''),
    );

describe('the command palette', () => {
  it('opens with Ctrl-K, even from a text field, and goes to a page by keyboard', async () => {
    const { location } = await renderPage(settingsApi(), '/settings', 'Settings');
    const name = await nameField();
    name.focus();
    const { type, dialog, input } = await openPalette();

    expect(input).toHaveFocus();
    expect(within(dialog).getByRole('listbox')).toBeInTheDocument();
    await type.keyboard('wee');
    expect(optionNames(dialog)).toEqual(['Go to Week']);
    await type.keyboard('{Enter}');

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Week' }, { timeout: 10_000 }),
    ).toBeVisible();
    expect(location.current?.pathname).toBe('/week');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('finds a task by title and starts its timer', async () => {
    const api = settingsApi({
      'GET /tasks': (request) =>
        json(new URL(request.url).searchParams.get('q') === 'login' ? [task] : []),
      'POST /tasks/7/start-timer': () =>
        json({ ...task, status: 'doing', timer_started_at: '2025-03-01T10:00:00Z' }),
    });
    await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openPalette();

    await type.keyboard('login');
    expect(
      await within(dialog).findByRole('option', {
        name: 'Start the timer on “Fix login redirect”',
      }),
    ).toBeVisible();
    expect(optionNames(dialog)).toEqual([
      'Open “Fix login redirect”',
      'Start the timer on “Fix login redirect”',
    ]);
    await type.keyboard('{ArrowDown}{Enter}');

    expect(await screen.findByText('Timer started')).toBeVisible();
    expect(
      api.requests
        .filter((r) => r.method === 'POST' && new URL(r.url).pathname.startsWith('/tasks'))
        .map((r) => new URL(r.url).pathname),
    ).toEqual(['/tasks/7/start-timer']);
    const search = api.requests.find((r) => new URL(r.url).pathname === '/tasks');
    expect(new URL(search?.url ?? '').searchParams.get('q')).toBe('login');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('opens a found task', async () => {
    const api = settingsApi({ 'GET /tasks': () => json([task]) });
    const { location } = await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openPalette();
    await type.keyboard('redirect');
    await within(dialog).findByRole('option', { name: 'Open “Fix login redirect”' });
    await type.keyboard('{Enter}');
    await waitFor(() => {
      expect(location.current?.pathname).toBe('/tasks/7');
    });
  });

  it('offers to stop the running timer', async () => {
    const api = settingsApi({
      'GET /timer': () =>
        json({
          running: true,
          entry_id: 12,
          started_at: '2025-03-01T10:00:00Z',
          elapsed_seconds: 60,
          note: null,
          task: { id: 7, title: 'Fix login redirect', category: 'backend', status: 'doing' },
        }),
      'POST /tasks/7/stop-timer': () => json({}),
    });
    await renderPage(api, '/settings', 'Settings');
    const { type, dialog } = await openPalette();
    await type.keyboard('stop');
    await within(dialog).findByRole('option', { name: 'Stop the timer on “Fix login redirect”' });
    await type.keyboard('{Enter}');
    expect(await screen.findByText('Timer stopped')).toBeVisible();
    expect(api.requests.some((r) => new URL(r.url).pathname === '/tasks/7/stop-timer')).toBe(true);
  });

  it('switches the theme and shows the shortcuts', async () => {
    await renderPage(settingsApi(), '/settings', 'Settings');
    let { type, dialog } = await openPalette();
    await type.keyboard('dark');
    expect(optionNames(dialog)).toEqual(['Use the dark theme']);
    await type.keyboard('{Enter}');
    expect(document.documentElement.dataset.theme).toBe('dark');

    ({ type, dialog } = await openPalette());
    await type.keyboard('help');
    await type.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  });

  it('says so when nothing matches, beside the listbox rather than in it', async () => {
    await renderPage(settingsApi({ 'GET /tasks': () => json([]) }), '/settings', 'Settings');
    const { type, dialog } = await openPalette();
    await type.keyboard('zzz');
    const status = within(dialog).getByRole('status');
    await waitFor(() => {
      expect(status).toHaveTextContent('No command or task matches “zzz”.');
    });
    expect(within(dialog).queryAllByRole('option')).toEqual([]);
  });

  it('closes with Escape and gives the focus back', async () => {
    await renderPage(settingsApi(), '/settings', 'Settings');
    const name = await nameField();
    name.focus();
    const { type } = await openPalette();
    await type.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => {
      expect(name).toHaveFocus();
    });
  });
});
