import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, sessionAnswer, user } from '../test/fakeApi';
import { renderApp } from '../test/render';

/** A signed-in session: the refresh cookie is "there", so resume() succeeds. */
const signedIn = () =>
  fakeApi({
    'POST /auth/session/refresh': sessionAnswer,
    'GET /auth/me': () => json(user),
  });

function goOffline(offline: boolean) {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(!offline);
  act(() => {
    window.dispatchEvent(new Event(offline ? 'offline' : 'online'));
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('Layout', () => {
  it('says plainly when the app is offline, and stops saying it when back online', async () => {
    // An unknown address: the layout around the (light) 404 page, not a feature page.
    renderApp(signedIn(), '/no-such-page');
    await screen.findByRole('heading', { level: 1, name: 'Page not found' });
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();

    goOffline(true);
    const banner = screen.getByText(/You are offline/).closest('[role="status"]');
    expect(banner).toHaveTextContent(
      'You are offline. DevTrackr can’t reach the server, so nothing new can be loaded or saved until the connection is back.',
    );

    goOffline(false);
    expect(screen.queryByText(/You are offline/)).not.toBeInTheDocument();
  });

  it('has a skip link, the main navigation and the signed-in person', async () => {
    renderApp(signedIn(), '/tasks');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.getByRole('link', { name: 'Skip to content' })).toHaveAttribute('href', '#main');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Dashboard', 'Tasks', 'Board', 'Week', 'Settings']);
    expect(within(nav).getByRole('link', { name: 'Tasks' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(await screen.findByText(user.full_name)).toBeVisible();
  });

  it('shows a 404 page for an unknown address', async () => {
    renderApp(signedIn(), '/no/such/page');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});
