import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem, type Handler } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { entry, signedInHandlers } from '../time/testing';

// A Berlin profile with Monday weeks. The week of 23 March 2026 ends on the Sunday Berlin
// moves from CET (+1) to CEST (+2), at 01:00Z.
const berlin = { timezone: 'Europe/Berlin', week_start: 'monday' } as const;

const weekEntries = [
  // Tue 22:30 → Wed 01:15 CET: 90 minutes on Tuesday, 75 on Wednesday.
  entry({
    id: 2,
    task_id: 7,
    started_at: '2026-03-24T21:30:00Z',
    ended_at: '2026-03-25T00:15:00Z',
  }),
  // Sat 23:00 CET → Sun 04:00 CEST: 60 minutes on Saturday, 180 on Sunday (4 real hours).
  entry({
    id: 3,
    task_id: 8,
    started_at: '2026-03-28T22:00:00Z',
    ended_at: '2026-03-29T02:00:00Z',
  }),
];

const task = (id: number, title: string) => ({
  id,
  owner_id: 1,
  title,
  description: null,
  category: id === 9 ? 'docs' : null,
  status: 'doing',
  priority: 'medium',
  tags: [],
  estimated_minutes: null,
  actual_minutes: 0,
  due_at: null,
  completed_at: null,
  created_at: '2026-03-01T00:00:00Z',
  updated_at: '2026-03-01T00:00:00Z',
  timer_started_at: null,
});

function weekApi(more: Record<string, Handler> = {}) {
  return fakeApi(
    signedInHandlers(
      {
        'GET /timer': () =>
          json({
            running: false,
            entry_id: null,
            started_at: null,
            elapsed_seconds: null,
            note: null,
            task: null,
          }),
        'GET /time-entries': (request) =>
          json(new URL(request.url).searchParams.get('from') === '2026-03-22' ? weekEntries : []),
        'GET /tasks/7': () => json(task(7, 'Fix login')),
        'GET /tasks/8': () => json(task(8, 'Release')),
        'GET /tasks': () => json([task(9, 'Write docs')]),
        ...more,
      },
      berlin,
    ),
  );
}

const entryQueries = (api: { requests: Request[] }) =>
  api.requests
    .filter((r) => new URL(r.url).pathname === '/time-entries')
    .map((r) => Object.fromEntries(new URL(r.url).searchParams));

