import { DevTrackrError } from '@devtrackr/client';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../../api/ApiProvider';
import { invalidateTrackedTime } from '../time/invalidate';
import { fromStartedTask, fromTimerState, timerKey, type RunningTimer } from './runningTimer';
import { announceTimer } from './timerChannel';

export type { RunningTimer } from './runningTimer';

// Function properties rather than methods: callers destructure them (`const { stop } =
// useTimer()`), which lint's unbound-method rule forbids for methods.
export interface Timer {
  /** The running timer; null when none runs (also while the first answer is on its way). */
  running: RunningTimer | null;
  /** Starts the timer on a task; the API stops (and credits) one running on another task. */
  start: (taskId: number) => Promise<void>;
  /** Stops the running timer, if any. */
  stop: () => Promise<void>;
  /** A start or stop is on its way. */
  pending: boolean;
}

/** GET /timer, shared by every component that shows or drives the timer. */
export function useTimerQuery(options: { refetchInterval?: number } = {}) {
  const { client } = useApi();
  return useQuery({
    queryKey: timerKey,
    queryFn: async ({ signal }) => fromTimerState((await client.GET('/timer', { signal })).data),
    // Another device may have started or stopped it: coming back to the tab always asks, even
    // when the last answer is only seconds old.
    refetchOnWindowFocus: 'always',
    ...options,
  });
}

const isCode = (error: unknown, code: string) =>
  error instanceof DevTrackrError && error.code === code;

/** The new state everywhere: this tab's cache, the other tabs, and what it made stale. */
function settle(
  queryClient: QueryClient,
  running: RunningTimer | null,
  touched: (number | undefined)[],
): void {
  queryClient.setQueryData(timerKey, running);
  announceTimer(running);
  invalidateTrackedTime(queryClient, touched);
}

/** The running timer and the actions on it (issue 14 §5). */
export function useTimer(): Timer {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const { data } = useTimerQuery();
  const running = data ?? null;

  const startMutation = useMutation({
    mutationFn: async (taskId: number) => {
      const before = queryClient.getQueryData<RunningTimer | null>(timerKey)?.taskId;
      try {
        const { data: task } = await client.POST('/tasks/{id}/start-timer', {
          params: { path: { id: taskId } },
        });
        settle(queryClient, fromStartedTask(task), [taskId, before]);
      } catch (error) {
        // Already running on this very task (started elsewhere): what was asked is true.
        if (!isCode(error, 'timer_already_running')) throw error;
        await queryClient.invalidateQueries({ queryKey: timerKey });
      }
    },
  });

  const stopMutation = useMutation({
    mutationFn: async () => {
      const current = queryClient.getQueryData<RunningTimer | null>(timerKey);
      if (current === null || current === undefined) return;
      try {
        await client.POST('/tasks/{id}/stop-timer', { params: { path: { id: current.taskId } } });
        settle(queryClient, null, [current.taskId]);
      } catch (error) {
        // Stopped (or switched) on another device meanwhile: show what runs now instead.
        if (!isCode(error, 'timer_not_running')) throw error;
        await queryClient.invalidateQueries({ queryKey: timerKey });
        invalidateTrackedTime(queryClient, [current.taskId]);
      }
    },
  });

  const { mutateAsync: startAsync } = startMutation;
  const { mutateAsync: stopAsync } = stopMutation;
  const start = useCallback((taskId: number) => startAsync(taskId), [startAsync]);
  const stop = useCallback(() => stopAsync(), [stopAsync]);

  return {
    running,
    start,
    stop,
    pending: startMutation.isPending || stopMutation.isPending,
  };
}
