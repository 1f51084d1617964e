import type { User } from '@devtrackr/client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';

/** Query key of the signed-in user's profile; invalidate it after a profile change. */
export const meQueryKey = ['me'] as const;

/** GET /auth/me: the signed-in user's profile (name, email, time zone, week start). */
export function useMe(): UseQueryResult<User> {
  const { client } = useApi();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => (await client.GET('/auth/me', { signal })).data,
    // The profile changes only from Settings, which invalidates it.
    staleTime: 5 * 60_000,
  });
}

export type WeekStart = User['week_start'];

/** What pages need from the profile to show dates: the zone, the first day of the week, a name. */
export interface Profile {
  timeZone: string;
  weekStart: WeekStart;
  /** The full name, or the email when there is none. */
  displayName: string;
}

/** The profile's display settings. */
export function profileOf(user: User): Profile {
  return {
    timeZone: user.timezone,
    weekStart: user.week_start,
    displayName: user.full_name ?? user.email,
  };
}

/** The profile's display settings, or undefined while loading. */
export function useProfile(): Profile | undefined {
  const { data } = useMe();
  return data === undefined ? undefined : profileOf(data);
}
