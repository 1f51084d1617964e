import { IncomingMessage, type ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

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
 * For the HTML we serve, Swagger UI at /docs: its scripts, styles and the spec all load from this
 * origin (it has no inline scripts), it uses data: images and inline styles, and the validator
 * badge loads from validator.swagger.io. `upgrade-insecure-requests` is left out because
 * self-hosted instances are often reached over plain HTTP on a LAN, where it would make the
 * browser fetch the page's assets over HTTPS and fail.
 */
const DOCUMENT_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      'img-src': ["'self'", 'data:', 'https://validator.swagger.io'],
      'frame-ancestors': ["'none'"],
      'upgrade-insecure-requests': null,
    },
  },
};

/**
 * For JSON answers, the set OWASP's REST Security Cheat Sheet asks of an API: a CSP that allows
 * nothing (`default-src 'none'; frame-ancestors 'none'`), nosniff, X-Frame-Options DENY, HSTS,
 * plus no-referrer and a same-origin resource policy. The headers that only mean something to an
 * HTML document (COOP, Origin-Agent-Cluster, DNS prefetch, download options, the XSS auditor,
 * Flash/PDF cross-domain policies) are left off: they were 450 bytes on every answer, more than
 * most bodies, and the load generator, the kernel and every client paid for them.
 */
const API_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] },
  },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xFrameOptions: { action: 'deny' },
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/** Where the HTML (and its assets) live; everything else answers JSON. */
const DOCUMENT_PREFIX = '/docs';

/**
 * The headers helmet sets, computed once. Our policy has no per-request part (no nonces), so the
 * values never change; @fastify/helmet recomputed them on every request (parsing and dashifying
 * the CSP directives), which was 13 % of the CPU of a `GET /hello` under load (bench profile).
 * helmet itself still decides the header set and values: it runs once against a recorder.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number) {
      headers.set(name.toLowerCase(), String(value));
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let finished = false;
  const request = Object.create(IncomingMessage.prototype) as IncomingMessage;
  helmet(options)(request, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err !== undefined) throw err instanceof Error ? err : new Error('helmet failed');
    finished = true;
  });
  // helmet's middleware is synchronous; a future async one would leave the set incomplete.
  if (!(finished as boolean)) throw new Error('helmet did not finish synchronously');
  return Object.fromEntries(headers);
}

/**
 * Security response headers (helmet) and the CORS allow-list. JSON answers get the API set,
 * /docs the document set (both above).
 *
 * CORS is only registered when CORS_ORIGINS names origins: with none, no CORS header is ever sent,
 * so browsers keep every other origin out. Never with credentials: the only cookie is the browser
 * session's refresh cookie, for the app served from the API's own origin (SameSite=Strict).
 */
export default fp(
  async function securityPlugin(app: FastifyInstance) {
    // JSON answers hold one user's data or tokens: no cache (browser, proxy) may keep them. A
    // route whose answer is public and cacheable can still set its own Cache-Control.
    const apiHeaders = { ...helmetHeaders(API_HELMET_OPTIONS), 'cache-control': 'no-store' };
    const documentHeaders = helmetHeaders(DOCUMENT_HELMET_OPTIONS);
    // onRequest, as @fastify/helmet did: every answer gets them, errors and 404s included, and a
    // route can still override one.
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith(DOCUMENT_PREFIX) ? documentHeaders : apiHeaders);
      done();
    });

    const { corsOrigins } = app.config.production;
    if (corsOrigins !== '*' && corsOrigins.length === 0) return;
    await app.register(cors, {
      origin: corsOrigins === '*' ? '*' : [...corsOrigins],
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
      strictPreflight: true,
    });
  },
  { name: 'security' },
);
