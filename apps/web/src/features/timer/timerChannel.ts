import { parseRunningTimer, type RunningTimer } from './runningTimer';

// Tabs of the app tell each other when the timer starts or stops, so every tab shows it at once
// without asking the server. A BroadcastChannel never delivers a message to the object that
// posted it, so one object per tab both listens and posts: a tab does not hear its own news.

/** The channel's name; part of the app's contract with its other open tabs (and versions). */
export const TIMER_CHANNEL = 'devtrackr-timer';

interface TimerMessage {
  type: 'timer';
  running: RunningTimer | null;
}

let channel: BroadcastChannel | null = null;

/**
 * Opens this tab's channel and calls `onRunning` for each valid message from another tab.
 * Returns the close. Without BroadcastChannel (very old browsers) tabs still meet on focus and
 * on the 30 s refetch.
 */
export function openTimerChannel(onRunning: (running: RunningTimer | null) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const own = new BroadcastChannel(TIMER_CHANNEL);
  channel = own;
  own.onmessage = (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<TimerMessage> | null;
    if (data === null || typeof data !== 'object' || data.type !== 'timer') return;
    const running = parseRunningTimer(data.running);
    if (running !== undefined) onRunning(running);
  };
  return () => {
    own.close();
    if (channel === own) channel = null;
  };
}

/** Tells the other tabs what runs now (after this tab started or stopped the timer). */
export function announceTimer(running: RunningTimer | null): void {
  const message: TimerMessage = { type: 'timer', running };
  channel?.postMessage(message);
}
