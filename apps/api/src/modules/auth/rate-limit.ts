import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.js';

/**
 * Fixed-window counters. The interface is deliberately one call, so a shared store (Redis, for
 * several processes) can replace the in-memory one without touching the callers.
 */
export interface RateLimitStore {
  /**
   * Counts one hit on `key` in the current window (which starts on the key's first hit and lasts
   * `windowMs`). Returns the count including this hit and the ms left until the window resets.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }>;
}

/**
 * One process's counters. Memory is bounded: expired windows are swept when the map grows past
 * `maxKeys`, and if that is not enough the oldest windows are dropped (which can only make a
 * limit more lenient, never lock anyone out).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly maxKeys = 100_000,
  ) {}

  hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (window) this.windows.delete(key);
      if (this.windows.size >= this.maxKeys) this.evict(now);
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return Promise.resolve({ count: window.count, resetMs: window.resetAt - now });
  }

  private evict(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    const excess = this.windows.size - Math.floor(this.maxKeys * 0.9);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.windows.keys()) {
      if (dropped++ >= excess) break;
      this.windows.delete(key);
    }
  }
}

export interface Limit {
  /** Names the counter family in keys and in the 429's detail, e.g. `login:ip`. */
  name: string;
  max: number;
  windowMs: number;
  /** The subject counted (an IP, an account); undefined skips this limit. */
  key(request: FastifyRequest): string | undefined | Promise<string | undefined>;
}

/**
 * A preHandler (it runs after validation, so the body is typed and per-account keys can read it)
 * that counts the request against each limit in order and answers 429 `rate_limited` with
 * Retry-After at the first one exceeded. Later limits are not counted once one refuses.
 */
export function rateLimitHook(
  store: RateLimitStore,
  enabled: boolean,
  limits: readonly Limit[],
): (request: FastifyRequest) => Promise<void> {
  return async function rateLimit(request: FastifyRequest): Promise<void> {
    if (!enabled) return;
    for (const limit of limits) {
      const subject = await limit.key(request);
      if (subject === undefined) continue;
      const { count, resetMs } = await store.hit(`${limit.name}:${subject}`, limit.windowMs);
      if (count > limit.max) {
        const retryAfter = Math.max(1, Math.ceil(resetMs / 1000));
        throw new AppError('rate_limited', {
          detail: `Too many attempts (${limit.name}); retry in ${retryAfter} s.`,
          headers: { 'retry-after': String(retryAfter) },
          extensions: { retry_after_seconds: retryAfter },
        });
      }
    }
  };
}
