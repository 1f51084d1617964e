import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gracefulClose } from '../src/shutdown.js';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    env: {
      HTTP_REQUEST_TIMEOUT_MS: '12000',
      HTTP_CONNECTION_TIMEOUT_MS: '13000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '14000',
    },
  });
});
afterAll(async () => {
  await t.close();
});

describe('HTTP server options', () => {
  it('request, connection and keep-alive timeouts come from the config', () => {
    expect(t.app.server.requestTimeout).toBe(12_000);
    expect(t.app.server.timeout).toBe(13_000);
    expect(t.app.server.keepAliveTimeout).toBe(14_000);
  });

  it('Swagger UI is served at /docs', async () => {
    const res = await t.app.inject('/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger');
  });

  it('the OpenAPI document is served at /openapi.json', async () => {
    const res = await t.app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
    expect(res.json().info.title).toBe('DevTrackr API');
  });
});

describe('gracefulClose', () => {
  it('exits 0 once in-flight work is done', async () => {
    const other = await createTestApp();
    const codes: number[] = [];
    await gracefulClose(other.app, 5000, (c) => codes.push(c));
    expect(codes).toEqual([0]);
    await other.database.close();
  });

  it('exits 1 when closing outlasts the grace period', async () => {
    const other = await createTestApp({
      extraRoutes(app) {
        // An onClose hook that never finishes in time stands for a stuck resource.
        app.addHook('onClose', async () => {
          await sleep(1000);
        });
      },
    });
    const codes: number[] = [];
    await gracefulClose(other.app, 100, (c) => codes.push(c));
    expect(codes[0]).toBe(1);
    await other.database.close();
  });
});
