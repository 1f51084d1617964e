import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { MemoryRateLimitStore, type RateLimitStore } from '../modules/auth/rate-limit.js';
import { PERSONAL_TOKEN_PREFIX } from '../modules/auth/tokens.js';
import { AppError } from '../shared/errors.js';
import { problems } from '../shared/schemas.js';
import { PROMETHEUS_PATH } from './prometheus.js';
import { RedisRateLimitStore } from './redis.js';
import { WEB_APP_PREFIX } from './web-app.js';

/** The web app's files (/app, /app/..., /app?...); see the onRequest hook. */
const isWebAppPath = (url: string): boolean =>
  url === WEB_APP_PREFIX ||
  url.startsWith(`${WEB_APP_PREFIX}/`) ||
  url.startsWith(`${WEB_APP_PREFIX}?`);

/** Probes and scrapes: a load balancer or Prometheus polling often must never be refused. */
export const RATE_LIMIT_EXEMPT_ROUTES: ReadonlySet<string> = new Set([
  '/health',
  '/ready',
  PROMETHEUS_PATH,
]);

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Adapts our counter interface (memory or Redis) to @fastify/rate-limit's store contract. */
function storeClass(counters: RateLimitStore) {
  return class CounterStore {
    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      counters.hit(key, timeWindow).then(
        ({ count, resetMs }) => {
          callback(null, { current: count, ttl: resetMs });
        },
        (err: unknown) => {
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    }
    child(): this {
      return this;
    }
  };
}

/**
 * Who a request counts against. The limit runs in onRequest, before authentication, so that
 * floods are refused before they cost a database lookup; the user is therefore not known yet.
 *
 * - An access token (JWT) whose signature verifies counts against its user (`sub`), across all of
 *   that user's sessions and all processes. Verifying is a cached HMAC, no database call. We do
 *   not decode without verifying: a forged token naming someone else's `sub` would then spend
 *   that person's budget.
 * - Everything else (no token, a bad token, a personal access token) counts against the client
 *   IP (IPv6 by /64). Keying by the token itself would let a client mint unlimited budgets by
 *   sending random tokens; a PAT's owner is only known after a database lookup.
 */
export function rateLimitKey(app: FastifyInstance, request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
    if (token !== undefined && !token.startsWith(PERSONAL_TOKEN_PREFIX)) {
      const claims = app.authService.accessTokens.verify(token);
      if (claims) return `u:${claims.sub}`;
    }
  }
  return `ip:${normalizeIP(request.ip)}`;
}

/**
 * The global limit (RATE_LIMIT_GLOBAL_MAX per RATE_LIMIT_GLOBAL_WINDOW_MS), on top of the stricter
 * credential throttles. Answers carry the IETF draft RateLimit-Limit/-Remaining/-Reset headers;
 * a refusal is 429 `rate_limited` with Retry-After. Counters live in Redis when REDIS_URL is set
 * (shared by every process), otherwise in memory. Switched off with RATE_LIMIT_ENABLED=false.
 */
export default fp(
  async function globalRateLimit(app: FastifyInstance) {
    // Documented whether or not this instance enforces it: the spec describes a deployment, where
    // the limit is on by default.
    app.addHook('onRoute', (route) => {
      if (RATE_LIMIT_EXEMPT_ROUTES.has(route.url)) return;
      const schema = route.schema as
        { hide?: boolean; response?: Record<string, unknown> } | undefined;
      if (schema?.response === undefined || schema.hide === true) return;
      schema.response[429] ??= problems(429)[429];
    });
    if (!app.config.rateLimit.enabled) return;
    const { globalMax, globalWindowMs } = app.config.rateLimit;
    const { redisKeyPrefix } = app.config.production;
    const counters: RateLimitStore = app.redis
      ? new RedisRateLimitStore(app.redis, `${redisKeyPrefix}rl:`, () => app.clock().getTime())
      : new MemoryRateLimitStore(() => app.clock().getTime());

    await app.register(rateLimit, {
      global: false,
      max: globalMax,
      timeWindow: globalWindowMs,
      enableDraftSpec: true,
      store: storeClass(counters),
      keyGenerator: (request) => rateLimitKey(app, request),
      errorResponseBuilder: (_request, context) => {
        const retryAfter = Math.max(1, Math.ceil(context.ttl / 1000));
        return new AppError('rate_limited', {
          detail: `Too many requests; retry in ${retryAfter} s.`,
          headers: {
            'retry-after': String(retryAfter),
            'ratelimit-limit': String(context.max),
            'ratelimit-remaining': '0',
            'ratelimit-reset': String(retryAfter),
          },
          extensions: { retry_after_seconds: retryAfter },
        });
      },
    });

    const limit = app.rateLimit();
    // A root hook (not the plugin's per-route one) so it runs before every route's own
    // onRequest authentication; see rateLimitKey.
    app.addHook('onRequest', async (request, reply) => {
      const route = request.routeOptions.url;
      if (route !== undefined && RATE_LIMIT_EXEMPT_ROUTES.has(route)) return;
      // The web app's static files: one page load fetches a dozen of them, from disk, with no
      // database work; counting them would spend the budget meant for the API.
      if (isWebAppPath(request.url)) return;
      await limit.call(app, request, reply);
    });
  },
  { name: 'global-rate-limit', dependencies: ['auth', 'errors'] },
);
