import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, problem, sessionAnswer, user } from '../test/fakeApi';
import { renderApp } from '../test/render';
import { nextPath, signInPath } from './RequireAuth';

describe('the route guard', () => {
  it('sends a signed-out person to sign-in and back where they were after', async () => {
    const api = fakeApi({
      // No refresh cookie: resume() finds no session.
      'POST /auth/session/refresh': () => problem(401, 'invalid_token'),
      'POST /auth/session': sessionAnswer,
      'GET /auth/me': () => json(user),
    });
    const { location } = renderApp(api, '/tasks?status=todo');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    expect(location.current?.pathname).toBe('/sign-in');
    expect(location.current?.search).toBe(`?next=${encodeURIComponent('/tasks?status=todo')}`);

    const type = userEvent.setup();
    await type.type(screen.getByLabelText('Email'), 'ada@example.com');
    await type.type(screen.getByLabelText('Password'), 'correct horse');
    await type.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(location.current?.pathname).toBe('/tasks');
    expect(location.current?.search).toBe('?status=todo');
  });

  it('lets a resumed session straight in (a reload keeps the person signed in)', async () => {
    const api = fakeApi({
      'POST /auth/session/refresh': sessionAnswer,
      'GET /auth/me': () => json(user),
    });
    const { location } = renderApp(api, '/week');
    expect(await screen.findByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(location.current?.pathname).toBe('/week');
  });

  it('shows the sign-in page when the session ends while in the app', async () => {
    const api = fakeApi({
      'POST /auth/session/refresh': sessionAnswer,
      'POST /auth/session/logout': () => new Response(null, { status: 204 }),
      'GET /auth/me': () => json(user),
    });
    const { location } = renderApp(api, '/no-such-page');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await waitFor(() => {
      expect(location.current?.pathname).toBe('/sign-in');
    });
    expect(api.requests.some((r) => r.url.endsWith('/auth/session/logout'))).toBe(true);
  });
});

describe('next path', () => {
  it('round-trips a path through the sign-in URL', () => {
    const path = '/tasks?q=a&b#x';
    expect(nextPath(new URL(signInPath(path), 'http://x').search)).toBe(path);
    expect(signInPath('/')).toBe('/sign-in');
  });

  it.each(['?next=//evil.example', '?next=https://evil.example', '?next=/\\evil', '', '?next='])(
    'refuses %s (no open redirect)',
    (search) => {
      expect(nextPath(search)).toBe('/');
    },
  );
});
