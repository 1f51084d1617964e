import { screen } from '@testing-library/react';
import type { Api } from '../../api/client';
import { fakeApi, json, sessionAnswer, user, type Handler } from '../../test/fakeApi';
import { renderApp } from '../../test/render';

/** A token as GET /auth/tokens lists it. */
export const ciToken = {
  id: 3,
  name: 'CI laptop',
  scopes: ['tasks:read', 'time:read'],
  prefix: 'dtk_a1b2c3',
  created_at: '2025-02-10T09:00:00Z',
  expires_at: null,
  last_used_at: null,
};

/**
 * A signed-in Ada on the settings page: her profile, no tokens and no timer unless a test
 * answers otherwise. `handlers` add or replace routes.
 */
export function settingsApi(handlers: Record<string, Handler> = {}) {
  return fakeApi({
    'POST /auth/session/refresh': sessionAnswer,
    'GET /auth/me': () => json(user),
    'GET /auth/tokens': () => json([]),
    'GET /timer': () =>
      json({
        running: false,
        entry_id: null,
        started_at: null,
        elapsed_seconds: null,
        note: null,
        task: null,
      }),
    ...handlers,
  });
}

/** The JSON bodies the app sent to `METHOD /path`, in order. */
export async function sentBodies(
  requests: readonly Request[],
  method: string,
  path: string,
): Promise<unknown[]> {
  const matching = requests.filter(
    (request) => request.method === method && new URL(request.url).pathname === path,
  );
  return Promise.all(matching.map((request) => request.clone().json() as Promise<unknown>));
}

/**
 * The whole app at `path`, once its page has rendered. The first render of a lazy page can
 * take seconds on a busy machine: longer than Testing Library's default 1 s wait.
 */
export async function renderPage(api: Api, path: string, heading: string) {
  const rendered = renderApp(api, path);
  await screen.findByRole('heading', { level: 1, name: heading }, { timeout: 10_000 });
  return rendered;
}
