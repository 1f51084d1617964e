import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../src/db/schema/index.js';
import { requestHash } from '../src/modules/idempotency/idempotency.service.js';
import { AppError } from '../src/shared/errors.js';
import { problems } from '../src/shared/schemas.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';

// Probe routes stand in for POST /tasks and POST /tasks/{id}/time-entries: they opt in the same
// way (config.idempotency) and count how often their handler really runs.
const runs = { things: 0, other: 0, flaky: 0 };
let gate: { entered: () => void; release: Promise<void> } | undefined;
let flakyFailures = 0;

const Body = Type.Object(
  { name: Type.String({ minLength: 1 }), tags: Type.Optional(Type.Array(Type.String())) },
  { additionalProperties: false },
);
const Created = Type.Object({ id: Type.Integer(), name: Type.String() });

function probeRoutes(app: FastifyInstance): void {
  const write = app.authenticate('tasks:write');
  app.post(
    '/probe/things',
    {
      onRequest: write,
      config: { idempotency: true },
      schema: {
        operationId: 'probeCreateThing',
        tags: ['tasks'],
        summary: 'probe',
        body: Body,
        response: { 201: Created, ...problems(401, 422) },
      },
    },
    async (request, reply) => {
      runs.things += 1;
      const id = runs.things;
      if (gate) {
        gate.entered();
        await gate.release;
      }
      const { name } = request.body as { name: string };
      return reply
        .code(201)
        .header('location', `/probe/things/${id}`)
        .header('etag', `"v${id}"`)
        .send({ id, name });
    },
  );
  app.post(
    '/probe/other',
    { onRequest: write, config: { idempotency: true }, schema: { body: Body } },
    async (_request, reply) => {
      runs.other += 1;
      return reply.code(201).send({ id: runs.other, name: 'other' });
    },
  );
  app.post(
    '/probe/flaky',
    { onRequest: write, config: { idempotency: true }, schema: { body: Body } },
    async (_request, reply) => {
      runs.flaky += 1;
      if (flakyFailures > 0) {
        flakyFailures -= 1;
        throw new AppError('conflict', { detail: 'try again' });
      }
      return reply.code(201).send({ id: runs.flaky, name: 'flaky' });
    },
  );
  app.post('/probe/plain', { onRequest: write, schema: { body: Body } }, async (_request, reply) =>
    reply.code(201).send({ ok: true }),
  );
}

const clock = manualClock(new Date());
let t: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock, extraRoutes: probeRoutes });
  alice = await createUser(t.app);
  bob = await createUser(t.app);
});
afterAll(async () => {
  await t.close();
});

const post = (user: TestUser, url: string, payload: unknown, key?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...user.headers, ...(key === undefined ? {} : { 'idempotency-key': key }) },
    payload: payload as Record<string, unknown>,
  });

