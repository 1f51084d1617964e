import type { User } from '@devtrackr/client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';

/** Query key of the signed-in user's profile; invalidate it after a profile change. */
export const meQueryKey = ['me'] as const;

/** GET /auth/me: the signed-in user's profile (name, email, time zone). */
export function useMe(): UseQueryResult<User> {
  const { client } = useApi();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => (await client.GET('/auth/me', { signal })).data,
    // The profile changes only from Settings, which invalidates it.
    staleTime: 5 * 60_000,
  });
}

export type WeekStart = 'monday' | 'sunday';

/** What pages need from the profile to show dates: the zone, the first day of the week, a name. */
export interface Profile {
  timeZone: string;
  weekStart: WeekStart;
  /** The full name, or the email when there is none. */
  displayName: string;
}

/**
 * The profile's display settings. The API has no week start on the profile yet, so it is read
 * when present and Monday (the API's own default for /metrics/weekly) otherwise.
 */
export function profileOf(user: User): Profile {
  const weekStart =
    'week_start' in user && user.week_start === 'sunday' ? 'sunday' : ('monday' as const);
  return {
    timeZone: user.timezone,
    weekStart,
    displayName: user.full_name ?? user.email,
  };
}

/** The profile's display settings, or undefined while loading. */
export function useProfile(): Profile | undefined {
  const { data } = useMe();
  return data === undefined ? undefined : profileOf(data);
}
