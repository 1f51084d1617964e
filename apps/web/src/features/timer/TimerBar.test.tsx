import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeApi, json, problem, sessionAnswer, user } from '../../test/fakeApi';
import { renderApp } from '../../test/render';
import { TIMER_CHANNEL } from './timerChannel';

const running = (taskId: number, title: string, startedAt: string) => ({
  running: true,
  entry_id: 40 + taskId,
  started_at: startedAt,
  elapsed_seconds: 0,
  note: null,
  task: { id: taskId, title, category: null, status: 'doing' },
});
const idle = {
  running: false,
  entry_id: null,
  started_at: null,
  elapsed_seconds: null,
  note: null,
  task: null,
};

function signedIn(timer: () => Response, more: Record<string, () => Response> = {}) {
  return fakeApi({
    'POST /auth/session/refresh': sessionAnswer,
    'GET /auth/me': () => json(user),
    'GET /timer': timer,
    ...more,
  });
}

const timerCalls = (api: { requests: Request[] }) =>
  api.requests.filter((r) => new URL(r.url).pathname === '/timer').length;

// Any page shows the bar; the 404 page is the lightest, and calls nothing of its own.
const PAGE = '/nowhere';
const PAGE_TITLE = 'Page not found';

const bar = () => screen.getByRole('region', { name: 'Timer' });

/**
 * Vitest's fake clock, with Testing Library told about it: its waitFor then advances the fake
 * clock instead of waiting on timers that would never fire (it looks for a global `jest`).
 */
function fakeClock(now: string) {
  vi.useFakeTimers({
    now: Date.parse(now),
    toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
  });
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
}

