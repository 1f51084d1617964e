import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { LightMyRequestResponse as Response } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

// The built web app at /app/ (issue 14), served from a dist directory this test writes the way
// the web build does: hashed files under assets/ with .br and .gz siblings, index.html, the
// service worker and the manifest at the top.

const INDEX =
  '<!doctype html><html><head><script type="module" src="/app/assets/app-Ab12Cd34.js"></script></head><body>DevTrackr shell</body></html>';
const ASSET = `export const rows = [${Array.from({ length: 200 }, (_, i) => `"row ${i}"`).join(',')}];\n`;
const SERVICE_WORKER = 'self.addEventListener("fetch", () => {});\n';
const MANIFEST = JSON.stringify({ name: 'DevTrackr', start_url: '/app/' });
/** A file beside the dist directory that no URL may reach. */
const OUTSIDE_MARKER = 'outside-the-web-root-7d1c';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/**
 * The app's policy, as helmet serializes it (directives joined by `;`): everything from this
 * origin, no inline or eval'd script, no framing.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** Writes a dist directory like the web build's; returns it (its parent holds the marker). */
function writeDist(): string {
  const parent = mkdtempSync(join(tmpdir(), 'devtrackr-web-'));
  writeFileSync(join(parent, 'secret.txt'), OUTSIDE_MARKER);
  const dist = join(parent, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  const withSiblings = (path: string, content: string) => {
    writeFileSync(path, content);
    writeFileSync(`${path}.br`, brotliCompressSync(content));
    writeFileSync(`${path}.gz`, gzipSync(content));
  };
  withSiblings(join(dist, 'index.html'), INDEX);
  withSiblings(join(dist, 'assets', 'app-Ab12Cd34.js'), ASSET);
  writeFileSync(join(dist, 'sw.js'), SERVICE_WORKER);
  writeFileSync(join(dist, 'manifest.webmanifest'), MANIFEST);
  return dist;
}

let built: TestApp;
let unbuilt: TestApp;
let port = 0;

beforeAll(async () => {
  built = await createTestApp({ env: { WEB_DIST_DIR: writeDist() } });
  await built.app.listen({ host: '127.0.0.1', port: 0 });
  port = (built.app.server.address() as AddressInfo).port;
  const empty = mkdtempSync(join(tmpdir(), 'devtrackr-web-empty-'));
  unbuilt = await createTestApp({ database: built.database, env: { WEB_DIST_DIR: empty } });
});
afterAll(async () => {
  await unbuilt.close();
  await built.close();
});

const get = (url: string, headers: Record<string, string> = {}) =>
  built.app.inject({ method: 'GET', url, headers });

/** A GET over a real socket with the path sent byte for byte (curl --path-as-is). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the client reads it after undoing Content-Encoding. */
function decoded(res: Response): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.rawPayload).toString();
  if (encoding === 'gzip') return gunzipSync(res.rawPayload).toString();
  expect(encoding).toBeUndefined();
  return res.body;
}

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json().code).toBe(code);
  expect(res.headers['cache-control']).toBe('no-store');
}

