import type { PersonalToken, TokenScope } from '@devtrackr/client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';

/** Query key of the personal access tokens; invalidate it after a create or a revoke. */
export const tokensQueryKey = ['tokens'] as const;

/**
 * What each scope lets a token do, in the order the form offers them. Typed over the SDK's
 * scope union (the spec's enum): a scope added to the API is a compile error here until it has
 * its words, and a removed one too.
 */
export const SCOPE_LABELS: Readonly<Record<TokenScope, string>> = {
  'tasks:read': 'Read tasks',
  'tasks:write': 'Create, change and delete tasks',
  'time:read': 'Read time entries and the timer',
  'time:write': 'Start and stop timers, log and edit time',
  'metrics:read': 'Read the dashboard’s metrics',
  'activity:write': 'Send editor activity (WakaTime plugins)',
};

export const SCOPES = Object.keys(SCOPE_LABELS) as TokenScope[];

/** Every live token of the account (at most 100, expired ones included), newest first. */
export function useTokens(): UseQueryResult<PersonalToken[]> {
  const { client } = useApi();
  return useQuery({
    queryKey: tokensQueryKey,
    queryFn: async ({ signal }) => {
      const tokens: PersonalToken[] = [];
      for await (const token of client.paginate('/auth/tokens', {
        params: { query: { limit: 200 } },
        signal,
      })) {
        tokens.push(token);
      }
      return tokens;
    },
  });
}
