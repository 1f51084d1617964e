import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';

/**
 * Ends the session on the server and forgets it here. The session's change of state does the
 * rest: SessionProvider clears the query cache and the route guard shows the sign-in page.
 */
export function useSignOut(): UseMutationResult<void, unknown, void> {
  const { session } = useApi();
  return useMutation({ mutationFn: () => session.signOut() });
}
