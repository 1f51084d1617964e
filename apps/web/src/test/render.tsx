import { render, type RenderResult } from '@testing-library/react';
import { useEffect } from 'react';
import { MemoryRouter, useLocation, type Location } from 'react-router';
import type { Api } from '../api/client';
import { AppProviders, AppRoutes } from '../app/App';
import { createQueryClient } from '../lib/queryClient';

/** Where the app currently is (path + search inside /app), updated on every navigation. */
export interface CurrentLocation {
  current: Location | undefined;
}

function LocationProbe({ into }: { into: CurrentLocation }) {
  const location = useLocation();
  useEffect(() => {
    into.current = location;
  }, [into, location]);
  return null;
}

/**
 * The whole app (providers, guard, layout, lazy pages) at `path` (inside /app), over `api`.
 * `location.current` tells where navigation went.
 */
export function renderApp(api: Api, path = '/'): RenderResult & { location: CurrentLocation } {
  const location: CurrentLocation = { current: undefined };
  const queryClient = createQueryClient();
  // Tests see failures at once rather than after retries with back-off.
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return {
    ...render(
      <AppProviders api={api} queryClient={queryClient}>
        <MemoryRouter basename="/app" initialEntries={[`/app${path}`]}>
          <AppRoutes />
          <LocationProbe into={location} />
        </MemoryRouter>
      </AppProviders>,
    ),
    location,
  };
}
