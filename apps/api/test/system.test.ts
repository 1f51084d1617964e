import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createPgDatabase } from '../src/db/pg.js';
import { pino } from 'pino';
import pkg from '../package.json' with { type: 'json' };

const clock = manualClock(new Date('2026-05-04T10:11:12.345Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

describe('system endpoints', () => {
  it('GET / names the service, version and docs', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      name: 'DevTrackr',
      version: pkg.version,
      docs: '/docs',
      openapi: '/openapi.json',
    });
  });

  it('GET /hello greets the world by default and a name when given', async () => {
    expect((await t.app.inject('/hello')).json()).toEqual({ message: 'Hello, World!' });
    expect((await t.app.inject('/hello?name=Ada')).json()).toEqual({ message: 'Hello, Ada!' });
  });

  it('GET /hello limits the name length and rejects an empty name', async () => {
    const long = await t.app.inject(`/hello?name=${'a'.repeat(101)}`);
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([
      { location: 'query.name', message: expect.stringContaining('100') as string },
    ]);
    expect((await t.app.inject('/hello?name=')).statusCode).toBe(422);
    expect((await t.app.inject(`/hello?name=${'a'.repeat(100)}`)).statusCode).toBe(200);
  });

  it('GET /time answers ISO by default, from the injected clock', async () => {
    const res = await t.app.inject('/time');
    expect(res.json()).toEqual({ format: 'iso', utc: '2026-05-04T10:11:12Z' });
  });

  it('GET /time?format=seconds answers integer epoch seconds', async () => {
    const res = await t.app.inject('/time?format=seconds');
    expect(res.json()).toEqual({
      format: 'seconds',
      utc: Math.floor(Date.UTC(2026, 4, 4, 10, 11, 12) / 1000),
    });
  });

  it('GET /time with another format is a 422 naming the field', async () => {
    const res = await t.app.inject('/time?format=rfc2822');
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation_failed', status: 422 });
    expect(res.json().errors[0].location).toBe('query.format');
  });

  it('GET /health answers without touching the database', async () => {
    const broken = createPgDatabase(
      {
        url: 'postgres://postgres@127.0.0.1:1/none',
        poolMax: 1,
        connectTimeoutMs: 200,
        statementTimeoutMs: 1000,
      },
      pino({ level: 'silent' }),
    );
    const other = await createTestApp({ database: broken });
    try {
      const res = await other.app.inject('/health');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
    } finally {
      await other.close();
      await broken.close();
    }
  });

  it('GET /ready answers ready after a database round trip', async () => {
    const res = await t.app.inject('/ready');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready' });
  });

  it('GET /ready answers 503 problem+json when the database is unreachable', async () => {
    const broken = createPgDatabase(
      {
        url: 'postgres://postgres@127.0.0.1:1/none',
        poolMax: 1,
        connectTimeoutMs: 200,
        statementTimeoutMs: 1000,
      },
      pino({ level: 'silent' }),
    );
    const other = await createTestApp({ database: broken });
    try {
      const res = await other.app.inject('/ready');
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('1');
      expect(res.json()).toMatchObject({ code: 'database_unavailable', status: 503 });
      expect(res.body).not.toContain('ECONNREFUSED');
    } finally {
      await other.close();
      await broken.close();
    }
  });
});
