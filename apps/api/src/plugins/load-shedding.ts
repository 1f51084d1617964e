import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../shared/errors.js';
import { PROMETHEUS_PATH } from './prometheus.js';

/**
 * Liveness must not fail because the process is busy (an orchestrator would kill a process that
 * is merely overloaded), and the metrics scrape is how an operator sees the overload.
 */
const NEVER_SHED = new Set(['/health', PROMETHEUS_PATH]);

/**
 * Load shedding with @fastify/under-pressure: when the sampled event-loop delay, heap or RSS passes
 * its configured limit (PRESSURE_*), requests are answered at once with 503 `server_busy` and
 * Retry-After instead of queueing until the process falls over. /ready is shed too, which takes
 * a busy instance out of a load balancer's rotation.
 */
export default fp(
  async function loadSheddingPlugin(app: FastifyInstance) {
    const p = app.config.production;
    // Loading the app blocks the event loop for a while, and a sample window with no tick at all
    // reads as an infinite delay. The first two windows after ready can include that startup
    // work, so event-loop pressure is ignored until they have passed (memory limits always hold).
    let measuringFrom = Number.POSITIVE_INFINITY;
    app.addHook('onReady', () => {
      measuringFrom = Date.now() + 2 * p.pressureSampleIntervalMs;
      return Promise.resolve();
    });
    await app.register(underPressure, {
      maxEventLoopDelay: p.pressureMaxEventLoopDelayMs,
      maxHeapUsedBytes: p.pressureMaxHeapUsedBytes,
      maxRssBytes: p.pressureMaxRssBytes,
      sampleInterval: p.pressureSampleIntervalMs,
      retryAfter: p.pressureRetryAfterSeconds,
      // A rejected promise reaches the errors plugin, which renders the problem document.
      pressureHandler(request, _reply, type, value) {
        const route = request.routeOptions.url;
        if (route !== undefined && NEVER_SHED.has(route)) return Promise.resolve();
        if (type === underPressure.TYPE_EVENT_LOOP_DELAY && Date.now() < measuringFrom) {
          return Promise.resolve();
        }
        request.log.warn({ pressure: type, value }, 'under pressure: request shed');
        return Promise.reject(
          new AppError('server_busy', {
            detail: 'The server is overloaded; retry shortly.',
            headers: { 'retry-after': String(p.pressureRetryAfterSeconds) },
          }),
        );
      },
    });
  },
  { name: 'load-shedding', dependencies: ['errors'] },
);
