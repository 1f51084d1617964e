import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';

/**
 * Schema-driven fuzzing of every operation in the OpenAPI document: inputs are generated from the
 * documented schemas (valid-shaped values) mixed with junk, sent with a real token, and every
 * answer must be a non-5xx; errors must be problem+json; 2xx bodies must validate against the
 * documented response schema; nothing of another user's may appear.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Schema {
  type?: string | string[];
  enum?: Json[];
  const?: Json;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = process.env.CI ? 20_261_126 : undefined;

// Operations that could end the fuzzing user's session or account (logout, change-password,
// DELETE /auth/me) are fuzzed too: they need a password or refresh token the generator cannot
// guess. Bob's data carries this marker; it must never appear in Alice's answers.
const MARKER = `LEAK${Date.now().toString(36)}`;

let t: TestApp;
let spec: Spec;
let alice: TestUser;
let bob: TestUser;
let validated2xx = 0;
const ids = { aliceTask: 0, aliceEntry: 0, bobTask: 0, bobEntry: 0, bobToken: 0 };

function resolve(schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop() ?? '';
    return spec.components.schemas[name] ?? {};
  }
  return schema;
}

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "' or 1=1 --", '=cmd|calc', 'null'),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

function idArbitrary(name: string): fc.Arbitrary<Json> {
  const own = name === 'id' || name === 'task_id' ? [ids.aliceTask, ids.aliceEntry] : [];
  return fc.oneof(
    fc.constantFrom(...own, ids.bobTask, ids.bobEntry, ids.bobToken, 1, 2_147_483_647),
    fc.integer({ min: -5, max: 2_147_483_648 }),
  );
}

/** Values shaped by the schema (mostly valid), so the fuzzer reaches past validation. */
function fromSchema(input: Schema, depth = 0): fc.Arbitrary<Json> {
  const schema = resolve(input);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((s) => fromSchema(s, depth)));
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'string'];
  if (types.length > 1)
    return fc.oneof(...types.map((ty) => fromSchema({ ...schema, type: ty }, depth)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true });
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(fromSchema(schema.items ?? {}, depth + 1), {
            maxLength: Math.min(schema.maxItems ?? 5, 5),
          });
    case 'object': {
      if (depth > 3 || !schema.properties) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, value] of Object.entries(schema.properties))
        record[key] = fromSchema(value, depth + 1);
      return fc.record(record, {
        requiredKeys: Object.keys(record).filter((k) => required.has(k)),
      });
    }
    default:
      return stringFor(schema);
  }
}

function stringFor(schema: Schema): fc.Arbitrary<Json> {
  const max = Math.min(schema.maxLength ?? 40, 60);
  switch (schema.format) {
    case 'date-time':
      return fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2027-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({
          min: new Date('2025-01-01T00:00:00Z'),
          max: new Date('2027-01-01T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress();
    default:
      return fc.oneof(
        fc.string({ minLength: schema.minLength ?? 0, maxLength: max }),
        fc.constantFrom('Europe/Berlin', 'UTC', 'todo,doing', 'urgent', 'backend', 'csv', 'json'),
      );
  }
}

interface Request {
  url: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  payload?: Json;
}

function requestArbitrary(path: string, op: Operation): fc.Arbitrary<Request> {
  const params = op.parameters ?? [];
  const parts: Record<string, fc.Arbitrary<Json | undefined>> = {};
  for (const p of params) {
    const shaped = p.in === 'path' ? idArbitrary(p.name) : fromSchema(p.schema);
    const value = fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: junk });
    parts[`${p.in}:${p.name}`] =
      p.in === 'path' ? value : fc.option(value, { nil: undefined, freq: 2 });
  }
  const bodySchema = op.requestBody?.content['application/json']?.schema;
  const body = bodySchema
    ? fc.oneof({ weight: 4, arbitrary: fromSchema(bodySchema) }, { weight: 1, arbitrary: junk })
    : fc.constant(undefined);
  return fc.record({ parts: fc.record(parts), body }).map(({ parts: values, body: payload }) => {
    let url = path;
    const query: Record<string, string> = {};
    const headers: Record<string, string> = { ...alice.headers };
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const [where, name] = key.split(':') as [string, string];
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (where === 'path') url = url.replace(`{${name}}`, encodeURIComponent(text));
      else if (where === 'query') query[name] = text;
      else if (/^[\x20-\x7e]*$/.test(text)) headers[name] = text;
    }
    return { url, query, headers, ...(payload === undefined ? {} : { payload }) };
  });
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_GLOBAL_MAX: '10000000' } });
  spec = (await t.app.inject('/openapi.json')).json();
  ajv.addSchema({ ...spec, $id: 'spec' });
  alice = await createUser(t.app, { full_name: 'Alice' });
  bob = await createUser(t.app, { full_name: MARKER });
  const mk = async (u: TestUser) =>
    (
      await t.app.inject({
        method: 'POST',
        url: '/tasks',
        headers: u.headers,
        payload: {
          title: `t ${u === bob ? MARKER : 'mine'}`,
          category: u === bob ? MARKER : 'fuzz',
        },
      })
    ).json().id as number;
  const entry = async (u: TestUser, task: number) =>
    (
      await t.app.inject({
        method: 'POST',
        url: `/tasks/${task}/time-entries`,
        headers: u.headers,
        payload: {
          started_at: '2026-01-05T09:00:00Z',
          ended_at: '2026-01-05T10:00:00Z',
          note: u === bob ? MARKER : 'x',
        },
      })
    ).json().id as number;
  ids.aliceTask = await mk(alice);
  ids.bobTask = await mk(bob);
  ids.aliceEntry = await entry(alice, ids.aliceTask);
  ids.bobEntry = await entry(bob, ids.bobTask);
  const token = await t.app.inject({
    method: 'POST',
    url: '/auth/tokens',
    headers: bob.headers,
    payload: { name: MARKER, scopes: ['tasks:read'] },
  });
  ids.bobToken = token.json().id as number;
  expect(
    [ids.aliceTask, ids.bobTask, ids.aliceEntry, ids.bobEntry, ids.bobToken].every((n) => n > 0),
  ).toBe(true);
});
afterAll(async () => {
  await t.close();
});

