import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { invalidateTrackedTime } from '../time/invalidate';
import { timerKey, type RunningTimer } from './runningTimer';
import { openTimerChannel } from './timerChannel';
import { useTimerQuery } from './useTimer';

/** How often the timer is asked again, for a start or stop on another device. */
export const TIMER_REFETCH_MS = 30_000;

/**
 * Keeps this tab's timer in step (issue 14 §5): other tabs' news arrives over the channel and
 * is shown at once, without a fetch; other devices are picked up every 30 s and when the page
 * regains focus (useTimerQuery asks on every focus). Mounted once, by the timer bar.
 */
export function useTimerSync(): void {
  const queryClient = useQueryClient();
  useTimerQuery({ refetchInterval: TIMER_REFETCH_MS });

  useEffect(
    () =>
      openTimerChannel((running) => {
        const before = queryClient.getQueryData<RunningTimer | null>(timerKey);
        queryClient.setQueryData(timerKey, running);
        // The other tab's start or stop changed tracked time here too.
        invalidateTrackedTime(queryClient, [before?.taskId, running?.taskId]);
      }),
    [queryClient],
  );
}