describe('pre-compressed assets', () => {
  const ASSET_URL = '/app/assets/app-Ab12Cd34.js';

  it.each([
    ['br, gzip', 'br'],
    ['gzip, deflate, br;q=0.5', 'gzip'],
    ['gzip', 'gzip'],
    ['deflate', undefined],
    ['identity', undefined],
    [undefined, undefined],
  ])('Accept-Encoding %s → %s', async (acceptEncoding, expected) => {
    const res = await get(
      ASSET_URL,
      acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(expected);
    expect(decoded(res)).toBe(ASSET);
    expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('a revalidation of an asset is a 304 with the same policy', async () => {
    const first = await get(ASSET_URL);
    const etag = String(first.headers.etag);
    const again = await get(ASSET_URL, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe(IMMUTABLE);
  });
});

describe('cache policy', () => {
  it.each(['/app/', '/app/index.html'])('%s: index.html, never stored', async (url) => {
    for (const encoding of ['br', 'gzip', undefined]) {
      const res = await get(url, encoding === undefined ? {} : { 'accept-encoding': encoding });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(decoded(res)).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it.each([
    ['/app/sw.js', SERVICE_WORKER],
    ['/app/manifest.webmanifest', MANIFEST],
  ])('%s: kept, but revalidated every time', async (url, content) => {
    const res = await get(url, { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(decoded(res)).toBe(content);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});

describe('app routes, missing files and the bare prefix', () => {
  it.each(['/app/tasks?status=todo', '/app/tasks/42', '/app/settings/tokens/', '/app/week'])(
    '%s is an app route: index.html, 200, never stored',
    async (url) => {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(decoded(res)).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-store');
    },
  );

  it('HEAD of an app route answers its headers without a body', async () => {
    const res = await built.app.inject({ method: 'HEAD', url: '/app/tasks/42' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toBe('');
  });

  it.each(['/app/assets/nope.js', '/app/nope.css', '/app/tasks/export.csv'])(
    '%s (a file name) that does not exist is a 404 problem',
    async (url) => {
      expectProblem(await get(url), 404, 'not_found');
    },
  );

  it('another method under /app/ is the API’s 404', async () => {
    const res = await built.app.inject({ method: 'POST', url: '/app/tasks', payload: {} });
    expectProblem(res, 404, 'route_not_found');
  });

  it.each([
    ['/app', '/app/'],
    ['/app?from=mail', '/app/?from=mail'],
  ])('%s redirects to %s', async (url, location) => {
    const res = await get(url);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(location);
  });

  it.each([
    '/app/../secret.txt',
    '/app/%2e%2e/secret.txt',
    '/app/%2E%2E/secret.txt',
    '/app/..%2fsecret.txt',
    '/app/%2e%2e%2fsecret.txt',
    '/app/assets/..%2f..%2fsecret.txt',
    '/app/assets/%2e%2e/%2e%2e/secret.txt',
    '/app/..%5csecret.txt',
    '/app/%252e%252e/secret.txt',
    '/app/....//secret.txt',
  ])('%s does not leave the web root', async (url) => {
    const res = await get(url);
    expect(res.body).not.toContain(OUTSIDE_MARKER);
    expect(res.statusCode, `${url} → ${res.statusCode} ${res.body}`).toBe(404);
    // inject resolves a plain `..` before routing, as browsers do; a raw client need not.
    const raw = await rawGet(url);
    expect(raw.body).not.toContain(OUTSIDE_MARKER);
    expect(raw.status, `${url} (raw) → ${raw.status} ${raw.body}`).toBe(404);
  });
});

describe('security headers', () => {
  it.each([
    '/app/',
    '/app/assets/app-Ab12Cd34.js',
    '/app/sw.js',
    '/app/tasks/42',
    '/app/assets/nope.js',
    '/app',
  ])('%s carries the app’s CSP, exactly, and the other helmet headers', async (url) => {
    const res = await get(url);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('allows no inline or eval’d script', () => {
    const scriptSrc = CSP.split(';').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CSP).not.toContain('unsafe-eval');
  });

  it('the API keeps its own CSP', async () => {
    const res = await get('/health');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';frame-ancestors 'none'",
    );
  });

  it('the 503 of an unbuilt app carries the CSP too', async () => {
    const res = await unbuilt.app.inject('/app/');
    expect(res.headers['content-security-policy']).toBe(CSP);
  });
});

describe('when the app is not built', () => {
  it.each(['/app/', '/app/tasks/42', '/app/assets/app-Ab12Cd34.js'])(
    '%s: 503 web_app_not_built, saying how to build it',
    async (url) => {
      const res = await unbuilt.app.inject(url);
      expectProblem(res, 503, 'web_app_not_built');
      expect(res.json().detail).toContain('npm run build -w @devtrackr/web');
    },
  );

  it('the API itself still answers', async () => {
    expect((await unbuilt.app.inject('/health')).statusCode).toBe(200);
    expect((await unbuilt.app.inject('/')).json().name).toBe('DevTrackr');
  });
});

describe('GET / by content negotiation', () => {
  it('a browser (text/html preferred) is sent to the app with 303 See Other', async () => {
    for (const accept of [BROWSER_ACCEPT, 'text/html', 'application/json;q=0.5, text/html']) {
      const res = await get('/', { accept });
      expect(res.statusCode, accept).toBe(303);
      expect(res.headers.location).toBe('/app/');
      expect(String(res.headers.vary)).toMatch(/accept/i);
    }
  });

  it.each([['application/json'], ['*/*'], [undefined], ['application/json, text/html;q=0.9']])(
    'Accept %s gets the JSON',
    async (accept) => {
      const res = await get('/', accept === undefined ? {} : { accept });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: 'DevTrackr', docs: '/docs' });
      expect(String(res.headers.vary)).toMatch(/accept/i);
    },
  );
});
