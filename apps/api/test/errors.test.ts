import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteSize } from '../src/plugins/errors.js';
import { AppError } from '../src/shared/errors.js';
import { problems } from '../src/shared/schemas.js';
import { createTestApp, type TestApp } from './helpers/app.js';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, cb) {
    lines.push(chunk.toString());
    cb();
  },
});

const SECRET_MESSAGE = 'db password is hunter2 at /srv/app/secret.ts:42';

// Probe routes exercise the real errors plugin; they exist only in this test's app.
function probeRoutes(app: FastifyInstance): void {
  app.post(
    '/probe/body',
    {
      schema: {
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 5 }),
            count: Type.Integer({ minimum: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...problems(400, 413, 415, 422) },
      },
    },
    () => ({ ok: true }),
  );
  app.get('/probe/bug', () => {
    throw new Error(SECRET_MESSAGE);
  });
  app.get('/probe/conflict', () => {
    throw new AppError('email_taken', { detail: 'That email is registered.' });
  });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ logStream, extraRoutes: probeRoutes });
});
afterAll(async () => {
  await t.close();
});

function post(payload: string, contentType = 'application/json') {
  return t.app.inject({
    method: 'POST',
    url: '/probe/body',
    headers: { 'content-type': contentType },
    payload,
  });
}

describe('problem+json errors', () => {
  it('unknown routes answer 404 problem+json', async () => {
    const res = await t.app.inject('/no/such/route?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: 'about:blank',
      title: 'Route not found',
      status: 404,
      code: 'route_not_found',
      instance: '/no/such/route',
    });
  });

  it('a valid body passes', async () => {
    const res = await post(JSON.stringify({ title: 'abc', count: 1 }));
    expect(res.statusCode).toBe(200);
  });

  it('malformed JSON is a 400 malformed_json', async () => {
    const res = await post('{"title":');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'malformed_json', status: 400 });
  });

  it('a body over 1 MiB is a 413', async () => {
    const res = await post(JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10), count: 1 }));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'payload_too_large',
      status: 413,
      detail: `The request body exceeds the ${byteSize(t.config.http.bodyLimitBytes)} limit.`,
    });
    expect(t.config.http.bodyLimitBytes).toBe(1024 * 1024);
  });

  it('an unsupported content type is a 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const res = await post('title=a', type);
      expect(res.statusCode, type).toBe(415);
      expect(res.json()).toMatchObject({ code: 'unsupported_media_type', status: 415 });
    }
  });

  it('validation failures are 422 with one {location, message} per bad field', async () => {
    const res = await post(JSON.stringify({ title: 'too long title', extra: 1 }));
    expect(res.statusCode).toBe(422);
    const body = res.json<{ code: string; errors: { location: string; message: string }[] }>();
    expect(body.code).toBe('validation_failed');
    const locations = body.errors.map((e) => e.location).sort();
    expect(locations).toEqual(['body.count', 'body.extra', 'body.title']);
    for (const e of body.errors) expect(e.message.length).toBeGreaterThan(0);
  });

  it('an AppError renders with its catalogue status and code', async () => {
    const res = await t.app.inject('/probe/conflict');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'email_taken',
      title: 'Email already registered',
      detail: 'That email is registered.',
    });
  });

  it('a thrown bug answers 500 without internals, logged with the request id', async () => {
    lines.length = 0;
    const res = await t.app.inject({ url: '/probe/bug', headers: { 'x-request-id': 'req-bug-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({
      code: 'internal_error',
      status: 500,
      request_id: 'req-bug-1',
    });
    expect(res.body).not.toContain('hunter2');
    expect(res.body).not.toContain('secret.ts');
    expect(res.body).not.toContain('stack');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const errorLine = logged.find((l) => l.msg === 'unhandled error');
    expect(errorLine).toBeDefined();
    expect(errorLine?.reqId).toBe('req-bug-1');
    expect(JSON.stringify(errorLine)).toContain('hunter2');
  });
});

describe('request ids', () => {
  it('echoes an incoming X-Request-Id', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
  });

  it('generates one when absent, and replaces one that could forge log lines', async () => {
    const a = await t.app.inject('/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.app.inject({
      url: '/health',
      headers: { 'x-request-id': 'bad\nid {"x":1}' },
    });
    expect(b.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('text PostgreSQL cannot hold', () => {
  it('a NUL character in a query or path value is a 422 naming the field', async () => {
    const res = await t.app.inject({ url: '/hello', query: { name: 'a\u0000b' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([
      { location: 'query.name', message: 'must not contain NUL characters' },
    ]);
  });
});
