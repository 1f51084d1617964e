import type { DevTrackrClient } from '@devtrackr/client';

/** The profile's calendar: where "today", "fri" and "this week" are. */
export interface Calendar {
  timeZone: string;
  weekStart: 'monday' | 'sunday';
  weekStartsOn: 0 | 1;
}

export type WeeklyReport = Awaited<ReturnType<typeof thisWeek>>;

/** /metrics/weekly for the current week, in the profile's zone and week (the API's defaults). */
export async function thisWeek(client: DevTrackrClient) {
  return (await client.GET('/metrics/weekly', { params: { query: { weeks: 1 } } })).data;
}

/**
 * The profile's zone and week start, as /metrics/weekly echoes them. GET /auth/me has them but
 * answers a personal access token (what the CLI holds) 403 `insufficient_scope`; the metrics
 * endpoints default to the profile's calendar and say which one they used.
 */
export function calendarOf(weekly: WeeklyReport): Calendar {
  return {
    timeZone: weekly.period.tz,
    weekStart: weekly.week_start,
    weekStartsOn: weekly.week_start === 'sunday' ? 0 : 1,
  };
}

export async function userCalendar(client: DevTrackrClient): Promise<Calendar> {
  return calendarOf(await thisWeek(client));
}
