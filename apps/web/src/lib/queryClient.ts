import { DevTrackrError } from '@devtrackr/client';
import { QueryClient } from '@tanstack/react-query';

/** At most this many retries of a failed query (network errors, 5xx). */
const MAX_RETRIES = 2;

/**
 * A 4xx is an answer, not a hiccup: asking again gets the same 404 or 422 (and a 429 again
 * sooner). Only failures that may pass by themselves (no answer, 5xx) are retried.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof DevTrackrError && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

/** The app's TanStack Query defaults; one client per app (or per test). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        // A developer keeps the app open all day: coming back to the tab shows fresh data.
        refetchOnWindowFocus: true,
        // Data a few seconds old is fine to show while a page mounts; focus refetches anyway.
        staleTime: 15_000,
      },
      // A mutation is retried by the person (the form keeps what was typed), never silently.
      mutations: { retry: false },
    },
  });
}
