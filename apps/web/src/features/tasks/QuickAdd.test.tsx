import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, makeTask, requestsTo, signedIn, taskPage } from './testTasks';

// The test user's zone is Europe/London (UTC+0 in March, UTC+1 in July).

async function quickAdd() {
  return screen.findByRole('textbox', { name: 'Quick add' }, FIRST_RENDER);
}

const chips = () =>
  within(screen.getByRole('list', { name: 'Understood so far' }))
    .getAllByRole('listitem')
    .map((chip) => chip.textContent);

describe('quick add', () => {
  it('previews what it understood, creates the task on Enter and keeps the focus for the next', async () => {
    const api = fakeApi(
      signedIn({
        'GET /tasks': () => taskPage([], 0),
        'POST /tasks': () => json(makeTask(41, { title: 'Fix login redirect' }), 201),
      }),
    );
    renderApp(api, '/tasks');
    const input = await quickAdd();
    const user = userEvent.setup();

    await user.type(input, 'Fix login redirect #backend @auth !high due:2025-03-07 ~45m');
    expect(chips()).toEqual([
      'Title Fix login redirect',
      'Category backend',
      'Tag auth',
      'Priority High',
      'Due Mar 7, 2025',
      'Estimate 45 min',
    ]);
    expect(input).not.toHaveAttribute('aria-invalid');

    await user.keyboard('{Enter}');
    await waitFor(() => {
      expect(input).toHaveValue('');
    });
    expect(input).toHaveFocus();
    expect(await screen.findByText('Added “Fix login redirect”')).toBeInTheDocument();
    const [created] = requestsTo(api.requests, 'POST', '/tasks');
    expect(await created?.json()).toEqual({
      title: 'Fix login redirect',
      category: 'backend',
      tags: ['auth'],
      priority: 'high',
      // A date without a time: the end of that day in London (GMT in March).
      due_at: '2025-03-07T23:59:59.999Z',
      estimated_minutes: 45,
    });
    // The list asks again so the new task shows.
    await waitFor(() => {
      expect(requestsTo(api.requests, 'GET', '/tasks')).toHaveLength(2);
    });
    expect(screen.queryByRole('list', { name: 'Understood so far' })).not.toBeInTheDocument();
  });

  it('reads a due time in the profile zone', async () => {
    const api = fakeApi(signedIn({ 'GET /tasks': () => taskPage([], 0) }));
    renderApp(api, '/tasks');
    const user = userEvent.setup();
    await user.type(await quickAdd(), 'Call Bob due:"2025-07-01 5pm"');
    // 17:00 in London in July (BST) is 16:00 UTC, shown back as 5:00 PM.
    expect(chips()).toEqual(['Title Call Bob', 'Due Jul 1, 2025, 5:00 PM']);
  });

  it('shows what it did not understand on the field and does not send the line', async () => {
    const api = fakeApi(signedIn({ 'GET /tasks': () => taskPage([], 0) }));
    renderApp(api, '/tasks');
    const input = await quickAdd();
    const user = userEvent.setup();

    await user.type(input, 'Fix !hihg');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining('Unknown priority "!hihg"'));
    await user.keyboard('{Enter}');
    // Said to screen readers too: Enter did nothing visible.
    expect(screen.getByText(/^Not added yet:/).closest('[role="status"]')).not.toBeNull();
    expect(requestsTo(api.requests, 'POST', '/tasks')).toHaveLength(0);
    expect(input).toHaveValue('Fix !hihg');
  });

  it('keeps the line when the server refuses it, with the server’s reason', async () => {
    const api = fakeApi(
      signedIn({
        'GET /tasks': () => taskPage([], 0),
        'POST /tasks': () =>
          problem(422, 'validation_failed', {
            errors: [
              { location: 'body.category', message: 'must NOT have more than 50 characters' },
            ],
          }),
      }),
    );
    renderApp(api, '/tasks');
    const input = await quickAdd();
    const user = userEvent.setup();
    await user.type(input, 'Ship it #release{Enter}');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Some fields need attention. See the messages below them.');
    expect(alert).toHaveTextContent('category: Must NOT have more than 50 characters');
    expect(input).toHaveValue('Ship it #release');
  });
});
