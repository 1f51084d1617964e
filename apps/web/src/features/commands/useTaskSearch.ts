import type { Task } from '@devtrackr/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import { inWorkspace, useWorkspaceScope } from '../workspaces/WorkspaceProvider';

/** How long typing must pause before the palette asks the server. */
export const SEARCH_DELAY_MS = 200;
/** Titles shown per search: a palette is for picking, not browsing. */
export const SEARCH_LIMIT = 8;
/** Fewer letters match too much to be useful (and cost a query per key). */
export const MIN_SEARCH_LENGTH = 2;

/** `value`, once it has stopped changing for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(value);
    }, delayMs);
    return () => {
      clearTimeout(timer);
    };
  }, [value, delayMs]);
  return settled;
}

export interface TaskSearch {
  /** The matches of the latest answer; empty while the search is too short. */
  tasks: Task[];
  /** Typing has not settled yet, or the answer is on its way. */
  searching: boolean;
  error: unknown;
}

/** Tasks whose title or description contains `search` (GET /tasks?q=), recently changed first. */
export function useTaskSearch(search: string): TaskSearch {
  const { client } = useApi();
  const wanted = search.trim().slice(0, 200);
  const q = useSettled(wanted, SEARCH_DELAY_MS);
  const enabled = q.length >= MIN_SEARCH_LENGTH && wanted.length >= MIN_SEARCH_LENGTH;
  const { workspaceId } = useWorkspaceScope();
  const result = useQuery({
    queryKey: ['tasks', 'palette', q, workspaceId],
    queryFn: async ({ signal }) =>
      (
        await client.GET('/tasks', {
          params: {
            query: inWorkspace(
              { q, limit: SEARCH_LIMIT, sort: '-updated_at' as const },
              workspaceId,
            ),
          },
          signal,
        })
      ).data,
    enabled,
    // The previous answer stays while the next is on its way, so the list does not flicker.
    placeholderData: keepPreviousData,
  });
  return {
    tasks: enabled ? (result.data ?? []) : [],
    searching: wanted.length >= MIN_SEARCH_LENGTH && (result.isFetching || q !== wanted),
    error: enabled ? result.error : null,
  };
}
