import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../shared/errors.js';

/** Where Prometheus scrapes (kept at /-/metrics: the /metrics/* paths are the analytics API). */
export const PROMETHEUS_PATH = '/-/metrics';

/** Requests that matched no route share one label, so scanners cannot blow up the series count. */
const UNMATCHED_ROUTE = '(unmatched)';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function authorizeScrape(request: FastifyRequest, token: string | undefined): void {
  if (token === undefined) return;
  const presented = /^Bearer +(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  // Compare digests so the comparison takes the same time whatever the presented length.
  if (!timingSafeEqual(digest(presented), digest(token))) {
    throw new AppError('unauthorized', {
      detail: 'The metrics endpoint needs the METRICS_TOKEN as a bearer token.',
      headers: { 'www-authenticate': 'Bearer realm="metrics"' },
    });
  }
}

/**
 * The Prometheus exporter at GET /-/metrics (not to be confused with the analytics API under
 * /metrics/*): request counts and durations by route template and status, database pool usage,
 * and the prom-client process defaults (event-loop lag, heap, RSS, GC, handles). One registry per
 * app instance, so several apps in one process (tests) do not collide. Protected by
 * config.prometheus.token (METRICS_TOKEN) when set, and left out of the OpenAPI document: it is
 * for operators, not API clients.
 */
export default fp(
  function prometheusPlugin(app: FastifyInstance) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const registers = [registry];
    const labelNames = ['method', 'route', 'status_code'] as const;

    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code',
      labelNames,
      registers,
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to finishing its response',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    const database = app.database;
    new Gauge({
      name: 'devtrackr_db_pool_connections',
      help: 'Database pool connections by state (busy = checked out by a query)',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = database.stats();
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'busy' }, stats.total - stats.idle);
      },
    });
    new Gauge({
      name: 'devtrackr_db_pool_waiting',
      help: 'Queries waiting for a free database connection',
      registers,
      collect() {
        this.set(database.stats().waiting);
      },
    });
    new Gauge({
      name: 'devtrackr_db_pool_max',
      help: 'Configured maximum database connections of this process',
      registers,
      collect() {
        this.set(database.kind === 'pg' ? app.config.db.poolMax : 1);
      },
    });

    // One pair of labelled children per (method, route, status), looked up by a plain string:
    // prom-client would otherwise hash the label object on every request (2 % of the CPU of a
    // GET /tasks/{id} under load, bench profile). Routes are templates and statuses few, so the
    // map stays small.
    type Series = {
      counter: ReturnType<typeof requests.labels>;
      histogram: ReturnType<typeof duration.labels>;
    };
    const series = new Map<string, Series>();
    app.addHook('onResponse', (request, reply, done) => {
      // The route template (/tasks/:id), never the raw URL: ids would make one series per task.
      const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
      const key = `${request.method} ${route} ${reply.statusCode}`;
      let s = series.get(key);
      if (s === undefined) {
        const labels = { method: request.method, route, status_code: String(reply.statusCode) };
        s = { counter: requests.labels(labels), histogram: duration.labels(labels) };
        series.set(key, s);
      }
      s.counter.inc();
      s.histogram.observe(reply.elapsedTime / 1000);
      done();
    });

    app.get(
      PROMETHEUS_PATH,
      { schema: { hide: true }, logLevel: 'warn' },
      async (request, reply) => {
        authorizeScrape(request, app.config.prometheus.token);
        const body = await registry.metrics();
        return reply.header('cache-control', 'no-store').type(registry.contentType).send(body);
      },
    );
  },
  { name: 'prometheus', dependencies: ['errors'] },
);
