import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { MemoryRateLimitStore, type RateLimitStore } from '../modules/auth/rate-limit.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The shared Redis connection when REDIS_URL is set, otherwise null. */
    redis: Redis | null;
    /**
     * Fixed-window counters shared by every process (Redis) when REDIS_URL is set, otherwise
     * null. The credential throttles can use it in place of their in-memory store.
     */
    sharedCounters: RateLimitStore | null;
  }
}

// INCR and the first hit's PEXPIRE in one atomic step, so concurrent processes agree on the window.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/**
 * The auth throttles' counter interface on Redis. When Redis cannot answer, it counts in this
 * process's memory instead: a limit that briefly becomes per-process is better than none.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly fallback: MemoryRateLimitStore;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    now: () => number = Date.now,
  ) {
    this.fallback = new MemoryRateLimitStore(now);
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetMs: number }> {
    try {
      const [count, ttl] = (await this.redis.eval(
        HIT_SCRIPT,
        1,
        `${this.prefix}${key}`,
        String(windowMs),
      )) as [number, number];
      return { count, resetMs: ttl };
    } catch {
      return this.fallback.hit(key, windowMs);
    }
  }
}

/**
 * One Redis connection per process, used for counters only (nothing that must survive Redis
 * being flushed lives there). Commands fail fast instead of queueing while Redis is down, so a
 * Redis outage degrades rate limiting and never stalls or fails a request.
 */
export default fp(
  async function redisPlugin(app: FastifyInstance) {
    const { redisUrl, redisKeyPrefix } = app.config.production;
    if (redisUrl === undefined) {
      app.decorate('redis', null);
      app.decorate('sharedCounters', null);
      return;
    }
    const redis = new Redis(redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 500,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    let healthy = true;
    redis.on('error', (err: Error) => {
      // Reconnection attempts repeat the same error; one line per outage is enough.
      if (!healthy) return;
      healthy = false;
      app.log.warn({ err: { message: err.message } }, 'Redis unavailable; counting in memory');
    });
    redis.on('ready', () => {
      if (!healthy) app.log.info('Redis available again');
      healthy = true;
    });
    try {
      await redis.connect();
    } catch (err) {
      app.log.warn(
        { err: { message: (err as Error).message } },
        'Redis unreachable at startup; rate limits count in memory until it answers',
      );
    }
    app.decorate('redis', redis);
    app.decorate('sharedCounters', new RedisRateLimitStore(redis, `${redisKeyPrefix}auth:`));
    app.addHook('onClose', async () => {
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    });
  },
  { name: 'redis' },
);
