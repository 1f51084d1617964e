import { useSyncExternalStore } from 'react';
import { useApi } from '../api/ApiProvider';

/** Whether someone is signed in, re-rendering when that changes (sign-in, sign-out, expiry). */
export function useSignedIn(): boolean {
  const { session } = useApi();
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.signedIn,
  );
}
