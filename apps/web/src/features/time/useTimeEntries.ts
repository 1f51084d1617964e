import type { DevTrackrClient, RequestBody, TimeEntry } from '@devtrackr/client';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { inWorkspace, useWorkspaceScope } from '../workspaces/WorkspaceProvider';
import { invalidateTrackedTime, timeEntryKeys } from './invalidate';

/** The most the list route gives per page; a task's or a week's entries take few pages. */
const PAGE_LIMIT = 200;

type ListQuery = {
  task_id?: number;
  from?: string;
  to?: string;
  tz?: string;
  workspace_id?: number;
};

/** Every page of GET /time-entries for `query`, oldest first. */
async function allEntries(
  client: DevTrackrClient,
  query: ListQuery,
  signal: AbortSignal,
): Promise<TimeEntry[]> {
  const entries: TimeEntry[] = [];
  const pages = client.paginate('/time-entries', {
    params: { query: { ...query, limit: PAGE_LIMIT, offset: 0 } },
    signal,
  });
  for await (const entry of pages) entries.push(entry);
  return entries;
}

/** Every entry of one task, oldest first (GET /time-entries?task_id=…, all pages). */
export function useTaskEntries(taskId: number): UseQueryResult<TimeEntry[]> {
  const { client } = useApi();
  return useQuery({
    queryKey: timeEntryKeys.ofTask(taskId),
    queryFn: ({ signal }) => allEntries(client, { task_id: taskId }, signal),
  });
}

/**
 * Entries that started between local day `from` and local day `to` (both included) in
 * `timeZone`, oldest first. The zone is sent, not left to the profile, so the days asked for
 * are the days shown even while a profile change is on its way.
 */
export function useEntriesBetween(
  from: string,
  to: string,
  timeZone: string,
): UseQueryResult<TimeEntry[]> {
  const { client } = useApi();
  // The current workspace's entries (issue 15); the week waits until it is known.
  const { ready, workspaceId } = useWorkspaceScope();
  return useQuery({
    queryKey: [...timeEntryKeys.range(from, to, timeZone), workspaceId],
    queryFn: ({ signal }) =>
      allEntries(client, inWorkspace({ from, to, tz: timeZone }, workspaceId), signal),
    enabled: ready,
  });
}

export type NewEntry = RequestBody<'/tasks/{id}/time-entries', 'post'> & { taskId: number };
export type EntryPatch = RequestBody<'/time-entries/{id}', 'patch'>;

/** POST /tasks/{id}/time-entries: time logged by hand. */
export function useLogTime(): UseMutationResult<TimeEntry, Error, NewEntry> {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, ...body }: NewEntry) =>
      (await client.POST('/tasks/{id}/time-entries', { params: { path: { id: taskId } }, body }))
        .data,
    onSuccess: (entry) => {
      invalidateTrackedTime(queryClient, [entry.task_id]);
    },
  });
}

/** PATCH /time-entries/{id}: move or edit an entry (only the fields that changed). */
export function useEditEntry(): UseMutationResult<
  TimeEntry,
  Error,
  { entry: TimeEntry; patch: EntryPatch }
> {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ entry, patch }) =>
      (
        await client.PATCH('/time-entries/{id}', {
          params: { path: { id: entry.id } },
          body: patch,
        })
      ).data,
    onSuccess: (entry) => {
      invalidateTrackedTime(queryClient, [entry.task_id]);
      // A running entry's start is the timer's start.
      if (entry.ended_at === null) void queryClient.invalidateQueries({ queryKey: ['timer'] });
    },
  });
}

/** DELETE /time-entries/{id}. */
export function useDeleteEntry(): UseMutationResult<void, Error, TimeEntry> {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (entry: TimeEntry) => {
      await client.DELETE('/time-entries/{id}', { params: { path: { id: entry.id } } });
    },
    onSuccess: (_, entry) => {
      invalidateTrackedTime(queryClient, [entry.task_id]);
      if (entry.ended_at === null) void queryClient.invalidateQueries({ queryKey: ['timer'] });
    },
  });
}
