/**
 * PLACEHOLDER (issue 14 §5): the running timer on every page — task, elapsed time ticking,
 * stop button; tabs in step via BroadcastChannel. The layout renders it in its timer slot;
 * render nothing while no timer runs.
 */
export default function TimerBar() {
  return null;
}
