import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/types.js';
import docsPlugin from './plugins/docs.js';
import authPlugin from './plugins/auth.js';
import errorsPlugin, { clientErrorHandler } from './plugins/errors.js';
import inputGuardPlugin from './plugins/input-guard.js';
import idempotencyPlugin from './plugins/idempotency.js';
import loadSheddingPlugin from './plugins/load-shedding.js';
import prometheusPlugin from './plugins/prometheus.js';
import rateLimitPlugin from './plugins/rate-limit.js';
import redisPlugin from './plugins/redis.js';
import securityPlugin from './plugins/security.js';
import webAppPlugin, { WEB_APP_PREFIX } from './plugins/web-app.js';
import activityRoutes from './modules/activity/activity.routes.js';
import authRoutes from './modules/auth/auth.routes.js';
import sessionCookieRoutes from './modules/auth/session-cookie.routes.js';
import metricsRoutes from './modules/metrics/metrics.routes.js';
import projectsRoutes from './modules/projects/projects.routes.js';
import systemRoutes from './modules/system/system.routes.js';
import tasksRoutes from './modules/tasks/tasks.routes.js';
import timeRoutes from './modules/time/time.routes.js';
import invitationsRoutes from './modules/workspaces/invitations.routes.js';
import workspacesRoutes from './modules/workspaces/workspaces.routes.js';
import { systemClock, type Clock } from './shared/clock.js';
import { listDatabaseTimezones } from './db/timezones.js';
import { serializeError } from './shared/log-redaction.js';
import { registerDatabaseTimezones } from './shared/timezone.js';
import { validatorCompiler } from './shared/validation.js';
import { VERSION } from './shared/version.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The database: `.db` (Drizzle) for queries, `.kind`, `.stats()`, `.close()`. */
    database: Database;
    clock: Clock;
    /** Every route as registered (method + URL), for the OpenAPI agreement test and the fuzzer. */
    routeTable: { method: string; url: string }[];
  }
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** A pino options object or `false`; tests pass a stream here to capture log lines. */
  logger?: FastifyServerOptions['logger'];
  /** An existing pino logger (the server shares one between the database and the app). */
  loggerInstance?: FastifyBaseLogger;
}

// Honour a caller's X-Request-Id only when it is short and plain, so it cannot forge log lines.
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  if (typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming)) return incoming;
  return randomUUID();
}

/** Header and body fields that must never reach a log line. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  // The browser session's refresh token travels in these (modules/auth/session-cookie.*).
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.refresh_token',
  'req.body.current_password',
  'req.body.new_password',
  'token',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'cookie',
  'password',
  'refresh_token',
  'access_token',
];

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
  };
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  if (config.auth.jwtSecret === '') {
    // loadConfig leaves it empty outside production without JWT_SECRET; server start fills it in.
    throw new Error('config.auth.jwtSecret is empty: resolve it first (withPersistedJwtSecret)');
  }
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? loggerOptions(config) }),
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: config.http.bodyLimitBytes,
    requestTimeout: config.http.requestTimeoutMs,
    connectionTimeout: config.http.connectionTimeoutMs,
    keepAliveTimeout: config.http.keepAliveTimeoutMs,
    trustProxy: config.http.trustProxy,
    // While draining (SIGTERM), a request that still arrives on an open keep-alive connection is
    // served (with Connection: close) instead of Fastify's bare, non-problem+json 503.
    return503OnClosing: false,
    clientErrorHandler,
    // HEAD twins would be routes the OpenAPI document does not list.
    exposeHeadRoutes: false,
    routerOptions: { ignoreTrailingSlash: false },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // One validation policy for every route and environment (shared/validation.ts).
  app.setValidatorCompiler(validatorCompiler);

  app.decorate('config', config);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? systemClock);
  // Time zones are validated against what the database accepts too (shared/timezone.ts).
  try {
    registerDatabaseTimezones(await listDatabaseTimezones(options.database.db));
  } catch (err) {
    app.log.warn({ err }, 'pg_timezone_names unreadable: time zones are checked by Node only');
  }
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  // The API speaks JSON only; anything else is a 415 rather than a string that fails validation.
  app.removeContentTypeParser('text/plain');

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  await app.register(errorsPlugin);
  await app.register(inputGuardPlugin);
  // Production plugins (issue 8): before the docs so their routes get headers, Prometheus
  // series and load shedding.
  await app.register(redisPlugin);
  await app.register(securityPlugin);
  await app.register(prometheusPlugin);
  await app.register(loadSheddingPlugin);
  await app.register(docsPlugin, { version: VERSION });
  await app.register(authPlugin);
  // After auth (they use it), before the feature modules (their hooks must cover them).
  await app.register(rateLimitPlugin);
  await app.register(idempotencyPlugin);

  // Feature modules: one line each.
  await app.register(metricsRoutes);
  await app.register(systemRoutes);
  await app.register(authRoutes);
  await app.register(sessionCookieRoutes);
  await app.register(tasksRoutes);
  await app.register(timeRoutes);
  await app.register(workspacesRoutes);
  await app.register(invitationsRoutes);
  await app.register(projectsRoutes);
  await app.register(activityRoutes);

  // The browser app (apps/web) at /app/: static files, hidden from the OpenAPI document.
  await app.register(webAppPlugin, { prefix: WEB_APP_PREFIX });

  return app;
}
