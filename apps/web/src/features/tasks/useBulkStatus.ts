import { DevTrackrError, type Problem, type TaskStatus } from '@devtrackr/client';
import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { humanMessage } from '../../api/problem';
import { taskKeys } from './taskQueries';
import type { Selected } from './useSelection';

/** PATCH /tasks/bulk takes at most this many items; a bigger selection goes in several calls. */
export const BULK_MAX = 100;

export interface BulkFailure extends Selected {
  message: string;
}

export interface BulkOutcome {
  changed: number;
  failures: BulkFailure[];
}

/** A per-item problem of the bulk answer as the error the SDK would have thrown for it. */
function itemError(status: number, problem: Problem | undefined): DevTrackrError {
  return new DevTrackrError({
    status,
    code: problem?.code ?? 'http_error',
    title: problem?.title ?? `HTTP ${status}`,
    detail: problem?.detail ?? '',
    errors: problem?.errors,
    problem,
  });
}

/**
 * Sets the status of many tasks with PATCH /tasks/bulk. Items are independent on the server (a
 * bad one does not undo the others), so the outcome lists each task that failed with its own
 * reason, for the page to report and keep selected.
 */
export function useBulkStatus(): UseMutationResult<
  BulkOutcome,
  unknown,
  { tasks: readonly Selected[]; status: TaskStatus }
> {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ tasks, status }) => {
      const outcome: BulkOutcome = { changed: 0, failures: [] };
      for (let start = 0; start < tasks.length; start += BULK_MAX) {
        const chunk = tasks.slice(start, start + BULK_MAX);
        const { data } = await client.PATCH('/tasks/bulk', {
          body: chunk.map(({ id }) => ({ id, status })),
        });
        for (const result of data) {
          const target = chunk[result.index];
          if (target === undefined) continue;
          if (result.status >= 200 && result.status < 300) outcome.changed += 1;
          else {
            const message = humanMessage(itemError(result.status, result.problem));
            outcome.failures.push({ ...target, message });
          }
        }
      }
      return outcome;
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: taskKeys.lists }),
        queryClient.invalidateQueries({ queryKey: ['task'] }),
      ]),
  });
}
