import {
  linkQuery,
  nextLink,
  type DevTrackrClient,
  type Task,
  type TaskPatch,
} from '@devtrackr/client';
import {
  useInfiniteQuery,
  useQuery,
  type QueryClient,
  type UseInfiniteQueryResult,
  type UseQueryResult,
  type InfiniteData,
} from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { inWorkspace, useWorkspaceScope } from '../workspaces/WorkspaceProvider';
import type { ListQuery } from './filters';

/** Rows per request: big enough that scrolling rarely waits, small enough to answer fast. */
export const PAGE_SIZE = 100;

/**
 * Coming back to the tab refreshes a list of at most this many pages. A list scrolled deeper is
 * left as it is: refreshing an infinite list reads every loaded page again, one after another
 * (each page's cursor comes from the one before), which for the heavy user's deep scroll would
 * be hundreds of requests on every focus. Changes made here still refresh it.
 */
export const FOCUS_REFRESH_MAX_PAGES = 5;

/** Query keys. Lists live under ['tasks'], one task under ['task', id] (with its ETag). */
export const taskKeys = {
  lists: ['tasks'] as const,
  list: (query: ListQuery) => ['tasks', 'list', query] as const,
  detail: (id: number) => ['task', id] as const,
};

export interface TaskPage {
  tasks: Task[];
  /** X-Total-Count: every task matching the filters, not just this page. */
  total: number;
  /** The cursor of the next page; undefined on the last one. */
  nextCursor: string | undefined;
}

/**
 * The `cursor` of the `rel="next"` link of a Link header. The API keeps the filters and sort in
 * that URL; only the cursor is taken, since the query is rebuilt from the typed filters.
 */
export function nextCursor(link: string | null): string | undefined {
  const target = nextLink(link);
  if (target === undefined) return undefined;
  const cursor = linkQuery(target).cursor;
  return Array.isArray(cursor) ? cursor[0] : cursor;
}

/** One page of GET /tasks: a cursor walk (`cursor=` empty first), so page 500 costs what page 1 does. */
export async function fetchTaskPage(
  client: DevTrackrClient,
  query: ListQuery,
  cursor: string,
  signal?: AbortSignal,
): Promise<TaskPage> {
  const { data, response } = await client.GET('/tasks', {
    params: { query: { ...query, limit: PAGE_SIZE, cursor } },
    signal,
  });
  const total = Number(response.headers.get('x-total-count'));
  return {
    tasks: data,
    total: Number.isFinite(total) ? total : data.length,
    nextCursor: nextCursor(response.headers.get('link')),
  };
}

export type TaskPages = InfiniteData<TaskPage, string>;

/** The tasks matching `query`, page by page as the list scrolls. */
export function useTaskList(query: ListQuery): UseInfiniteQueryResult<TaskPages> {
  const { client } = useApi();
  // The current workspace's tasks (issue 15); the list waits until it is known.
  const { ready, workspaceId } = useWorkspaceScope();
  const scoped = inWorkspace(query, workspaceId);
  return useInfiniteQuery({
    queryKey: taskKeys.list(scoped),
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => fetchTaskPage(client, scoped, pageParam, signal),
    enabled: ready,
    getNextPageParam: (last) => last.nextCursor,
    refetchOnWindowFocus: (query) =>
      (query.state.data?.pages.length ?? 0) <= FOCUS_REFRESH_MAX_PAGES,
  });
}

/** A task as last read, with the ETag that a PATCH must present as If-Match. */
export interface TaskWithEtag {
  task: Task;
  etag: string;
}

export async function fetchTask(
  client: DevTrackrClient,
  id: number,
  signal?: AbortSignal,
): Promise<TaskWithEtag> {
  const { data, response } = await client.GET('/tasks/{id}', {
    params: { path: { id } },
    signal,
  });
  return { task: data, etag: response.headers.get('etag') ?? '' };
}

export function useTask(id: number): UseQueryResult<TaskWithEtag> {
  const { client } = useApi();
  return useQuery({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => fetchTask(client, id, signal),
  });
}

/**
 * PATCH /tasks/{id} on the version `etag` names: a change made meanwhile elsewhere is a 412
 * (precondition_failed) instead of being overwritten unseen.
 */
export async function patchTask(
  client: DevTrackrClient,
  id: number,
  patch: TaskPatch,
  etag: string,
): Promise<TaskWithEtag> {
  const { data, response } = await client.PATCH('/tasks/{id}', {
    params: { path: { id }, header: { 'if-match': etag } },
    body: patch,
  });
  return { task: data, etag: response.headers.get('etag') ?? '' };
}

/**
 * The ETag to send with a change to task `id`: the cached one when fresh, else read now. The
 * list answer carries no ETag per task, so a change made from a list (the board) asks for it.
 */
export async function etagOf(
  queryClient: QueryClient,
  client: DevTrackrClient,
  id: number,
): Promise<string> {
  const { etag } = await queryClient.query({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => fetchTask(client, id, signal),
  });
  return etag;
}

/** Every task loaded in a list's pages, in order. */
export function loadedTasks(data: TaskPages | undefined): Task[] {
  return data?.pages.flatMap((page) => page.tasks) ?? [];
}