function responseSchemaRef(
  path: string,
  method: string,
  status: number,
  type: string,
): string | undefined {
  const op = spec.paths[path]?.[method];
  const response = op?.responses[String(status)];
  if (!response?.content?.[type]) return undefined;
  const pointer = ['paths', path, method, 'responses', String(status), 'content', type, 'schema']
    .map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'))
    .join('/');
  return pointer;
}

describe('schema-driven fuzzing of every documented operation', () => {
  it('covers the whole document', () => {
    expect(Object.keys(spec.paths).length).toBeGreaterThan(30);
  });

  const operations: [string, string][] = [];
  for (const [path, methods] of Object.entries(
    // The committed document (kept equal to the code by test/openapi.test.ts) lists the cases.
    (JSON.parse(readFileSync(new URL('../openapi.json', import.meta.url), 'utf8')) as Spec).paths,
  )) {
    for (const method of Object.keys(methods)) operations.push([path, method]);
  }

  it.each(operations)(
    '%s %s: no 5xx, problem+json errors, valid 2xx, no leaks',
    async (path, method) => {
      const op = spec.paths[path]![method]!;
      const stats = { total: 0, ok: 0 };
      await fc.assert(
        fc.asyncProperty(requestArbitrary(path, op), async (req) => {
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: req.url,
            query: req.query,
            headers: req.headers,
            ...(req.payload === undefined ? {} : { payload: req.payload as object }),
          });
          stats.total++;
          const where = `${method.toUpperCase()} ${req.url} ${JSON.stringify(req.query)} ${JSON.stringify(req.payload)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
          expect(res.statusCode, where).toBeLessThan(500);
          expect(res.body.includes(MARKER), `leak: ${where}`).toBe(false);
          expect(res.body.includes(bob.email), `leak: ${where}`).toBe(false);
          const type = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
          if (res.statusCode >= 400) {
            expect(type, where).toBe('application/problem+json');
            expect(res.json().code, where).toEqual(expect.any(String));
            return;
          }
          stats.ok++;
          if (type !== 'application/json' || res.statusCode === 204) return;
          const pointer = responseSchemaRef(path, method, res.statusCode, type);
          expect(pointer, `undocumented ${res.statusCode} for ${where}`).toBeDefined();
          const validate =
            ajv.getSchema(`spec#/${pointer!}`) ?? ajv.compile({ $ref: `spec#/${pointer!}` });
          const valid = validate(res.json());
          expect(valid, `${where}\n${JSON.stringify(validate.errors)}`).toBe(true);
          validated2xx++;
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      expect(stats.total).toBe(RUNS);
    },
  );

  it('validated a good share of 2xx bodies against their schemas (the generator gets past validation)', () => {
    expect(validated2xx).toBeGreaterThan(operations.length * RUNS * 0.1);
  });
});
