/**
 * The load generator, run by bench/run.ts as a separate process (child_process.fork) so that
 * autocannon never shares an event loop with the orchestrator or a server. It takes jobs over IPC:
 *
 * - `load`: a warm-up run (discarded), then the measured autocannon run. It reports `measuring`
 *   when the measured run starts, so the orchestrator samples the server's CPU and RSS only then.
 * - `latency`: N sequential requests after a short warm-up; returns each request's latency.
 *
 * Requests rotate: in `shared` mode every request takes the next entry of one list (whichever
 * connection sends it), so the load spreads across users and tasks; in `perConnection` mode
 * connection c cycles through its own sequence (the timer scenario: one user per connection,
 * start then stop on each of the user's tasks in turn).
 */
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface ScenarioRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadJob {
  type: 'load';
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  mode: 'shared' | 'perConnection';
  sequences: ScenarioRequest[][];
}

export interface LatencyJob {
  type: 'latency';
  url: string;
  requests: ScenarioRequest[];
  runs: number;
  warmup: number;
}

/** One measured autocannon run (a slice of a scenario). */
export interface LoadResult {
  requests: number;
  durationSeconds: number;
  samplesMs: number[];
  non2xx: number;
  socketErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export type WorkerMessage =
  | { type: 'warmed'; p99Ms: number }
  | { type: 'measuring' }
  | { type: 'result'; result: LoadResult }
  | { type: 'latency'; samplesMs: number[]; statuses: Record<string, number> }
  | { type: 'error'; message: string };

type Job = LoadJob | LatencyJob | { type: 'go' } | { type: 'exit' };

function send(message: WorkerMessage): void {
  process.send?.(message);
}

interface ConnectionState {
  sequence?: ScenarioRequest[];
  next?: number;
}

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  state: ConnectionState;
}

function requestsFor(job: LoadJob): autocannon.Request[] {
  let shared = 0;
  let nextSequence = 0;
  const pick = (req: AutocannonRequest): ScenarioRequest => {
    if (job.mode === 'shared') {
      const list = job.sequences[0] ?? [];
      return list[shared++ % list.length]!;
    }
    // The request objects are deep-cloned per connection by autocannon, so `state` is this
    // connection's own; the first request of each connection claims the next sequence.
    const state = req.state;
    state.sequence ??= job.sequences[nextSequence++ % job.sequences.length];
    const sequence = state.sequence ?? [];
    const index = state.next ?? 0;
    state.next = index + 1;
    return sequence[index % sequence.length]!;
  };
  return [
    {
      state: {},
      setupRequest: (raw: autocannon.Request) => {
        const req = raw as unknown as AutocannonRequest;
        const r = pick(req);
        req.method = r.method;
        req.path = r.path;
        req.headers = r.headers;
        req.body = r.body ?? Buffer.alloc(0);
        return raw;
      },
    } as unknown as autocannon.Request,
  ];
}

interface Run {
  result: autocannon.Result;
  /** Every response's latency (autocannon's own percentiles only cover 2xx). */
  samplesMs: number[];
}

function runAutocannon(job: LoadJob, seconds: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const samplesMs: number[] = [];
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: seconds,
        timeout: 30,
        requests: requestsFor(job),
      },
      (err: unknown, result: autocannon.Result) => {
        if (err) reject(err instanceof Error ? err : new Error('autocannon failed'));
        else resolve({ result, samplesMs });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      samplesMs.push(ms);
    });
  });
}

function summarise({ result: r, samplesMs }: Run): LoadResult {
  const statusCodes: Record<string, number> = {};
  const stats = (r as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats;
  for (const [code, s] of Object.entries(stats ?? {})) statusCodes[code] = s.count;
  return {
    requests: r.requests.total,
    durationSeconds: r.duration,
    samplesMs,
    non2xx: r.non2xx,
    socketErrors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

let go: (() => void) | undefined;

async function load(job: LoadJob): Promise<void> {
  if (job.warmupSeconds > 0) {
    const warm = await runAutocannon(job, job.warmupSeconds);
    // autocannon closes its sockets when time is up, but the server still works through the
    // requests in flight; the orchestrator waits for it to drain before the measured run.
    const ready = new Promise<void>((resolve) => (go = resolve));
    send({ type: 'warmed', p99Ms: warm.result.latency.p99 });
    await ready;
  }
  send({ type: 'measuring' });
  send({ type: 'result', result: summarise(await runAutocannon(job, job.durationSeconds)) });
}

async function latency(job: LatencyJob): Promise<void> {
  const samplesMs: number[] = [];
  const statuses: Record<string, number> = {};
  const total = job.warmup + job.runs;
  for (let i = 0; i < total; i++) {
    const r = job.requests[i % job.requests.length]!;
    const start = performance.now();
    const res = await fetch(job.url + r.path, {
      method: r.method,
      headers: r.headers,
      ...(r.body !== undefined ? { body: r.body } : {}),
    });
    await res.arrayBuffer();
    const ms = performance.now() - start;
    if (i >= job.warmup) {
      samplesMs.push(ms);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  }
  send({ type: 'latency', samplesMs, statuses });
}

process.on('message', (job: Job) => {
  if (job.type === 'exit') {
    if (process.connected) process.disconnect();
    return;
  }
  if (job.type === 'go') {
    go?.();
    return;
  }
  const work = job.type === 'load' ? load(job) : latency(job);
  work.catch((err: unknown) => {
    send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
});
