import { DevTrackrError } from '@devtrackr/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useApi } from '../api/ApiProvider';
import { Splash } from './Splash';
import { useSignedIn } from './useSession';

type Bootstrap = 'resuming' | 'done' | 'unreachable';

/**
 * Resumes the browser session on load (the refresh cookie gives a new in-memory access token),
 * showing a splash meanwhile so a signed-in person never sees a flash of the sign-in page.
 * When the server cannot be reached (an offline start) the app goes on signed out, where the
 * sign-in page says it is offline, and tries again once the browser is back online.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { session } = useApi();
  const queryClient = useQueryClient();
  const signedIn = useSignedIn();
  const [bootstrap, setBootstrap] = useState<Bootstrap>('resuming');
  // The resume in flight. A refresh token is single use and presenting it twice revokes the
  // login, so a second effect run (StrictMode, a quick online/offline flap) must not send another.
  const inFlight = useRef<Promise<boolean> | null>(null);

  useEffect(() => {
    if (bootstrap === 'done') return;
    let live = true;
    const resume = () => {
      inFlight.current ??= session.resume().finally(() => {
        inFlight.current = null;
      });
      inFlight.current.then(
        () => {
          if (live) setBootstrap('done');
        },
        (error: unknown) => {
          // No answer at all: we cannot tell; any other failure simply means signed out.
          const unreachable = error instanceof DevTrackrError && error.status === 0;
          if (live) setBootstrap(unreachable ? 'unreachable' : 'done');
        },
      );
    };
    if (bootstrap === 'resuming') {
      resume();
      return () => {
        live = false;
      };
    }
    window.addEventListener('online', resume);
    return () => {
      live = false;
      window.removeEventListener('online', resume);
    };
  }, [session, bootstrap]);

  // One person's data must never be shown to the next person on this browser.
  useEffect(
    () =>
      session.subscribe((now) => {
        if (!now) queryClient.clear();
      }),
    [session, queryClient],
  );

  if (bootstrap === 'resuming' && !signedIn) return <Splash />;
  return children;
}
