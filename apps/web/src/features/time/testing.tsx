import type { TimeEntry } from '@devtrackr/client';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import type { Api } from '../../api/client';
import { AppProviders } from '../../app/App';
import { createQueryClient } from '../../lib/queryClient';
import { json, sessionAnswer, user, type Handler } from '../../test/fakeApi';

/** The signed-in person's answers (refresh + profile) in `timeZone`, plus the test's own. */
export function signedInHandlers(
  handlers: Record<string, Handler>,
  profile: { timezone?: string; week_start?: 'monday' | 'sunday' } = {},
): Record<string, Handler> {
  return {
    'POST /auth/session/refresh': sessionAnswer,
    'GET /auth/me': () => json({ ...user, ...profile }),
    ...handlers,
  };
}

/** One component inside the app's providers and a router, without the app's layout. */
export function renderInApp(api: Api, ui: ReactNode): RenderResult {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  return render(
    <AppProviders api={api} queryClient={queryClient}>
      <MemoryRouter basename="/app" initialEntries={['/app/']}>
        {ui}
      </MemoryRouter>
    </AppProviders>,
  );
}

/** A time entry as the API sends it; fields not given are those of a finished manual entry. */
export function entry(
  fields: { id: number; task_id?: number; started_at: string; ended_at: string | null } & Partial<{
    duration_seconds: number | null;
    source: TimeEntry['source'];
    note: string | null;
  }>,
): TimeEntry {
  const seconds =
    fields.ended_at === null
      ? null
      : Math.floor((Date.parse(fields.ended_at) - Date.parse(fields.started_at)) / 1000);
  return {
    task_id: 7,
    workspace_id: 1,
    user_id: 1,
    duration_seconds: seconds,
    source: 'manual' as const,
    note: null,
    created_at: fields.started_at,
    ...fields,
  };
}
