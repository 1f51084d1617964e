import { useQueries } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';

/**
 * The titles of the tasks `ids` (GET /tasks/{id} each), for lists of entries: an entry names
 * only its task_id. The key sits under ['task', id] so a task's edit (which invalidates that
 * prefix) refreshes its title here too; 'title' keeps it apart from the task page's own
 * ['task', id] entry, which holds the task with its ETag.
 */
export function useTaskTitles(ids: readonly number[]): ReadonlyMap<number, string> {
  const { client } = useApi();
  const unique = [...new Set(ids)];
  return useQueries({
    queries: unique.map((id) => ({
      queryKey: ['task', id, 'title'] as const,
      queryFn: async ({ signal }: { signal: AbortSignal }) =>
        (await client.GET('/tasks/{id}', { params: { path: { id } }, signal })).data.title,
      staleTime: 5 * 60_000,
    })),
    combine: (results) => {
      const titles = new Map<number, string>();
      results.forEach((result, index) => {
        const id = unique[index];
        if (id !== undefined && result.data !== undefined) titles.set(id, result.data);
      });
      return titles;
    },
  });
}
