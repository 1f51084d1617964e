import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Request headers a browser client may send cross-origin. */
const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'if-match',
  'idempotency-key',
  'x-request-id',
];

/** Response headers a browser client may read cross-origin (pagination, ETags, limits). */
const CORS_EXPOSED_HEADERS = [
  'location',
  'etag',
  'link',
  'x-total-count',
  'x-request-id',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'idempotent-replayed',
];

/**
 * Security response headers (helmet) and the CORS allow-list.
 *
 * The content security policy is written for the one HTML page we serve, Swagger UI at /docs: its
 * scripts, styles and the spec all load from this origin (it has no inline scripts), it uses
 * data: images and inline styles, and the validator badge loads from validator.swagger.io. JSON
 * responses carry the same policy, which is harmless for them. `upgrade-insecure-requests` is
 * left out because self-hosted instances are often reached over plain HTTP on a LAN, where it
 * would make the browser fetch the page's assets over HTTPS and fail.
 *
 * CORS is only registered when CORS_ORIGINS names origins: with none, no CORS header is ever sent,
 * so browsers keep every other origin out. Credentials are off unless CORS_ALLOW_CREDENTIALS, and
 * config refuses them together with `*`.
 */
export default fp(
  async function securityPlugin(app: FastifyInstance) {
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'img-src': ["'self'", 'data:', 'https://validator.swagger.io'],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
    });

    const { corsOrigins, corsAllowCredentials } = app.config.production;
    if (corsOrigins !== '*' && corsOrigins.length === 0) return;
    await app.register(cors, {
      origin: corsOrigins === '*' ? '*' : [...corsOrigins],
      credentials: corsOrigins === '*' ? false : corsAllowCredentials,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
      strictPreflight: true,
    });
  },
  { name: 'security' },
);