beforeAll(() => {
  // cmdk keeps the highlighted option in view; jsdom does no layout.
  Element.prototype.scrollIntoView = () => undefined;
  // cmdk measures its list; jsdom has no ResizeObserver.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('WeekPage', () => {
  it('shows the week’s days in the profile’s zone, with day and week totals', async () => {
    const api = weekApi();
    renderApp(api, '/week?week=2026-03-25');

    // The first render loads the lazy page: more than findBy's default second on a busy machine.
    const totals = await screen.findByRole('region', { name: 'Day totals' }, { timeout: 10_000 });
    expect(
      within(totals)
        .getAllByRole('term')
        .map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent ?? ''}`),
    ).toEqual([
      'Monday, Mar 23: 0 min',
      'Tuesday, Mar 24: 1 h 30 min',
      'Wednesday, Mar 25: 1 h 15 min',
      'Thursday, Mar 26: 0 min',
      'Friday, Mar 27: 0 min',
      'Saturday, Mar 28: 1 h 00 min',
      'Sunday, Mar 29: 3 h 00 min',
    ]);
    expect(screen.getByText('Week total').parentElement).toHaveTextContent('Week total 6 h 45 min');
    expect(screen.getByText(/Mar 23, 2026 – Mar 29, 2026 · Europe\/Berlin/)).toBeVisible();

    // The entry across midnight is under both of its days, with its share of each.
    const tuesday = screen.getByRole('region', { name: 'Tuesday, Mar 24' });
    expect(await within(tuesday).findByRole('link', { name: 'Fix login' })).toBeVisible();
    expect(tuesday).toHaveTextContent('1 h 30 min of 2 h 45 min');
    const wednesday = screen.getByRole('region', { name: 'Wednesday, Mar 25' });
    expect(wednesday).toHaveTextContent('1 h 15 min of 2 h 45 min');
    const sunday = screen.getByRole('region', { name: 'Sunday, Mar 29' });
    expect(within(sunday).getByRole('link', { name: 'Release' })).toBeVisible();
    expect(sunday).toHaveTextContent('3 h 00 min of 4 h 00 min');

    // From the day before the week, so an entry begun then is seen; in the profile's zone.
    expect(entryQueries(api)).toEqual([
      { from: '2026-03-22', to: '2026-03-29', tz: 'Europe/Berlin', limit: '200', offset: '0' },
    ]);
  });

  it('walks the weeks through the URL, with links and with [ and ]', async () => {
    const api = weekApi();
    const { location } = renderApp(api, '/week?week=2026-03-25');
    const user = userEvent.setup();
    await screen.findByRole('region', { name: 'Day totals' });

    await user.click(screen.getByRole('link', { name: 'Next week' }));
    expect(location.current?.search).toBe('?week=2026-03-30');
    expect(await screen.findByText(/Mar 30, 2026 – Apr 5, 2026/)).toBeVisible();

    // `[[` is how user-event writes one "[" key (a lone "[" opens a key descriptor).
    await user.keyboard('[[[[');
    expect(await screen.findByText(/Mar 16, 2026 – Mar 22, 2026/)).toBeVisible();
    expect(location.current?.search).toBe('?week=2026-03-16');
    await user.keyboard(']');
    expect(location.current?.search).toBe('?week=2026-03-23');
    await user.keyboard('t');
    expect(location.current?.pathname).toBe('/week');
    expect(location.current?.search).toBe('');
    expect(
      entryQueries(api)
        .map((q) => q.from)
        .slice(0, 4),
    ).toEqual(['2026-03-22', '2026-03-29', '2026-03-22', '2026-03-15']);
  });

  it('logs time on a chosen task; an overlap is said on the form, which keeps what was typed', async () => {
    let answer = () => problem(409, 'time_entry_overlap');
    const api = weekApi({ 'POST /tasks/9/time-entries': () => answer() });
    renderApp(api, '/week?week=2026-03-25');
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Log time on Monday, Mar 23' }));
    const dialog = await screen.findByRole('dialog', { name: 'Log time' });
    expect(within(dialog).getByLabelText('Date')).toHaveValue('2026-03-23');

    // Nothing chosen yet: the picker says so and nothing is sent.
    await user.type(within(dialog).getByLabelText('Start'), '09:00');
    await user.type(within(dialog).getByLabelText('Duration'), '45m');
    expect(within(dialog).getByLabelText('End')).toHaveValue('09:45');
    await user.click(within(dialog).getByRole('button', { name: 'Log time' }));
    expect(within(dialog).getByRole('combobox', { name: 'Task' })).toHaveAccessibleDescription(
      'Choose a task',
    );

    await user.type(within(dialog).getByRole('combobox', { name: 'Task' }), 'docs');
    await user.click(await within(dialog).findByRole('option', { name: /Write docs/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Log time' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This time overlaps another entry. Change the start or end.',
    );
    expect(within(dialog).getByLabelText('Start')).toHaveValue('09:00');
    expect(within(dialog).getByLabelText('Duration')).toHaveValue('45m');
    expect(within(dialog).getByRole('combobox', { name: 'Task' })).toHaveValue('Write docs');

    answer = () =>
      json(
        entry({
          id: 11,
          task_id: 9,
          started_at: '2026-03-23T08:00:00Z',
          ended_at: '2026-03-23T08:45:00Z',
        }),
        201,
      );
    await user.click(within(dialog).getByRole('button', { name: 'Log time' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    const posts = api.requests.filter(
      (r) => r.method === 'POST' && r.url.endsWith('/tasks/9/time-entries'),
    );
    expect(await Promise.all(posts.map((r) => r.json()))).toEqual([
      // 09:00 CET is 08:00Z.
      { started_at: '2026-03-23T08:00:00.000Z', ended_at: '2026-03-23T08:45:00.000Z', note: null },
      { started_at: '2026-03-23T08:00:00.000Z', ended_at: '2026-03-23T08:45:00.000Z', note: null },
    ]);
  });

  it('moves an entry to another day; a future end comes back on the End field', async () => {
    let answer = () =>
      problem(422, 'validation_failed', {
        errors: [{ location: 'body.ended_at', message: 'must not be in the future' }],
      });
    const api = weekApi({ 'PATCH /time-entries/3': () => answer() });
    renderApp(api, '/week?week=2026-03-25');
    const user = userEvent.setup();

    const saturday = await screen.findByRole('region', { name: 'Saturday, Mar 28' });
    await user.click(await within(saturday).findByRole('button', { name: /^Edit Release/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit time entry' });
    expect(dialog).toHaveTextContent('Task: Release');
    const date = within(dialog).getByLabelText('Date');
    await user.clear(date);
    await user.type(date, '2026-03-26');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const end = within(dialog).getByLabelText('End');
    expect(await within(dialog).findByText('Must not be in the future')).toBeVisible();
    expect(end).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveValue('2026-03-26');

    answer = () => json(weekEntries[1]);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    const patches = api.requests.filter((r) => r.method === 'PATCH');
    // Thu 26 March 23:00 CET → Fri 04:00 CET (no clock change that night): 22:00Z → 03:00Z.
    expect(await patches[1]?.json()).toEqual({
      started_at: '2026-03-26T22:00:00.000Z',
      ended_at: '2026-03-27T03:00:00.000Z',
    });
  });
});
