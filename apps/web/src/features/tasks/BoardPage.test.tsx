import type { Task } from '@devtrackr/client';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem, type Handler } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { FIRST_RENDER, makeTask, requestsTo, signedIn, taskPage } from './testTasks';

/**
 * jsdom lays nothing out, and dnd-kit finds columns by their boxes: give the board the layout
 * a wide screen would, three columns side by side, each card near the top of its column.
 */
const COLUMN_LEFT = { todo: 0, doing: 320, done: 640 } as const;
function boardLayout(this: Element): DOMRect {
  const column = this.closest<HTMLElement>('[data-column]');
  const left = COLUMN_LEFT[(column?.dataset.column ?? 'todo') as keyof typeof COLUMN_LEFT];
  if (column === this) return new DOMRect(left, 100, 300, 600);
  if (this.classList.contains('board-card')) return new DOMRect(left + 10, 150, 280, 60);
  return new DOMRect(0, 0, 0, 0);
}

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

beforeEach(() => {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(boardLayout);
  // Radix's menus measure themselves; jsdom has no ResizeObserver.
  vi.stubGlobal('ResizeObserver', NoResizeObserver);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** A server with tasks in columns: GET /tasks?status=… lists them, PATCH moves them. */
function boardServer(tasks: Task[], patch?: Handler) {
  const byId = new Map(tasks.map((task) => [task.id, task]));
  const handlers: Record<string, Handler> = {
    'GET /tasks': (request) => {
      const status = new URL(request.url).searchParams.get('status');
      const column = [...byId.values()].filter((task) => task.status === status);
      return taskPage(column, column.length);
    },
    'GET /tasks/1': () => json(byId.get(1), 200, { etag: '"1-1"' }),
    'GET /tasks/2': () => json(byId.get(2), 200, { etag: '"2-1"' }),
    'PATCH /tasks/1':
      patch ??
      (async (request) => {
        const task = {
          ...makeTask(1),
          ...byId.get(1),
          ...((await request.json()) as Partial<Task>),
        };
        byId.set(1, task);
        return json(task, 200, { etag: '"1-2"' });
      }),
    'PATCH /tasks/2': async (request) => {
      const task = { ...makeTask(2), ...byId.get(2), ...((await request.json()) as Partial<Task>) };
      byId.set(2, task);
      return json(task, 200, { etag: '"2-2"' });
    },
  };
  return handlers;
}

const tasks = [
  makeTask(1, { title: 'Write docs', priority: 'high' }),
  makeTask(2),
  makeTask(3, { status: 'doing' }),
];

const column = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name}`) });
const titlesIn = (name: string) =>
  within(column(name))
    .queryAllByRole('link')
    .map((link) => link.textContent);

async function openBoard(handlers: Record<string, Handler>) {
  const api = fakeApi(signedIn(handlers));
  renderApp(api, '/board');
  await screen.findByRole('button', { name: 'Move Write docs' }, FIRST_RENDER);
  return { api, user: userEvent.setup() };
}

describe('the board', () => {
  it('shows the tasks in three columns with their counts', async () => {
    await openBoard(boardServer(tasks));
    expect(titlesIn('To do')).toEqual(['Write docs', 'Task 2']);
    expect(titlesIn('Doing')).toEqual(['Task 3']);
    expect(titlesIn('Done')).toEqual([]);
    expect(column('To do')).toHaveAccessibleName('To do 2');
  });

  it('moves a card with the keyboard: Space, an arrow, Space; announced and sent with If-Match', async () => {
    const { api, user } = await openBoard(boardServer(tasks));

    screen.getByRole('button', { name: 'Move Write docs' }).focus();
    await user.keyboard('[Space]');
    expect(await screen.findByText('Picked up “Write docs”, in To do.')).toBeInTheDocument();
    await user.keyboard('[ArrowRight]');
    expect(await screen.findByText('“Write docs” is over Doing.')).toBeInTheDocument();
    await user.keyboard('[Space]');
    expect(await screen.findByText('“Write docs” was moved to Doing.')).toBeInTheDocument();

    // Optimistic: in Doing at once, on top.
    expect(titlesIn('Doing')).toEqual(['Write docs', 'Task 3']);
    expect(titlesIn('To do')).toEqual(['Task 2']);
    await waitFor(() => {
      expect(requestsTo(api.requests, 'PATCH', '/tasks/1')).toHaveLength(1);
    });
    const [sent] = requestsTo(api.requests, 'PATCH', '/tasks/1');
    expect(sent?.headers.get('if-match')).toBe('"1-1"');
    expect(await sent?.json()).toEqual({ status: 'doing' });
    // The lists are read again and agree.
    await waitFor(() => {
      expect(column('Doing')).toHaveAccessibleName('Doing 2');
    });
    expect(titlesIn('To do')).toEqual(['Task 2']);
  });

  it('leaves the card where it was when the drag is cancelled with Escape', async () => {
    const { api, user } = await openBoard(boardServer(tasks));
    screen.getByRole('button', { name: 'Move Write docs' }).focus();
    await user.keyboard('[Space]');
    await screen.findByText('Picked up “Write docs”, in To do.');
    await user.keyboard('[ArrowRight][Escape]');
    expect(
      await screen.findByText('Moving “Write docs” was cancelled; it stays in To do.'),
    ).toBeInTheDocument();
    expect(titlesIn('To do')).toEqual(['Write docs', 'Task 2']);
    expect(requestsTo(api.requests, 'PATCH', '/tasks/1')).toHaveLength(0);
  });

  it('rolls the card back with a message when the server refuses the move', async () => {
    const { user } = await openBoard(
      boardServer(tasks, () => problem(412, 'precondition_failed', {}, { etag: '"1-3"' })),
    );
    screen.getByRole('button', { name: 'Move Write docs' }).focus();
    await user.keyboard('[Space]');
    await screen.findByText('Picked up “Write docs”, in To do.');
    await user.keyboard('[ArrowRight]');
    await screen.findByText('“Write docs” is over Doing.');
    await user.keyboard('[Space]');

    expect(await screen.findByText('“Write docs” stays in To do')).toBeInTheDocument();
    expect(
      screen.getByText('It was changed elsewhere meanwhile. The board now shows it as it is.'),
    ).toBeInTheDocument();
    expect(titlesIn('To do')).toEqual(['Write docs', 'Task 2']);
    expect(titlesIn('Doing')).toEqual(['Task 3']);
  });

  it('moves a card with its status menu', async () => {
    const { api, user } = await openBoard(boardServer(tasks));
    await user.click(screen.getByRole('button', { name: 'Status of Task 2: To do' }));
    await user.click(await screen.findByRole('menuitemradio', { name: 'Done' }));

    expect(await screen.findByText('“Task 2” moved to Done.')).toBeInTheDocument();
    expect(titlesIn('Done')).toEqual(['Task 2']);
    const [sent] = requestsTo(api.requests, 'PATCH', '/tasks/2');
    expect(sent?.headers.get('if-match')).toBe('"2-1"');
    expect(await sent?.json()).toEqual({ status: 'done' });
  });
});