describe('Idempotency-Key', () => {
  it('a retry with the same key and body replays the first response and runs nothing', async () => {
    const key = randomUUID();
    const before = runs.things;
    const first = await post(alice, '/probe/things', { name: 'a', tags: ['x'] }, key);
    expect(first.statusCode).toBe(201);
    expect(runs.things).toBe(before + 1);
    // Same JSON, keys in another order: the same request.
    const again = await post(alice, '/probe/things', { tags: ['x'], name: 'a' }, key);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.json()).toEqual({ id: before + 1, name: 'a' });
    expect(again.headers.location).toBe(`/probe/things/${before + 1}`);
    expect(again.headers.etag).toBe(`"v${before + 1}"`);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(runs.things).toBe(before + 1);
  });

  it('without a key every request runs', async () => {
    const before = runs.things;
    await post(alice, '/probe/things', { name: 'b' });
    await post(alice, '/probe/things', { name: 'b' });
    expect(runs.things).toBe(before + 2);
  });

  it('the same key with another body is a 422 idempotency_key_reused, and runs nothing', async () => {
    const key = randomUUID();
    await post(alice, '/probe/things', { name: 'c' }, key);
    const before = runs.things;
    const res = await post(alice, '/probe/things', { name: 'c2' }, key);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('idempotency_key_reused');
    expect(runs.things).toBe(before);
  });

  it('the same key on another route is a 422 too', async () => {
    const key = randomUUID();
    await post(alice, '/probe/things', { name: 'd' }, key);
    const res = await post(alice, '/probe/other', { name: 'd' }, key);
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('idempotency_key_reused');
    expect(runs.other).toBe(0);
  });

  it("keys are per user: another user's identical key and body runs and gets their own answer", async () => {
    const key = randomUUID();
    const a = await post(alice, '/probe/things', { name: 'e' }, key);
    const b = await post(bob, '/probe/things', { name: 'e' }, key);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
  });

  it('a retry while the first request still runs is a 409 with Retry-After', async () => {
    const key = randomUUID();
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    gate = { entered, release: new Promise<void>((r) => (release = r)) };
    const first = post(alice, '/probe/things', { name: 'f' }, key);
    await inHandler;
    gate = undefined;
    const before = runs.things;
    const second = await post(alice, '/probe/things', { name: 'f' }, key);
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('conflict');
    expect(second.headers['retry-after']).toBe('1');
    expect(runs.things).toBe(before);
    release();
    expect((await first).statusCode).toBe(201);
    const third = await post(alice, '/probe/things', { name: 'f' }, key);
    expect(third.statusCode).toBe(201);
    expect(third.headers['idempotent-replayed']).toBe('true');
  });

  it('an error response is not stored: the key is released and a retry runs again', async () => {
    const key = randomUUID();
    flakyFailures = 1;
    const first = await post(alice, '/probe/flaky', { name: 'g' }, key);
    expect(first.statusCode).toBe(409);
    const retry = await post(alice, '/probe/flaky', { name: 'g' }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(runs.flaky).toBe(2);
    const replay = await post(alice, '/probe/flaky', { name: 'g' }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(runs.flaky).toBe(2);
  });

  it('a validation failure does not claim the key', async () => {
    const key = randomUUID();
    const bad = await post(alice, '/probe/things', { name: '' }, key);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('validation_failed');
    const good = await post(alice, '/probe/things', { name: 'h' }, key);
    expect(good.statusCode).toBe(201);
  });

  it('keys are remembered for 24 hours, then the same key runs again', async () => {
    const key = randomUUID();
    await post(alice, '/probe/things', { name: 'i' }, key);
    const row = await findRow(alice.id, key);
    expect(row?.statusCode).toBe(201);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(24 * 3600 * 1000);
    clock.advance(24 * 3600 * 1000 - 1000);
    expect(
      (await post(alice, '/probe/things', { name: 'i' }, key)).headers['idempotent-replayed'],
    ).toBe('true');
    clock.advance(1000);
    const before = runs.things;
    const fresh = await post(alice, '/probe/things', { name: 'i' }, key);
    expect(fresh.statusCode).toBe(201);
    expect(fresh.headers['idempotent-replayed']).toBeUndefined();
    expect(runs.things).toBe(before + 1);
  });

  it('a claim left in flight by a dead process is taken over once stale, not before', async () => {
    const now = clock();
    const claim = (key: string, createdAt: Date) =>
      t.database.db.insert(idempotencyKeys).values({
        userId: alice.id,
        key,
        method: 'POST',
        path: '/probe/things',
        requestHash: requestHash({ name: 'j' }),
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 24 * 3600 * 1000),
      });
    const recent = randomUUID();
    await claim(recent, new Date(now.getTime() - 5_000));
    expect((await post(alice, '/probe/things', { name: 'j' }, recent)).statusCode).toBe(409);
    const stale = randomUUID();
    await claim(stale, new Date(now.getTime() - 10 * 60_000));
    const res = await post(alice, '/probe/things', { name: 'j' }, stale);
    expect(res.statusCode).toBe(201);
    expect((await findRow(alice.id, stale))?.statusCode).toBe(201);
  });

  it('a malformed key is a 422 on the header, before anything runs', async () => {
    const before = runs.things;
    for (const key of ['has space', 'x'.repeat(256), 'é']) {
      const res = await post(alice, '/probe/things', { name: 'k' }, key);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].location).toBe('header.idempotency-key');
    }
    expect(runs.things).toBe(before);
  });

  it('authentication still comes first', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/probe/things',
      headers: { 'idempotency-key': randomUUID() },
      payload: { name: 'l' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('routes that did not opt in ignore the header', async () => {
    const key = randomUUID();
    await post(alice, '/probe/plain', { name: 'm' }, key);
    const res = await post(alice, '/probe/plain', { name: 'other' }, key);
    expect(res.statusCode).toBe(201);
    expect(await findRow(alice.id, key)).toBeUndefined();
  });

  it('opted-in routes document the header and the 409/422 answers in OpenAPI', () => {
    const spec = t.app.swagger() as unknown as {
      paths: Record<
        string,
        Record<
          string,
          { parameters?: { in: string; name: string }[]; responses: Record<string, unknown> }
        >
      >;
    };
    const op = spec.paths['/probe/things']?.post;
    expect(op?.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]),
    );
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(['201', '409', '422']));
  });
});

async function findRow(userId: number, key: string) {
  const rows = await t.database.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return rows[0];
}

describe('Idempotency-Key on the real create routes', () => {
  const count = async (user: TestUser, url: string) => {
    const res = await t.app.inject({ url, headers: user.headers });
    expect(res.statusCode).toBe(200);
    return Number(res.headers['x-total-count']);
  };

  it('POST /tasks: a retried create makes one task; another body with the key is a 422', async () => {
    const user = await createUser(t.app);
    const key = randomUUID();
    const payload = { title: 'Write the deployment docs', priority: 'high' };
    const first = await post(user, '/tasks', payload, key);
    expect(first.statusCode).toBe(201);
    const retry = await post(user, '/tasks', payload, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.json()).toEqual(first.json());
    expect(await count(user, '/tasks')).toBe(1);
    const reused = await post(user, '/tasks', { ...payload, title: 'Another' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
    expect(await count(user, '/tasks')).toBe(1);
  });

  it('POST /tasks/{id}/time-entries: a retried entry is logged once', async () => {
    const user = await createUser(t.app);
    const task = await post(user, '/tasks', { title: 'Timed' });
    const id = task.json().id as number;
    const end = clock();
    const payload = {
      started_at: new Date(end.getTime() - 3_600_000).toISOString(),
      ended_at: new Date(end.getTime() - 1_800_000).toISOString(),
    };
    const key = randomUUID();
    const first = await post(user, `/tasks/${id}/time-entries`, payload, key);
    expect(first.statusCode).toBe(201);
    const retry = await post(user, `/tasks/${id}/time-entries`, payload, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await count(user, `/tasks/${id}/time-entries`)).toBe(1);
    // Without the key the same body is a second request: here, an overlap the route refuses.
    expect((await post(user, `/tasks/${id}/time-entries`, payload)).statusCode).toBe(409);
  });
});
