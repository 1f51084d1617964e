import type { Task } from '@devtrackr/client';
import { json, sessionAnswer, user, type Handler } from '../../test/fakeApi';

// Fixtures for the tasks area's component tests: tasks shaped as the API sends them, and the
// answers every signed-in page needs.

/** A task as GET /tasks answers it; `Task <id>` unless the test says otherwise. */
export function makeTask(id: number, fields: Partial<Task> = {}): Task {
  return {
    id,
    owner_id: user.id,
    workspace_id: 1,
    project_id: null,
    assignee_id: null,
    created_by: user.id,
    title: `Task ${id}`,
    description: null,
    category: null,
    status: 'todo',
    priority: 'medium',
    tags: [],
    estimated_minutes: null,
    actual_minutes: 0,
    due_at: null,
    completed_at: null,
    created_at: '2025-03-01T09:00:00Z',
    updated_at: '2025-03-01T09:00:00Z',
    timer_started_at: null,
    ...fields,
  };
}

export const noTimer = {
  running: false,
  entry_id: null,
  started_at: null,
  elapsed_seconds: null,
  note: null,
  task: null,
};

/** A signed-in session with no timer running, plus the test's own routes. */
export function signedIn(handlers: Record<string, Handler>): Record<string, Handler> {
  return {
    'POST /auth/session/refresh': sessionAnswer,
    'GET /auth/me': () => json(user),
    'GET /timer': () => json(noTimer),
    ...handlers,
  };
}

/** One page of GET /tasks: the body, X-Total-Count and a Link to the next cursor when given. */
export function taskPage(tasks: Task[], total: number, next?: string): Response {
  const headers: Record<string, string> = { 'x-total-count': String(total) };
  if (next !== undefined) {
    headers.link = `</tasks?cursor=${encodeURIComponent(next)}&limit=100>; rel="next", </tasks?cursor=&limit=100>; rel="first"`;
  }
  return json(tasks, 200, headers);
}

/** The requests a fake API saw for `METHOD /path`. */
export function requestsTo(requests: readonly Request[], method: string, path: string): Request[] {
  return requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
}

/** The query of a request the test expects to have been made. */
export function queryOf(request: Request | undefined): URLSearchParams {
  if (request === undefined) throw new Error('The request was not made');
  return new URL(request.url).searchParams;
}

/**
 * How long to wait for a page's first render: it loads the lazy page chunk and its imports,
 * which takes seconds on a busy machine (Testing Library's default is 1 s).
 */
export const FIRST_RENDER = { timeout: 10_000 };