beforeAll(async () => {
  // The page is a lazy chunk: loaded once here, so the fake clock's tests never wait on it.
  await import('../../app/NotFoundPage');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('TimerBar', () => {
  it('ticks every second from the start instant, in the bar and the tab title', async () => {
    fakeClock('2026-03-05T09:12:04.000Z');
    renderApp(
      signedIn(() => json(running(7, 'Fix login', '2026-03-05T09:00:00Z'))),
      PAGE,
    );
    await screen.findByRole('heading', { level: 1, name: PAGE_TITLE });
    const timer = await screen.findByRole('timer');
    expect(timer).toHaveTextContent('0:12:04');
    expect(within(bar()).getByRole('link', { name: 'Fix login' })).toHaveAttribute(
      'href',
      '/app/tasks/7',
    );

    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(timer).toHaveTextContent('0:12:05');
    act(() => {
      vi.advanceTimersByTime(3600 * 1000);
    });
    expect(timer).toHaveTextContent('1:12:05');
    expect(document.title).toBe('▶ 1:12:05 Fix login · Page not found · DevTrackr');
  });

  it('counts real time across the spring-forward night (Berlin 02:00 → 03:00)', async () => {
    // 00:59:30Z is 01:59:30 CET; an hour later the wall clock says 03:59:30 CEST.
    fakeClock('2026-03-29T00:59:30.000Z');
    renderApp(
      signedIn(() => json(running(7, 'Fix login', '2026-03-29T00:00:00Z'))),
      PAGE,
    );
    const timer = await screen.findByRole('timer');
    expect(timer).toHaveTextContent('0:59:30');
    act(() => {
      vi.advanceTimersByTime(3600 * 1000);
    });
    expect(timer).toHaveTextContent('1:59:30');
  });

  it('asks the server again every 30 s and when the page regains focus', async () => {
    fakeClock('2026-03-05T09:12:04.000Z');
    let answer: object = running(7, 'Fix login', '2026-03-05T09:00:00Z');
    const api = signedIn(() => json(answer));
    renderApp(api, PAGE);
    await screen.findByRole('timer');
    expect(timerCalls(api)).toBe(1);

    // Stopped on another device: the next poll shows it.
    answer = idle;
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    expect(await within(bar()).findByText('No timer running')).toBeVisible();
    expect(timerCalls(api)).toBe(2);

    // Started on another device: coming back to the tab shows it, well before the next poll.
    answer = running(9, 'Write docs', '2026-03-05T09:12:00Z');
    act(() => {
      // What a browser fires when the tab is shown again (TanStack Query's focus signal).
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    expect(await within(bar()).findByRole('link', { name: 'Write docs' })).toBeVisible();
    expect(timerCalls(api)).toBe(3);
  });

  it('shows another tab’s start and stop at once, without a fetch', async () => {
    const api = signedIn(() => json(idle));
    renderApp(api, PAGE);
    expect(await screen.findByText('No timer running')).toBeVisible();

    const otherTab = new BroadcastChannel(TIMER_CHANNEL);
    try {
      otherTab.postMessage({
        type: 'timer',
        running: { taskId: 9, taskTitle: 'Write docs', startedAt: new Date().toISOString() },
      });
      expect(await within(bar()).findByRole('link', { name: 'Write docs' })).toBeVisible();
      expect(screen.getByRole('timer')).toHaveTextContent('0:00:0');

      // Something that is not the app's message is ignored.
      otherTab.postMessage({ type: 'timer', running: { taskId: 'x' } });
      otherTab.postMessage({ type: 'timer', running: null });
      expect(await within(bar()).findByText('No timer running')).toBeVisible();
      expect(timerCalls(api)).toBe(1);
    } finally {
      otherTab.close();
    }
  });

  it('stops the timer, tells the other tabs, and clears the tab title', async () => {
    const api = signedIn(() => json(running(7, 'Fix login', '2026-03-05T09:00:00Z')), {
      'POST /tasks/7/stop-timer': () => json({ id: 7 }),
    });
    renderApp(api, PAGE);
    await screen.findByRole('heading', { level: 1, name: PAGE_TITLE });
    await screen.findByRole('timer');
    expect(document.title).toMatch(/^▶ \d+:\d\d:\d\d Fix login · Page not found · DevTrackr$/);

    const otherTab = new BroadcastChannel(TIMER_CHANNEL);
    const heard = new Promise<unknown>((resolve) => {
      otherTab.onmessage = (event: MessageEvent<unknown>) => {
        resolve(event.data);
      };
    });
    try {
      await userEvent.click(screen.getByRole('button', { name: 'Stop the timer on Fix login' }));
      expect(await within(bar()).findByText('No timer running')).toBeVisible();
      expect(await heard).toEqual({ type: 'timer', running: null });
      expect(document.title).toBe('Page not found · DevTrackr');
      expect(api.requests.some((r) => r.url.endsWith('/tasks/7/stop-timer'))).toBe(true);
    } finally {
      otherTab.close();
    }
  });

  it('says why a stop failed and keeps showing the timer', async () => {
    renderApp(
      signedIn(() => json(running(7, 'Fix login', '2026-03-05T09:00:00Z')), {
        'POST /tasks/7/stop-timer': () => problem(503, 'server_busy'),
      }),
      PAGE,
    );
    await screen.findByRole('timer');
    fireEvent.click(screen.getByRole('button', { name: 'Stop the timer on Fix login' }));
    expect(await screen.findByText('The timer could not be stopped')).toBeVisible();
    expect(
      screen.getByText(
        'DevTrackr is busy or briefly unavailable. Please wait a moment and try again.',
      ),
    ).toBeVisible();
    await waitFor(() => {
      expect(screen.getByRole('timer')).toBeVisible();
    });
  });

  it('shows nothing when the server cannot say', async () => {
    renderApp(
      signedIn(() => problem(503, 'server_busy')),
      PAGE,
    );
    await screen.findByRole('heading', { level: 1, name: PAGE_TITLE });
    await waitFor(() => {
      expect(screen.queryByRole('region', { name: 'Timer' })).not.toBeInTheDocument();
    });
  });
});
