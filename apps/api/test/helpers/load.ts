import { setTimeout as sleep } from 'node:timers/promises';

export interface Outcome {
  seq: number;
  /** What the test was doing when the request was sent. */
  phase: string;
  status?: number;
  body?: unknown;
  contentType?: string | null;
  retryAfter?: string | null;
  /** Set when no complete HTTP response came back (refused, reset, timed out, cut short). */
  error?: string;
  /** True when the status line arrived but the body was cut short. */
  partial?: boolean;
  sentAt: number;
  doneAt: number;
}

export interface LoadStream {
  outcomes: Outcome[];
  setPhase(phase: string): void;
  /** Stops issuing requests and waits for the ones in flight. */
  stop(): Promise<Outcome[]>;
}

/**
 * `workers` loops, each sending one request at a time (with `pauseMs` between), until stopped.
 * Every request is bounded by `timeoutMs`, so a hang shows up as an error outcome, not a stuck test.
 */
export function startLoad(options: {
  base: string;
  workers: number;
  pauseMs: number;
  timeoutMs: number;
  request: (seq: number) => {
    method: string;
    path: string;
    body?: unknown;
    token?: string;
    headers?: Record<string, string>;
  };
}): LoadStream {
  const outcomes: Outcome[] = [];
  let phase = 'start';
  let stopped = false;
  let seq = 0;
  const worker = async () => {
    while (!stopped) {
      const n = seq++;
      const sentIn = phase;
      const req = options.request(n);
      const sentAt = Date.now();
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-type'] = 'application/json';
      if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
      let res: Response | undefined;
      try {
        res = await fetch(`${options.base}${req.path}`, {
          method: req.method,
          headers,
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await res.text();
        let body: unknown = undefined;
        try {
          body = text === '' ? undefined : JSON.parse(text);
        } catch {
          body = text;
        }
        outcomes.push({
          seq: n,
          phase: sentIn,
          status: res.status,
          body,
          contentType: res.headers.get('content-type'),
          retryAfter: res.headers.get('retry-after'),
          sentAt,
          doneAt: Date.now(),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        outcomes.push({
          seq: n,
          phase: sentIn,
          error: `${(err as Error).name}: ${cause?.code ?? cause?.message ?? (err as Error).message}`,
          partial: res !== undefined,
          sentAt,
          doneAt: Date.now(),
        });
      }
      await sleep(options.pauseMs);
    }
  };
  const running = Array.from({ length: options.workers }, () => worker());
  return {
    outcomes,
    setPhase(p) {
      phase = p;
    },
    async stop() {
      stopped = true;
      await Promise.all(running);
      return outcomes;
    },
  };
}

/** Polls `check` every `everyMs` until it is true or `timeoutMs` passes; returns whether it was. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(everyMs);
  }
  return check();
}
