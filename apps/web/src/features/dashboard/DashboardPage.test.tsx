import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, sessionAnswer, user, type Handler } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import * as fixture from './dashboard.fixtures';

// The page is a lazy chunk of many modules: on a busy machine its first render can take more
// than the default second. (Test files run isolated, so this holds for this file only.)
configure({ asyncUtilTimeout: 5000 });

/** The seven routes answering the fixtures. */
function metricsHandlers(overrides: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'POST /auth/session/refresh': sessionAnswer,
    'GET /auth/me': () => json(user),
    'GET /metrics/summary': () => json(fixture.summary),
    'GET /metrics/weekly': () => json(fixture.weekly),
    'GET /metrics/productivity-trends': () => json(fixture.trends),
    'GET /metrics/categories': () => json(fixture.categories),
    'GET /metrics/time-efficiency': () => json(fixture.timeEfficiency),
    'GET /metrics/priorities': () => json(fixture.priorities),
    'GET /metrics/insights': () => json(fixture.insights),
    ...overrides,
  };
}

const panel = (name: string) => screen.getByRole('region', { name });

/** Shows a panel's table and returns its rows as the cells' texts (headers included). */
async function tableOf(name: string): Promise<string[][]> {
  const region = await screen.findByRole('region', { name });
  await userEvent.click(await within(region).findByRole('button', { name: /^View as table/ }));
  const table = within(region).getByRole('table');
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
}

const summaryOf = (name: string) => panel(name).querySelector('.panel__summary')?.textContent;

/** The metrics requests' query strings, by path. */
const queries = (requests: readonly Request[], path: string): string[] =>
  requests
    .map((request) => new URL(request.url))
    .filter((url) => url.pathname === path)
    .map((url) => url.search);

