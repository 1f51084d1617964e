import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { problemBody } from '../shared/problems.js';
import { sendProblem } from './errors.js';
import { helmetHeaders } from './security.js';

/** Where the browser app lives. Its routes are hidden from the OpenAPI document. */
export const WEB_APP_PREFIX = '/app';

/**
 * The app's policy: everything from this origin only, no inline or eval'd script (the build emits
 * none), inline styles allowed (the UI libraries set style attributes), data:/blob: images (icons,
 * chart exports), and no framing. The other helmet headers keep their document defaults, with
 * X-Frame-Options DENY to match frame-ancestors.
 */
const WEB_APP_HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'worker-src': ["'self'"],
      'manifest-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  xFrameOptions: { action: 'deny' },
};

const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Cache-Control by file. Vite names what it writes under assets/ by content hash, so those never
 * change and are cached for good. index.html names the current hashes, so it is never stored: a
 * deploy is seen on the next load. The other top-level files (sw.js, the manifest, icons) keep
 * their names across builds: cached, but revalidated every time.
 */
function cacheControlFor(root: string, file: string): string {
  const name = relative(root, file).replace(/\.(br|gz)$/, '');
  if (name === 'index.html') return 'no-store';
  if (name.startsWith(`assets${sep}`)) return `public, max-age=${ONE_YEAR_SECONDS}, immutable`;
  return 'no-cache';
}

/**
 * Whether a path below /app/ is one of the app's own routes (/app/tasks/42), answered with
 * index.html so that a reload or a bookmark works: no segment is `.` or `..`, and the last has
 * no file extension (a missing /app/assets/x.js stays a 404, not a page).
 */
function isAppRoute(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const segments = decoded.split(/[/\\]/);
  if (segments.some((s) => s === '.' || s === '..' || s.includes('\0'))) return false;
  return !(segments.at(-1) ?? '').includes('.');
}

/** Appends to Vary rather than replacing what CORS put there (Origin). */
function addVary(reply: FastifyReply, value: string): void {
  const current = reply.getHeader('vary');
  const list = typeof current === 'string' && current !== '' ? `${current}, ${value}` : value;
  reply.header('vary', list);
}

/**
 * The built web app (apps/web/dist, config.webDistDir) at /app/: pre-compressed brotli and gzip
 * as the client accepts them, the cache policy above, the app's CSP, and index.html for any app
 * route. When the app is not built, the API still starts and /app/ answers 503
 * `web_app_not_built` saying how to build it; a build made later is served without a restart.
 * Registered with the prefix (app.ts), so its hooks and 404 handler cover /app/ only.
 */
export default async function webAppPlugin(app: FastifyInstance): Promise<void> {
  const root = app.config.webDistDir;
  const index = join(root, 'index.html');
  const isBuilt = (): boolean => existsSync(index);
  if (!isBuilt()) {
    app.log.warn(
      `the web app is not built (no ${index}): /app/ answers 503 until \`npm run build -w @devtrackr/web\``,
    );
  }

  const headers = helmetHeaders(WEB_APP_HELMET_OPTIONS);
  app.addHook('onRequest', (_request, reply, done) => {
    // Replaces the API's set (default-src 'none') that the security plugin put on the reply.
    reply.headers(headers);
    done();
  });

  // @fastify/static reports the file it serves through setHeaders, on the raw response (typed
  // loosely there). Its policy is applied in onSend, where it wins over the API's `no-store`.
  const served = new WeakMap<object, string>();
  app.addHook('onSend', (_request, reply, payload, done) => {
    const cacheControl = served.get(reply.raw);
    if (cacheControl !== undefined) {
      reply.header('cache-control', cacheControl);
      addVary(reply, 'Accept-Encoding');
    }
    done(null, payload);
  });

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    preCompressed: true,
    cacheControl: false,
    dotfiles: 'ignore',
    // A `..` segment never reaches the file system (send would refuse it with a bare 403); it
    // gets the 404 of a file that is not there.
    allowedPath: (pathname) => !pathname.split(/[/\\]/).includes('..'),
    setHeaders: (res, file) => {
      served.set(res, cacheControlFor(root, file));
    },
  });

  app.get('', { schema: { hide: true } }, (request, reply) => {
    const query = request.url.slice(WEB_APP_PREFIX.length);
    return reply.redirect(`${WEB_APP_PREFIX}/${query}`, 301);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendProblem(
        reply,
        problemBody(request, 'route_not_found', `No route for ${request.method} ${path}.`),
      );
    }
    if (!isBuilt()) {
      return sendProblem(
        reply,
        problemBody(
          request,
          'web_app_not_built',
          'The web app is not built: run `npm run build -w @devtrackr/web`, then reload.',
        ),
        { 'retry-after': '60' },
      );
    }
    if (isAppRoute(path)) return reply.code(200).sendFile('index.html');
    return sendProblem(reply, problemBody(request, 'not_found', `No file ${path} in the web app.`));
  });
}
