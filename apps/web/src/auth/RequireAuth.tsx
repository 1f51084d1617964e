import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSignedIn } from './useSession';

/** The sign-in URL that brings the person back to `path` afterwards. */
export function signInPath(path: string): string {
  return path === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}

/**
 * Where to go after signing in: the `next` parameter when it is a path inside the app, else
 * the dashboard. Anything else (`//evil.example`, `https://…`) is ignored: no open redirect.
 */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) {
    return '/';
  }
  return next;
}

/** Renders its children only for a signed-in person; others go to sign-in and come back here. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const signedIn = useSignedIn();
  const location = useLocation();
  if (!signedIn) {
    return (
      <Navigate to={signInPath(location.pathname + location.search + location.hash)} replace />
    );
  }
  return children;
}
