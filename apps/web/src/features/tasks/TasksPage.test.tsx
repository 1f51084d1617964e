import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, makeTask, queryOf, requestsTo, signedIn, taskPage } from './testTasks';

beforeEach(() => {
  // jsdom has no layout or scrolling; the virtualiser's scrollToIndex calls this.
  vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const three = [makeTask(1), makeTask(2), makeTask(3)];
const list = () => screen.findByRole('list', { name: 'Tasks' }, FIRST_RENDER);
/** The list's rows (its own items, not the facts list inside each row). */
const rows = (root: HTMLElement) => [...root.querySelectorAll(':scope > [role="listitem"]')];
const rowTitles = (root: HTMLElement) =>
  rows(root).map((row) => row.querySelector('a')?.textContent ?? '(loader)');

describe('the task list', () => {
  it('renders only a window of rows for 10,000 tasks, and pages by cursor as it scrolls', async () => {
    const all = Array.from({ length: 10_000 }, (_, i) => makeTask(i + 1));
    const api = fakeApi(
      signedIn({
        'GET /tasks': (request) => {
          const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
          const start = cursor === '' ? 0 : Number(cursor);
          const end = start + 100;
          return taskPage(all.slice(start, end), 10_000, end < 10_000 ? String(end) : undefined);
        },
      }),
    );
    renderApp(api, '/tasks');

    const root = await list();
    expect(await screen.findByText('10,000 tasks')).toBeVisible();
    // jsdom's window is 768 px high: 12 rows of 64 px are in view, plus 8 overscanned.
    const titles = rowTitles(root);
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe('Task 1');
    expect(titles[19]).toBe('Task 20');
    expect(rows(root)[0]).toHaveAttribute('aria-setsize', '10000');

    const first = requestsTo(api.requests, 'GET', '/tasks');
    expect(first).toHaveLength(1);
    expect(Object.fromEntries(queryOf(first[0]))).toEqual({
      sort: '-created_at',
      limit: '100',
      cursor: '',
    });

    // Scrolled to 6,000 px: rows 93–100 are in view, the last being the "loading more" row.
    Object.defineProperty(window, 'scrollY', { value: 6000, configurable: true });
    act(() => {
      window.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => {
      expect(requestsTo(api.requests, 'GET', '/tasks')).toHaveLength(2);
    });
    expect(queryOf(requestsTo(api.requests, 'GET', '/tasks')[1]).get('cursor')).toBe('100');
    // With 200 loaded, rows 93–105 are in view, plus 8 either side: still a window.
    await waitFor(() => {
      expect(rowTitles(root)).toHaveLength(29);
    });
    expect(rowTitles(root)[0]).toBe('Task 86');
    expect(screen.queryByText('Task 1')).not.toBeInTheDocument();
    Object.defineProperty(window, 'scrollY', { value: 0, configurable: true });
  });

  it('reads its filters from the URL and writes changes back to it', async () => {
    const api = fakeApi(signedIn({ 'GET /tasks': () => taskPage([makeTask(7)], 1) }));
    const { location } = renderApp(api, '/tasks?status=todo&q=login&tag=api');
    await list();

    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('login');
    expect(screen.getByRole('checkbox', { name: 'To do' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Doing' })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: /Tags/ })).toHaveValue('api');
    const query = queryOf(requestsTo(api.requests, 'GET', '/tasks')[0]);
    expect(query.getAll('status')).toEqual(['todo']);
    expect(query.get('q')).toBe('login');
    expect(query.getAll('tag')).toEqual(['api']);

    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Doing' }));
    expect(location.current?.search).toBe('?status=todo%2Cdoing&tag=api&q=login');
    await waitFor(() => {
      const last = requestsTo(api.requests, 'GET', '/tasks').at(-1);
      expect(queryOf(last).getAll('status')).toEqual(['todo', 'doing']);
    });

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), ' page');
    await waitFor(() => {
      expect(location.current?.search).toBe('?status=todo%2Cdoing&tag=api&q=login+page');
    });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(location.current?.search).toBe('');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  });

  it('focuses the quick-add or search field for ?new=1 and ?focus=search, then drops the flag', async () => {
    const api = fakeApi(signedIn({ 'GET /tasks': () => taskPage(three, 3) }));
    const first = renderApp(api, '/tasks?new=1');
    await waitFor(() => {
      expect(screen.getByRole('textbox', { name: 'Quick add' })).toHaveFocus();
    });
    await waitFor(() => {
      expect(first.location.current?.search).toBe('');
    });
    first.unmount();

    const second = renderApp(api, '/tasks?focus=search&status=todo');
    await waitFor(() => {
      expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    });
    await waitFor(() => {
      expect(second.location.current?.search).toBe('?status=todo');
    });
  });

  it('focuses quick add for the global n pressed on another page, once the list is loaded', async () => {
    const api = fakeApi(signedIn({ 'GET /tasks': () => taskPage(three, 3) }));
    const { location } = renderApp(api, '/tasks');
    await list();
    const user = userEvent.setup();
    // The page's chunk is loaded now, so coming back renders it in the same commit as the
    // layout, whose move of focus to <main> must not win.
    await user.click(screen.getByRole('link', { name: 'Dashboard' }));
    await waitFor(() => {
      expect(location.current?.pathname).toBe('/');
    });
    await user.keyboard('n');
    await waitFor(() => {
      expect(screen.getByRole('textbox', { name: 'Quick add' })).toHaveFocus();
    });
    await waitFor(() => {
      expect(location.current?.search).toBe('');
    });
  });
});

describe('the list keyboard', () => {
  it('moves with j/k, selects with x, starts and stops the timer with s, opens with e', async () => {
    const api = fakeApi(
      signedIn({
        'GET /tasks': () => taskPage(three, 3),
        'POST /tasks/2/start-timer': () =>
          json(makeTask(2, { timer_started_at: '2025-03-01T10:00:00Z' })),
        'POST /tasks/2/stop-timer': () => json({}),
        'GET /tasks/2': () => json(makeTask(2), 200, { etag: '"2-1-0-"' }),
      }),
    );
    const { location } = renderApp(api, '/tasks');
    const root = await list();
    const row = (title: string) => within(root).getByText(title).closest('[role="listitem"]');
    const user = userEvent.setup();

    await user.keyboard('j');
    expect(row('Task 1')).toHaveFocus();
    await user.keyboard('jj');
    expect(row('Task 3')).toHaveFocus();
    await user.keyboard('j');
    expect(row('Task 3')).toHaveFocus();
    await user.keyboard('k');
    expect(row('Task 2')).toHaveFocus();

    await user.keyboard('x');
    expect(screen.getByRole('checkbox', { name: 'Select Task 2' })).toBeChecked();
    expect(screen.getByText('1 task selected')).toBeVisible();
    await user.keyboard('x');
    expect(screen.getByRole('checkbox', { name: 'Select Task 2' })).not.toBeChecked();

    await user.keyboard('s');
    expect(await within(root).findByText('Timer running')).toBeVisible();
    expect(requestsTo(api.requests, 'POST', '/tasks/2/start-timer')).toHaveLength(1);
    await user.keyboard('s');
    await waitFor(() => {
      expect(within(root).queryByText('Timer running')).not.toBeInTheDocument();
    });
    expect(requestsTo(api.requests, 'POST', '/tasks/2/stop-timer')).toHaveLength(1);

    await user.keyboard('e');
    await waitFor(() => {
      expect(location.current?.pathname).toBe('/tasks/2');
    });
  });

  it('opens the focused row with Enter, and / and n reach the search and quick-add fields', async () => {
    const api = fakeApi(
      signedIn({
        'GET /tasks': () => taskPage(three, 3),
        'GET /tasks/1': () => json(makeTask(1), 200, { etag: '"1-1-0-"' }),
      }),
    );
    const { location } = renderApp(api, '/tasks');
    await list();
    const user = userEvent.setup();

    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus();
    // Typing in a field types: "n" is a letter of the search here, not a shortcut.
    await user.keyboard('n');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue('n');
    await user.keyboard('{Escape}');
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('n');
    expect(screen.getByRole('textbox', { name: 'Quick add' })).toHaveFocus();
    (document.activeElement as HTMLElement).blur();

    await user.keyboard('j{Enter}');
    await waitFor(() => {
      expect(location.current?.pathname).toBe('/tasks/1');
    });
  });
});

describe('bulk status', () => {
  it('changes every selected task and reports the one that failed, keeping it selected', async () => {
    const api = fakeApi(
      signedIn({
        'GET /tasks': () => taskPage(three, 3),
        'PATCH /tasks/bulk': () =>
          json([
            { index: 0, status: 200, task: makeTask(1, { status: 'done' }) },
            {
              index: 1,
              status: 404,
              problem: {
                type: 'about:blank',
                title: 'Not found',
                status: 404,
                code: 'not_found',
                detail: 'Task 2 not found',
              },
            },
            { index: 2, status: 200, task: makeTask(3, { status: 'done' }) },
          ]),
      }),
    );
    renderApp(api, '/tasks');
    await list();
    const user = userEvent.setup();

    await user.click(screen.getByRole('checkbox', { name: 'Select Task 1' }));
    // Shift-click selects the range from the last click.
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('checkbox', { name: 'Select Task 3' }));
    await user.keyboard('{/Shift}');
    expect(screen.getByRole('checkbox', { name: 'Select Task 2' })).toBeChecked();
    expect(screen.getByText('3 tasks selected')).toBeVisible();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Set status to' }), 'Done');
    await user.click(screen.getByRole('button', { name: 'Apply to 3 tasks' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      '1 task could not be changed and is still selected:Task 2: This item does not exist, or it was deleted.',
    );
    expect(await screen.findByText('2 tasks set to Done')).toBeInTheDocument();
    expect(screen.getByText('1 task selected')).toBeVisible();
    expect(screen.getByRole('checkbox', { name: 'Select Task 2' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Task 1' })).not.toBeChecked();

    const [bulk] = requestsTo(api.requests, 'PATCH', '/tasks/bulk');
    expect(await bulk?.json()).toEqual([
      { id: 1, status: 'done' },
      { id: 2, status: 'done' },
      { id: 3, status: 'done' },
    ]);
  });

  it('says why a whole bulk request failed', async () => {
    const api = fakeApi(
      signedIn({
        'GET /tasks': () => taskPage(three, 3),
        'PATCH /tasks/bulk': () =>
          problem(503, 'database_unavailable', {}, { 'retry-after': '30' }),
      }),
    );
    renderApp(api, '/tasks');
    await list();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Select all 3 shown' }));
    await user.click(screen.getByRole('button', { name: 'Apply to 3 tasks' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'DevTrackr is busy or briefly unavailable. Try again in 30 seconds.',
    );
    expect(screen.getByText('3 tasks selected')).toBeVisible();
  });
});
