import type { Task } from '@devtrackr/client';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, type Handler } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, makeTask, requestsTo, signedIn } from './testTasks';

/**
 * A server holding task 5 with a version: GET answers it with its ETag, PATCH checks If-Match
 * as the API does (412 with the current ETag on a mismatch). `elsewhere` changes it as another
 * tab would.
 */
function taskServer(initial: Task) {
  let task = initial;
  let version = 1;
  const etag = () => `"5-${version}"`;
  const handlers: Record<string, Handler> = {
    'GET /tasks/5': () => json(task, 200, { etag: etag() }),
    'PATCH /tasks/5': async (request) => {
      if (request.headers.get('if-match') !== etag()) {
        return problem(412, 'precondition_failed', {}, { etag: etag() });
      }
      task = { ...task, ...((await request.json()) as Partial<Task>) };
      version += 1;
      return json(task, 200, { etag: etag() });
    },
    'GET /time-entries': () => json([], 200, { 'x-total-count': '0' }),
  };
  return {
    handlers,
    elsewhere(fields: Partial<Task>) {
      task = { ...task, ...fields };
      version += 1;
    },
  };
}

const docs = makeTask(5, { title: 'Write docs', category: 'docs', priority: 'medium' });

async function openTask(handlers: Record<string, Handler>) {
  const api = fakeApi(signedIn(handlers));
  const view = renderApp(api, '/tasks/5');
  const title = await screen.findByRole('textbox', { name: 'Title' }, FIRST_RENDER);
  return { api, view, title, user: userEvent.setup() };
}

const patches = (requests: readonly Request[]) =>
  Promise.all(
    requestsTo(requests, 'PATCH', '/tasks/5').map(async (request) => ({
      ifMatch: request.headers.get('if-match'),
      body: (await request.json()) as unknown,
    })),
  );

describe('the task detail page', () => {
  it('saves only the changed fields with the ETag as If-Match', async () => {
    const server = taskServer(docs);
    const { api, title, user } = await openTask(server.handlers);

    await user.clear(title);
    await user.type(title, 'Write the docs');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Priority' }), 'High');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved')).toBeVisible();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Write the docs');
    expect(await patches(api.requests)).toEqual([
      { ifMatch: '"5-1"', body: { title: 'Write the docs', priority: 'high' } },
    ]);
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('shows a save at once and rolls it back when it fails, keeping what was typed', async () => {
    let fail: (response: Response) => void = () => undefined;
    const { title, user } = await openTask({
      ...taskServer(docs).handlers,
      'PATCH /tasks/5': () =>
        new Promise<Response>((resolve) => {
          fail = resolve;
        }),
    });

    await user.clear(title);
    await user.type(title, 'Write the docs');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // Optimistic: the page shows the new title before the server answers.
    await waitFor(() => {
      expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Write the docs');
    });

    fail(problem(503, 'database_unavailable'));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'DevTrackr is busy or briefly unavailable. Please wait a moment and try again.',
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Write docs');
    expect(title).toHaveValue('Write the docs');
  });

  it('puts the server’s field errors on the fields', async () => {
    const { title, user } = await openTask({
      ...taskServer(docs).handlers,
      'PATCH /tasks/5': () =>
        problem(422, 'validation_failed', {
          errors: [{ location: 'body.title', message: 'must not be blank' }],
        }),
    });
    await user.clear(title);
    await user.type(title, ' ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => {
      expect(title).toHaveAccessibleDescription('Must not be blank');
    });
    expect(title).toHaveAttribute('aria-invalid', 'true');
  });

  it('on a 412, shows yours against the server’s and keeps yours on the new version', async () => {
    const server = taskServer(docs);
    const { api, title, user } = await openTask(server.handlers);

    await user.clear(title);
    await user.type(title, 'Write the docs');
    server.elsewhere({ title: 'Write API docs', priority: 'high' });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const dialog = await screen.findByRole('dialog', {
      name: 'This task changed while you were editing',
    });
    const rows = (caption: string) =>
      within(within(dialog).getByRole('table', { name: caption }))
        .getAllByRole('row')
        .map((row) => row.textContent);
    expect(rows('Changed by you and on the server')).toEqual([
      'FieldYoursServer’s',
      'TitleWrite the docsWrite API docs',
    ]);
    expect(rows('Also changed on the server (kept either way)')).toEqual([
      'FieldWhen you opened itNow',
      'PriorityMediumHigh',
    ]);

    await user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    expect(await screen.findByText('Saved')).toBeVisible();
    expect(title).toHaveValue('Write the docs');
    expect(screen.getByRole('combobox', { name: 'Priority' })).toHaveValue('high');
    expect(await patches(api.requests)).toEqual([
      { ifMatch: '"5-1"', body: { title: 'Write the docs' } },
      { ifMatch: '"5-2"', body: { title: 'Write the docs' } },
    ]);
  });

  it('on a 412, can take the server’s version instead', async () => {
    const server = taskServer(docs);
    const { api, title, user } = await openTask(server.handlers);

    await user.clear(title);
    await user.type(title, 'Write the docs');
    server.elsewhere({ title: 'Write API docs', priority: 'high' });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Take the server’s version' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(title).toHaveValue('Write API docs');
    expect(screen.getByRole('combobox', { name: 'Priority' })).toHaveValue('high');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Write API docs');
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
    expect(requestsTo(api.requests, 'PATCH', '/tasks/5')).toHaveLength(1);
  });

  it('saves again without asking when the server changed nothing the form shows', async () => {
    const server = taskServer(docs);
    const { api, title, user } = await openTask(server.handlers);

    await user.clear(title);
    await user.type(title, 'Write the docs');
    // Time was tracked meanwhile: a new version, but not a different form.
    server.elsewhere({ actual_minutes: 25 });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Saved')).toBeVisible();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await patches(api.requests)).toEqual([
      { ifMatch: '"5-1"', body: { title: 'Write the docs' } },
      { ifMatch: '"5-2"', body: { title: 'Write the docs' } },
    ]);
    expect(screen.getByText('25 min')).toBeVisible();
  });

  it('deletes after confirmation and goes back to the list', async () => {
    const { api, view, user } = await openTask({
      ...taskServer(docs).handlers,
      'DELETE /tasks/5': () => new Response(null, { status: 204 }),
      'GET /tasks': () => json([], 200, { 'x-total-count': '0' }),
    });
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this task?' });
    expect(dialog).toHaveTextContent('“Write docs” and all its tracked time will be deleted.');
    await user.click(within(dialog).getByRole('button', { name: 'Delete task' }));

    await waitFor(() => {
      expect(view.location.current?.pathname).toBe('/tasks');
    });
    expect(requestsTo(api.requests, 'DELETE', '/tasks/5')).toHaveLength(1);
  });

  it('says so when the task does not exist', async () => {
    const api = fakeApi(signedIn({ 'GET /tasks/5': () => problem(404, 'not_found') }));
    renderApp(api, '/tasks/5');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Task not found' }, FIRST_RENDER),
    ).toBeVisible();
  });
});
