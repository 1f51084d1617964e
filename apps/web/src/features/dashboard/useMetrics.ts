import type { ResponseData } from '@devtrackr/client';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { inWorkspace, useWorkspaceScope } from '../workspaces/WorkspaceProvider';
import type { Period } from './period';

/** The seven analytics routes (docs/metrics.md); each takes the same period parameters. */
export type MetricsPath =
  | '/metrics/summary'
  | '/metrics/weekly'
  | '/metrics/categories'
  | '/metrics/time-efficiency'
  | '/metrics/productivity-trends'
  | '/metrics/priorities'
  | '/metrics/insights';

export type Metrics<P extends MetricsPath> = ResponseData<P, 'get'>;

export type Summary = Metrics<'/metrics/summary'>;
export type Weekly = Metrics<'/metrics/weekly'>;
export type Week = Weekly['weeks'][number];
export type Categories = Metrics<'/metrics/categories'>;
export type TimeEfficiency = Metrics<'/metrics/time-efficiency'>;
export type Trends = Metrics<'/metrics/productivity-trends'>;
export type Priorities = Metrics<'/metrics/priorities'>;
export type Insights = Metrics<'/metrics/insights'>;

/** Query key of one analytics answer; ['metrics'] invalidates them all (e.g. after a zone change). */
export const metricsKey = (path: MetricsPath, period: Period | undefined) =>
  ['metrics', path, period ?? null] as const;

/**
 * One analytics route for a period (none yet: the query waits). The API aggregates (one SQL statement per route), so the
 * app asks for exactly what it shows and never fetches tasks or entries to count them itself.
 * Every route answers in the profile's time zone when `tz` is left out.
 */
export function useMetrics<P extends MetricsPath>(
  path: P,
  period: Period | undefined,
): UseQueryResult<Metrics<P>> {
  const { client } = useApi();
  // The current workspace's figures (issue 15); they wait until it is known.
  const { ready, workspaceId } = useWorkspaceScope();
  return useQuery({
    queryKey: [...metricsKey(path, period), workspaceId],
    queryFn: async ({ signal }) => {
      // The seven paths share one query shape; TypeScript cannot pick an overload from a union
      // of paths, so the call is made on the one path type and the answer typed by `P`.
      const { data } = await client.GET(path as '/metrics/summary', {
        params: { query: period && inWorkspace(period, workspaceId) },
        signal,
      });
      return data as Metrics<P>;
    },
    enabled: period !== undefined && ready,
  });
}