describe('DashboardPage', () => {
  it('shows the summary figures exactly as the API gives them', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    // Each card is a term and its two descriptions: the figure and what it counts.
    const term = async (label: string) => {
      const dt = await screen.findByText(label, { selector: 'dt' });
      return [...(dt.parentElement?.querySelectorAll('dd') ?? [])].map((dd) => dd.textContent);
    };
    expect(await term('Tracked time')).toEqual([
      '4 h 51 min',
      'on 5 tasks estimated at 6 h 40 min',
    ]);
    expect(await term('Completed')).toEqual(['6', '7 created in the period']);
    expect(await term('Completion rate')).toEqual(['85.71%', 'completed ÷ created in the period']);
    expect(await term('Median cycle time')).toEqual(['30 h', 'from created to done']);
    expect(await term('Tasks now')).toEqual(['10', '2 to do, 1 doing, 7 done (70%)']);
    expect(await term('Overdue now')).toEqual(['1', 'open tasks past their due date']);
    expect(screen.getByText('Mar 1, 2026 – Mar 7, 2026 · Europe/Berlin')).toBeVisible();
  });

  it('asks every route for the period in the URL', async () => {
    const api = fakeApi(metricsHandlers());
    renderApp(api, '/?days=7');
    await screen.findByText(/^The week of/);
    for (const path of [
      '/metrics/summary',
      '/metrics/weekly',
      '/metrics/categories',
      '/metrics/time-efficiency',
      '/metrics/productivity-trends',
      '/metrics/priorities',
      '/metrics/insights',
    ]) {
      expect(queries(api.requests, path)).toEqual(['?days=7']);
    }
  });

  it('shows the weekly score and its three components', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    expect(await screen.findByText(/^The week of/)).toHaveTextContent(
      'The week of Mar 2 – Mar 7 scores 84 of 100: 40 points for 6 completions (target 4.29), ' +
        '23.7 for estimation accuracy (79%), 20 for 4 of 6 active days.',
    );
    expect(await tableOf('Weekly score')).toEqual([
      [
        'Week',
        'Score',
        'Completions',
        'Completion points',
        'Estimation accuracy',
        'Accuracy points',
        'Active days',
        'Active-day points',
      ],
      ['Mar 1', '30', '0 (target 0.71)', '0', 'no task to measure (0 tasks)', '0', '1 of 1', '30'],
      ['Mar 2 – Mar 7', '84', '6 (target 4.29)', '40', '79% (5 tasks)', '23.7', '4 of 6', '20'],
    ]);
  });

  it('shows tracked time per day with the API’s 7-day average', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    const rows = await tableOf('Tracked time per day');
    expect(rows).toEqual([
      ['Day', 'Tracked', '7-day average'],
      ['Mar 1, 2026', '30 min', '32 min'],
      ['Mar 2, 2026', '1 h 06 min', '33 min'],
      ['Mar 3, 2026', '0 min', '33 min'],
      ['Mar 4, 2026', '2 h 05 min', '38 min'],
      ['Mar 5, 2026', '45 min', '44 min'],
      ['Mar 6, 2026', '0 min', '40 min'],
      ['Mar 7, 2026', '25 min', '42 min'],
    ]);
    expect(summaryOf('Tracked time per day')).toBe(
      'Your busiest day was Mar 4, 2026 with 2 h 05 min; on Mar 7, 2026 the 7-day average was 42 min a day.',
    );
  });

  it('shows completions with the API’s own 7-day average and trend', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    const rows = await tableOf('Completions per day');
    expect(rows[0]).toEqual(['Day', 'Created', 'Completed', '7-day average']);
    expect(rows.slice(1)).toEqual([
      ['Mar 1, 2026', '1', '0', '0.43'],
      ['Mar 2, 2026', '2', '1', '0.57'],
      ['Mar 3, 2026', '1', '0', '0.57'],
      ['Mar 4, 2026', '0', '2', '0.86'],
      ['Mar 5, 2026', '2', '1', '0.71'],
      ['Mar 6, 2026', '1', '0', '0.71'],
      ['Mar 7, 2026', '0', '2', '0.86'],
    ]);
    expect(summaryOf('Completions per day')).toBe(
      'Completions are trending up: the fitted change from the first day to the last is +1.5 a day, around a mean of 0.86 a day.',
    );
  });

  it('compares estimates with actual time per category, as bars and as a scatter', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    expect(await tableOf('Estimated vs. actual by category')).toEqual([
      [
        'Category',
        'Tasks',
        'Estimated',
        'Actual',
        'Accuracy',
        'Median actual ÷ estimate',
        'Under',
        'On',
        'Over',
      ],
      ['backend', '3', '3 h 10 min', '3 h 11 min', '73.33%', '1.1×', '1', '1', '1'],
      ['docs', '1', '1 h 00 min', '45 min', '75%', '0.75×', '1', '0', '0'],
      ['frontend', '1', '2 h 00 min', '2 h 00 min', '100%', '1×', '0', '1', '0'],
      ['All categories', '5', '6 h 10 min', '5 h 56 min', '79%', '1×', '2', '2', '1'],
    ]);
    expect(summaryOf('Estimated vs. actual by category')).toBe(
      'Across 5 done tasks you estimated 6 h 10 min and tracked 5 h 56 min: accuracy 79%, 2 under, 2 on and 1 over estimate.',
    );

    expect(await tableOf('Estimate against actual')).toEqual([
      ['Task', 'Category', 'Estimated (x)', 'Actual (y)', 'Against the line'],
      ['Release notes', 'docs', '1 h 00 min', '45 min', 'Below: took less'],
      ['Login form', 'frontend', '2 h 00 min', '2 h 00 min', 'On the line'],
      ['Rate limiter', 'backend', '30 min', '45 min', 'Above: took longer'],
      ['Export endpoint', 'backend', '1 h 40 min', '1 h 20 min', 'Below: took less'],
      ['Schema migration', 'backend', '1 h 00 min', '1 h 06 min', 'Above: took longer'],
    ]);
    expect(summaryOf('Estimate against actual')).toBe(
      'Of 5 tasks, 2 took longer than estimated, 2 took less and 1 was exactly on estimate.',
    );
  });

  it('plots the tasks the API sends and says when it capped them', async () => {
    // 500 tasks of 1,234, the API's cap; task k (from 0) estimated 30 min, actual 30 + k.
    const tasks = Array.from({ length: 500 }, (_, k) => ({
      task_id: 2000 - k,
      title: `Task ${k}`,
      category: 'backend',
      estimated_minutes: 30,
      actual_minutes: 30 + k,
    }));
    const capped = { ...fixture.timeEfficiency, tasks, tasks_total: 1234 };
    renderApp(
      fakeApi(metricsHandlers({ 'GET /metrics/time-efficiency': () => json(capped) })),
      '/?days=7',
    );
    const rows = await tableOf('Estimate against actual');
    // The header and the first 50 tasks, in the API's order.
    expect(rows).toHaveLength(51);
    expect(rows[1]).toEqual(['Task 0', 'backend', '30 min', '30 min', 'On the line']);
    expect(rows[50]).toEqual(['Task 49', 'backend', '30 min', '1 h 19 min', 'Above: took longer']);
    expect(
      within(panel('Estimate against actual')).getByText(
        'The 50 tasks completed last of 1,234; the category table above counts them all.',
      ),
    ).toBeVisible();
    expect(summaryOf('Estimate against actual')).toBe(
      'Of the 500 tasks completed last (500 of 1,234 shown), 499 took longer than estimated and 1 was exactly on estimate.',
    );
  });

  it('shows time by category and the priorities', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    expect(await tableOf('Time by category')).toEqual([
      ['Category', 'Created', 'Done', 'Completion rate', 'Estimated', 'Tracked', 'Efficiency'],
      ['backend', '3', '3', '100%', '3 h 10 min', '3 h 11 min', '0.9948 (3 tasks)'],
      ['frontend', '2', '1', '50%', '1 h 30 min', '1 h 40 min', '—'],
      ['uncategorized', '2', '1', '50%', '0 min', '0 min', '—'],
    ]);
    expect(summaryOf('Time by category')).toBe(
      'Most of your tracked time went to backend (3 h 11 min), of 3 categories active in the period.',
    );

    expect(await tableOf('Priorities')).toEqual([
      ['Priority', 'Open', 'Overdue', 'Done in the period', 'Median cycle time', 'Tracked'],
      ['Low', '1', '0', '0', '—', '0 min'],
      ['Medium', '1', '0', '3', '24 h', '2 h 30 min'],
      ['High', '1', '1', '2', '42 h', '2 h 21 min'],
      ['Urgent', '0', '0', '1', '6.5 h', '0 min'],
    ]);
    expect(summaryOf('Priorities')).toBe(
      'Open now: 0 urgent, 1 high (1 overdue), 1 medium and 1 low; done in the period: 1 urgent, 2 high, 3 medium and 0 low.',
    );
  });

  it('shows the estimate bias, its “not enough data” rows, and the forecast band', async () => {
    renderApp(fakeApi(metricsHandlers()), '/?days=7');
    expect(await tableOf('Estimate bias by category')).toEqual([
      ['Category', 'Tasks', 'First quartile', 'Median', 'Third quartile', 'Note'],
      ['All categories', '5', '0.8×', '1×', '1.1×', ''],
      ['backend', '3', '—', '—', '—', 'Not enough data: 3 of the 5 tasks needed.'],
      ['docs', '1', '—', '—', '—', 'Not enough data: 1 of the 5 tasks needed.'],
      ['frontend', '1', '—', '—', '—', 'Not enough data: 1 of the 5 tasks needed.'],
    ]);
    expect(summaryOf('Estimate bias by category')).toBe(
      'Overall, tasks take 1× their estimate (middle half 0.8× to 1.1×, from 5 tasks); not enough data yet for backend, docs, frontend.',
    );

    expect(await tableOf('Open work forecast')).toEqual([
      [
        'Category',
        'Open estimated tasks',
        'Forecast tasks',
        'Model',
        'Forecast',
        'Low',
        'High',
        'Raw estimates',
      ],
      ['backend', '1', '1', 'All categories', '50 min', '34 min', '58 min', '50 min'],
      ['docs', '0', '0', 'None yet', '—', '—', '—', '0 min'],
      [
        'frontend',
        '1',
        '1',
        'All categories',
        '1 h 50 min',
        '1 h 26 min',
        '2 h 02 min',
        '1 h 50 min',
      ],
      ['All open work', '2', '2', '', '2 h 40 min', '2 h 00 min', '3 h 00 min', '2 h 40 min'],
    ]);
    expect(summaryOf('Open work forecast')).toBe(
      'About 2 h 40 min of work is left on 2 of 2 open estimated tasks (between 2 h 00 min and 3 h 00 min); the raw estimates say 2 h 40 min.',
    );
  });

  it('says “not enough data” instead of a model or a forecast made up from too few tasks', async () => {
    const few = {
      ...fixture.insights,
      overall: {
        sample_size: 2,
        enough_data: false,
        message: 'not enough data: 2 of the 5 tasks needed',
        median_ratio: null,
        q1_ratio: null,
        q3_ratio: null,
      },
      categories: [],
      forecast: {
        ...fixture.insights.forecast,
        forecast_tasks: 0,
        remaining_minutes: null,
        low_minutes: null,
        high_minutes: null,
      },
    };
    renderApp(fakeApi(metricsHandlers({ 'GET /metrics/insights': () => json(few) })), '/?days=7');
    for (const name of ['Estimate bias by category', 'Open work forecast']) {
      await waitFor(() => {
        expect(panel(name)).toHaveTextContent('Not enough data: 2 of the 5 tasks needed.');
      });
      expect(within(panel(name)).queryByRole('button', { name: /^View as table/ })).toBeNull();
    }
  });

  it('changes the period from the picker and keeps it in the URL', async () => {
    const api = fakeApi(metricsHandlers());
    const { location } = renderApp(api, '/');
    await screen.findByText(/^The week of/);
    expect(queries(api.requests, '/metrics/summary')).toEqual(['?days=30']);

    await userEvent.click(screen.getByRole('radio', { name: '90 days' }));
    expect(location.current?.search).toBe('?days=90');
    await waitFor(() => {
      expect(queries(api.requests, '/metrics/summary')).toEqual(['?days=30', '?days=90']);
    });
    expect(screen.getByRole('radio', { name: '90 days' })).toBeChecked();
  });

  it('checks a custom range on its fields, keeps what was typed, then applies it', async () => {
    const api = fakeApi(metricsHandlers());
    const { location } = renderApp(api, '/?days=7');
    await screen.findByText(/^The week of/);

    await userEvent.click(screen.getByRole('radio', { name: 'Custom range' }));
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    // Starts from the days on screen.
    expect(from).toHaveValue('2026-03-01');
    expect(to).toHaveValue('2026-03-07');

    await userEvent.clear(to);
    await userEvent.type(to, '2026-02-01');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(to).toHaveAccessibleDescription('The last day must be on or after the first.');
    expect(to).toHaveValue('2026-02-01');
    expect(location.current?.search).toBe('?days=7');

    await userEvent.clear(to);
    await userEvent.type(to, '2026-03-31');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(location.current?.search).toBe('?from=2026-03-01&to=2026-03-31');
    await waitFor(() => {
      expect(queries(api.requests, '/metrics/weekly')).toContain('?from=2026-03-01&to=2026-03-31');
    });
  });

  it('shows the API’s refusal of a range on the fields', async () => {
    const refuse = () =>
      problem(422, 'validation_failed', {
        errors: [{ location: 'query.to', message: 'the period is longer than 366 days' }],
      });
    const handlers = metricsHandlers();
    const everyRoute = Object.fromEntries(
      Object.keys(handlers)
        .filter((key) => key.startsWith('GET /metrics/'))
        .map((key) => [key, refuse]),
    );
    renderApp(fakeApi({ ...handlers, ...everyRoute }), '/?from=2025-03-01&to=2026-03-01');
    const to = await screen.findByLabelText('To');
    await waitFor(() => {
      expect(to).toHaveAccessibleDescription('The period is longer than 366 days');
    });
    expect(to).toHaveValue('2026-03-01');
  });

  it('falls back to 30 days when the URL’s period cannot be used, and says so', async () => {
    const api = fakeApi(metricsHandlers());
    renderApp(api, '/?days=400');
    expect(
      await screen.findByText(
        'The period in the address could not be used, so the last 30 days are shown.',
      ),
    ).toBeVisible();
    // The figures are asked for once the current workspace is known (here: none, an older API).
    await waitFor(() => {
      expect(queries(api.requests, '/metrics/summary')).toEqual(['?days=30']);
    });
  });

  it('tells a new user what to do instead of drawing empty charts', async () => {
    const empty = {
      ...fixture.summary,
      tasks: {
        total: 0,
        by_status: { todo: 0, doing: 0, done: 0 },
        by_priority: { low: 0, medium: 0, high: 0, urgent: 0 },
      },
    };
    renderApp(fakeApi(metricsHandlers({ 'GET /metrics/summary': () => json(empty) })), '/');
    expect(await screen.findByRole('heading', { name: 'Nothing to measure yet' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Add a task' })).toHaveAttribute('href', '/app/tasks');
    expect(screen.queryByRole('region', { name: 'Weekly score' })).toBeNull();
  });

  it('shows an error in words with a retry that asks again', async () => {
    let calls = 0;
    const api = fakeApi(
      metricsHandlers({
        'GET /metrics/priorities': () => {
          calls += 1;
          return calls === 1
            ? problem(503, 'service_unavailable', {}, { 'retry-after': '5' })
            : json(fixture.priorities);
        },
      }),
    );
    renderApp(api, '/?days=7');
    const alert = await within(
      await screen.findByRole('region', { name: 'Priorities' }),
    ).findByRole('alert');
    expect(alert).toHaveTextContent(
      'DevTrackr is busy or briefly unavailable. Try again in 5 seconds.',
    );
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => {
      expect(summaryOf('Priorities')).toMatch(/^Open now: 0 urgent/);
    });
  });
});
