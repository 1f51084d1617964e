import { DevTrackrError } from './errors.js';

/**
 * One call's signal: the caller's (if any) combined with the call's timeout. The timeout covers
 * the whole call, body included, and a refresh-and-retry too, so `timeoutMs` is what the caller
 * waits at most. `failure` turns whatever fetch threw into a DevTrackrError, telling a timeout
 * from the caller's abort from a network error by which signal fired, not by the error's shape
 * (runtimes disagree on what an aborted fetch rejects with).
 */
export function callSignal(
  caller: AbortSignal | null | undefined,
  timeoutMs: number,
): {
  signal: AbortSignal | undefined;
  run: <T>(work: Promise<T>) => Promise<T>;
  failure: (error: unknown) => DevTrackrError;
} {
  // Infinity (or any non-finite value) means no timeout, e.g. for a long export download.
  const timeout = Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined;
  const signals = [caller, timeout].filter((s): s is AbortSignal => s != null);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];

  // Settles when the signal fires even if a custom fetch ignores it, so no call outlives its limit.
  const run = async <T>(work: Promise<T>): Promise<T> => {
    if (signal === undefined) return work;
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        reject(signal.reason as Error);
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  const failure = (error: unknown): DevTrackrError => {
    if (error instanceof DevTrackrError) return error;
    if (caller?.aborted) {
      return new DevTrackrError({
        status: 0,
        code: 'aborted',
        title: 'Aborted',
        detail: 'The request was aborted by the caller',
        cause: caller.reason,
      });
    }
    if (timeout?.aborted) {
      return new DevTrackrError({
        status: 0,
        code: 'timeout',
        title: 'Timeout',
        detail: `No complete answer within ${timeoutMs} ms`,
        cause: error,
      });
    }
    return new DevTrackrError({
      status: 0,
      code: 'network_error',
      title: 'Network error',
      detail: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  };
  return { signal, run, failure };
}
