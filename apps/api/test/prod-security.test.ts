import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/types.js';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createTestDatabase } from './helpers/db.js';

// One database, several apps: each configuration of CORS is its own app.
let database: Database;
let plain: TestApp;
let allowList: TestApp;
let anyOrigin: TestApp;

const ALLOWED = 'https://app.example.com';
const ALSO_ALLOWED = 'http://localhost:5173';
const REFUSED = 'https://evil.example.net';

beforeAll(async () => {
  database = await createTestDatabase();
  plain = await createTestApp({ database });
  allowList = await createTestApp({
    database,
    env: { CORS_ORIGINS: `${ALLOWED}, ${ALSO_ALLOWED}` },
  });
  anyOrigin = await createTestApp({ database, env: { CORS_ORIGINS: '*' } });
});
afterAll(async () => {
  for (const t of [plain, allowList, anyOrigin]) await t.close();
  await database.close();
});

/** The directive's sources from a Content-Security-Policy header. */
function directive(csp: string, name: string): string[] | undefined {
  for (const part of csp.split(';')) {
    const [key, ...values] = part.trim().split(/\s+/);
    if (key === name) return values;
  }
  return undefined;
}

describe('security headers (helmet)', () => {
  it('API responses carry the OWASP REST set, and no X-Powered-By', async () => {
    const res = await plain.app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const csp = String(res.headers['content-security-policy']);
    // A JSON answer loads nothing and may not be framed.
    expect(directive(csp, 'default-src')).toEqual(["'none'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
    // Document-only headers are not sent with JSON.
    for (const name of ['cross-origin-opener-policy', 'origin-agent-cluster', 'x-xss-protection']) {
      expect(res.headers[name], name).toBeUndefined();
    }
  });

  it('error responses carry them too', async () => {
    const res = await plain.app.inject('/no-such-route');
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(directive(String(res.headers['content-security-policy']), 'default-src')).toEqual([
      "'none'",
    ]);
  });

  it('the /docs page gets the document set', async () => {
    const res = await plain.app.inject('/docs');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    const csp = String(res.headers['content-security-policy']);
    expect(directive(csp, 'default-src')).toEqual(["'self'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'none'"]);
  });
});

describe('Swagger UI still works under the content security policy', () => {
  it('GET /docs is HTML whose every script and stylesheet loads from this origin', async () => {
    const page = await plain.app.inject('/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    // script-src 'self' only allows external same-origin scripts: the page must have no inline one.
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'upgrade-insecure-requests')).toBeUndefined();
    const scripts = [...page.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = '', inline = ''] of scripts) {
      expect(attrs).toMatch(/\bsrc="[^"]+"/);
      expect(inline.trim()).toBe('');
    }
    const assets = [
      ...page.body.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
      ...page.body.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g),
    ].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      // Relative to /docs, as a browser resolves it; an absolute URL would be another origin.
      const url = new URL(asset, 'http://devtrackr.test/docs');
      expect(url.origin).toBe('http://devtrackr.test');
      const res = await plain.app.inject(url.pathname);
      expect(res.statusCode, url.pathname).toBe(200);
      expect(res.headers['content-type'], url.pathname).toMatch(
        asset.endsWith('.css') ? /^text\/css/ : /javascript/,
      );
    }
  });

  it('the spec the UI loads is served from the same origin', async () => {
    const init = await plain.app.inject('/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    const spec = await plain.app.inject('/docs/json');
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toMatch(/^3\.1\./);
  });
});

describe('CORS', () => {
  const preflight = (t: TestApp, origin: string) =>
    t.app.inject({
      method: 'OPTIONS',
      url: '/tasks',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });

  it('by default no other origin is allowed: no CORS header, even on a preflight', async () => {
    const pre = await preflight(plain, ALLOWED);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    expect(pre.statusCode).not.toBe(204);
    const get = await plain.app.inject({ url: '/health', headers: { origin: ALLOWED } });
    expect(get.statusCode).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('an allowed origin gets its preflight answered, echoed exactly, without credentials', async () => {
    for (const origin of [ALLOWED, ALSO_ALLOWED]) {
      const res = await preflight(allowList, origin);
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
      expect(String(res.headers.vary)).toMatch(/origin/i);
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
      const allowed = String(res.headers['access-control-allow-headers']).toLowerCase();
      for (const h of ['authorization', 'content-type', 'idempotency-key']) {
        expect(allowed).toContain(h);
      }
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });

  it('an actual request from an allowed origin can read the pagination and limit headers', async () => {
    const res = await allowList.app.inject({ url: '/health', headers: { origin: ALLOWED } });
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    const exposed = String(res.headers['access-control-expose-headers']).toLowerCase();
    for (const h of ['location', 'etag', 'link', 'x-total-count', 'retry-after']) {
      expect(exposed).toContain(h);
    }
  });

  it('a refused origin gets no Access-Control-Allow-Origin, on preflight or request', async () => {
    for (const origin of [REFUSED, `${ALLOWED}.evil.net`, 'null', 'http://app.example.com']) {
      const pre = await preflight(allowList, origin);
      expect(pre.headers['access-control-allow-origin'], origin).toBeUndefined();
      const get = await allowList.app.inject({ url: '/health', headers: { origin } });
      expect(get.headers['access-control-allow-origin'], origin).toBeUndefined();
    }
  });

  it('`*` allows any origin and never with credentials', async () => {
    const res = await preflight(anyOrigin, REFUSED);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('CORS_ALLOW_CREDENTIALS is refused: cross-origin requests never carry credentials', async () => {
    await expect(
      createTestApp({ database, env: { CORS_ORIGINS: ALLOWED, CORS_ALLOW_CREDENTIALS: 'true' } }),
    ).rejects.toThrow(/CORS_ALLOW_CREDENTIALS is no longer supported/);
  });
});
