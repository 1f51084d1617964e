import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeats } from '../src/db/schema/index.js';
import { purgeOldHeartbeats } from '../src/modules/activity/activity.repository.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { newEditor, type Editor } from './helpers/activity.js';

// The real request and response files of wakatime-cli and wakapi (fixtures/wakatime/README.md gives sources).
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/wakatime');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

const URL_ONE = '/compat/wakatime/v1/users/current/heartbeats';
const URL_BULK = '/compat/wakatime/v1/users/current/heartbeats.bulk';
const DAY = 86_400;

// The fixtures' heartbeats are from 1585598059 (2020-03-30T19:54:19Z): the clock stands a few
// minutes later, so they are recent.
const NOW_S = 1585598400;
const clock = manualClock(new Date(NOW_S * 1000));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const anEditor = (scopes?: string[]) => newEditor(t.app, scopes ? { scopes } : {});

const post = (url: string, editor: Editor, body: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...editor.basic, 'content-type': 'application/json', ...headers },
    payload: body,
  });

async function stored(userId: number) {
  return t.app.database.db
    .select()
    .from(heartbeats)
    .where(eq(heartbeats.userId, userId))
    .orderBy(heartbeats.time, heartbeats.id);
}

/** The keys and value types of a JSON value, recursively: what a Go client's decoder relies on. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  }
  return value === null ? 'null' : typeof value;
}

describe('real payloads, byte for byte, with Basic auth', () => {
  it("wakatime-cli's bulk request template gets the answer shape wakatime-cli parses", async () => {
    const editor = await anEditor();
    const ua =
      'wakatime/v1.73.0 (linux-5.15.0-generic-x86_64) go1.20.5 vscode/1.80.0 vscode-wakatime/24.0.0';
    // Go fmt placeholders, in order: entity %s, project %s, project_root_count %d, user_agent %s.
    const body = fixture('wakatime_cli_api_heartbeats_request_template.json.tmpl')
      .replace('%s', '/home/ada/src/app/main.go')
      .replace('%s', 'app')
      .replace('%d', '3')
      .replace('%s', ua);
    const res = await post(URL_BULK, editor, body, { 'x-machine-name': 'ada-laptop' });
    expect(res.statusCode, res.body).toBe(201);

    const expected = JSON.parse(fixture('wakatime_cli_api_heartbeats_response.json')) as {
      responses: [[{ data: Record<string, unknown> }, number]];
    };
    const got = res.json<{ responses: [[{ data: Record<string, unknown> }, number]] }>();
    expect(got.responses).toHaveLength(1);
    expect(got.responses[0][1]).toBe(201);
    // Every field wakatime-cli's response carries, with its JSON type (nullable ones may be
    // null; `dependencies` is not stored; `branch` is absent from this request).
    const want = shape(expected.responses[0][0].data) as Record<string, string>;
    const have = shape(got.responses[0][0].data) as Record<string, string>;
    for (const [key, type] of Object.entries(want)) {
      if (key === 'dependencies') continue;
      expect(key in have, key).toBe(true);
      if (type !== 'null' && key !== 'branch') expect(have[key], key).toBe(type);
    }
    const data = got.responses[0][0].data;
    expect(data).toMatchObject({
      entity: '/home/ada/src/app/main.go',
      project: 'app',
      type: 'file',
      category: 'coding',
      language: 'Go',
      is_write: true,
      lines: 100,
      lineno: 42,
      cursorpos: 12,
      time: 1585598059,
      user_agent: ua,
    });

    const rows = await stored(editor.user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      editor: 'vscode',
      plugin: 'vscode-wakatime',
      machine: 'ada-laptop',
      project: 'app',
      branch: null,
    });
    expect(rows[0]!.time.toISOString()).toBe('2020-03-30T19:54:19.000Z');
  });

  it("wakatime-cli's single heartbeats (every field; the minimum) go to /heartbeats", async () => {
    const editor = await anEditor();
    const full = await post(URL_ONE, editor, fixture('wakatime_cli_heartbeat.json'));
    expect(full.statusCode, full.body).toBe(201);
    expect(full.json()).toMatchObject({
      responses: [[{ data: { branch: 'heartbeat', time: 1585598060.1 } }, 201]],
    });
    const minimum = await post(URL_ONE, editor, fixture('wakatime_cli_heartbeat_null_fields.json'));
    expect(minimum.statusCode, minimum.body).toBe(201);
    expect(minimum.json()).toMatchObject({
      responses: [[{ data: { entity: '/tmp/main.go', time: 1585598060, project: null } }, 201]],
    });
    const rows = await stored(editor.user.id);
    expect(rows.map((r) => r.time.toISOString())).toEqual([
      '2020-03-30T19:54:20.000Z',
      '2020-03-30T19:54:20.100Z',
    ]);
  });

  it("wakapi's own bulk test: two recent heartbeats stored, the too-old third refused (400)", async () => {
    const editor = await anEditor();
    const text = fixture('wakapi_bruno_create_heartbeats_bulk.bru');
    // The body block of the .bru file, with its {{ts}} placeholders set: two recent times and,
    // as wakapi's test expects a 400 for the third, one older than the 7-day window.
    const body = /body:json \{\n([\s\S]*?)\n\}\n/
      .exec(text)![1]!
      .replace('{{ts1}}', String(NOW_S - 120))
      .replace('{{ts2}}', String(NOW_S - 60))
      .replace('{{ts4}}', String(NOW_S - 8 * DAY));
    const res = await t.app.inject({
      method: 'POST',
      url: URL_BULK,
      // wakapi's test authenticates as Bearer; base64 of the key, as wakapi takes it.
      headers: {
        authorization: `Bearer ${Buffer.from(editor.token).toString('base64')}`,
        'content-type': 'application/json',
      },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const { responses } = res.json<{ responses: [unknown, number][] }>();
    expect(responses).toHaveLength(3);
    expect(responses.map((r) => r.length)).toEqual([2, 2, 2]);
    expect(responses.map((r) => r[1])).toEqual([201, 201, 400]);
    expect((responses[2]![0] as { error: string }).error).toMatch(/^heartbeat 2: .*7 days/);
    expect(await stored(editor.user.id)).toHaveLength(2);
  });
});

const beat = (time: number, extra: Record<string, unknown> = {}) => ({
  entity: '/home/ada/src/app/main.go',
  type: 'file',
  category: 'coding',
  time,
  is_write: false,
  ...extra,
});

describe('ingest rules', () => {
  it('the same heartbeat twice (in one bulk and again later) is stored once, answered 201', async () => {
    const editor = await anEditor();
    const same = beat(NOW_S - 300, { is_write: true });
    const first = await post(URL_BULK, editor, JSON.stringify([same, same]));
    expect(first.json<{ responses: [unknown, number][] }>().responses.map((r) => r[1])).toEqual([
      201, 201,
    ]);
    const again = await post(
      URL_BULK,
      editor,
      JSON.stringify([same, { ...same, is_write: false }]),
    );
    expect(again.statusCode).toBe(201);
    const [a, b] = again.json<{ responses: [{ data: { id: string } }, number][] }>().responses;
    const firstId = first.json<{ responses: [{ data: { id: string } }, number][] }>()
      .responses[0]![0].data.id;
    // The duplicate answers with the heartbeat already stored.
    expect(a![0].data.id).toBe(firstId);
    expect(b![1]).toBe(201);
    // is_write is part of the key: the write and the read are two heartbeats.
    const rows = await t.app.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(heartbeats)
      .where(eq(heartbeats.userId, editor.user.id));
    expect(rows[0]!.n).toBe(2);
  });

  it('too old, too far ahead and malformed items are refused alone, with index and reason', async () => {
    const editor = await anEditor();
    const items = [
      beat(NOW_S - 60),
      beat(NOW_S - 7 * DAY - 1),
      beat(NOW_S + 3600 + 1),
      { type: 'file', time: NOW_S },
      beat(NOW_S, { time: '1585598400' }),
      beat(NOW_S - 30, { lines: 'many' }),
      'not an object',
      beat(NOW_S - 7 * DAY + 1, { unknown_field: { nested: true }, dependencies: ['os'] }),
      beat(NOW_S + 3600),
    ];
    const res = await post(URL_BULK, editor, JSON.stringify(items));
    expect(res.statusCode, res.body).toBe(201);
    const { responses } = res.json<{ responses: [{ error?: string }, number][] }>();
    expect(responses.map((r) => r[1])).toEqual([201, 400, 400, 400, 400, 400, 400, 201, 201]);
    expect(responses[1]![0].error).toBe('heartbeat 1: time is more than 7 days ago');
    expect(responses[2]![0].error).toBe('heartbeat 2: time is more than 1 hour in the future');
    expect(responses[3]![0].error).toBe('heartbeat 3: entity is required');
    expect(responses[4]![0].error).toMatch(/^heartbeat 4: time is required/);
    expect(responses[5]![0].error).toMatch(/^heartbeat 5: lines must be an integer/);
    expect(responses[6]![0].error).toBe('heartbeat 6: a heartbeat must be a JSON object');
    expect(await stored(editor.user.id)).toHaveLength(3);
  });

  it('a bulk of 1,000 is taken; 1,001 and a non-array bulk are 422 problems', async () => {
    const editor = await anEditor();
    const many = Array.from({ length: 1000 }, (_, i) => beat(NOW_S - i));
    const ok = await post(URL_BULK, editor, JSON.stringify(many));
    expect(ok.statusCode).toBe(201);
    expect(await stored(editor.user.id)).toHaveLength(1000);
    const tooMany = await post(URL_BULK, editor, JSON.stringify([...many, beat(NOW_S - 2000)]));
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooMany.json()).toMatchObject({ code: 'validation_failed' });
    expect(tooMany.json<{ detail: string }>().detail).toMatch(/1000 items/);
    const notArray = await post(URL_BULK, editor, JSON.stringify(beat(NOW_S)));
    expect(notArray.statusCode).toBe(422);
  });

  it('/heartbeats takes an array too (wakapi)', async () => {
    const editor = await anEditor();
    const res = await post(URL_ONE, editor, JSON.stringify([beat(NOW_S - 10), beat(NOW_S - 5)]));
    expect(res.statusCode).toBe(201);
    expect(res.json<{ responses: unknown[] }>().responses).toHaveLength(2);
  });
});

describe('authentication', () => {
  it('Basic base64(key), Bearer raw and Bearer base64(key) are accepted', async () => {
    const editor = await anEditor();
    const b64 = Buffer.from(editor.token).toString('base64');
    for (const [i, authorization] of [
      `Basic ${b64}`,
      `Bearer ${editor.token}`,
      `Bearer ${b64}`,
    ].entries()) {
      const res = await post(URL_BULK, editor, JSON.stringify([beat(NOW_S - i)]), {
        authorization,
      });
      expect(res.statusCode, authorization).toBe(201);
    }
    expect(await stored(editor.user.id)).toHaveLength(3);
  });

  it('no token, garbage, a token without activity:write and a revoked one are 401 problems', async () => {
    const editor = await anEditor();
    const noScope = await anEditor(['time:write']);
    const revoked = await anEditor();
    const del = await t.app.inject({
      method: 'DELETE',
      url: '/auth/tokens/current',
      headers: { authorization: `Bearer ${revoked.token}` },
    });
    expect(del.statusCode).toBe(204);
    const body = JSON.stringify([beat(NOW_S)]);
    for (const [name, headers] of [
      ['none', { authorization: '' }],
      ['garbage basic', { authorization: 'Basic !!!not-base64' }],
      ['garbage bearer', { authorization: 'Bearer dtk_not-a-real-token' }],
      [
        'basic user:password',
        { authorization: `Basic ${Buffer.from('ada:pw').toString('base64')}` },
      ],
      ['no scope', noScope.basic],
      ['revoked', revoked.basic],
    ] as const) {
      const res = await post(URL_BULK, editor, body, headers);
      expect(res.statusCode, name).toBe(401);
      expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      const status = await t.app.inject({
        method: 'GET',
        url: '/compat/wakatime/v1/users/current/statusbar/today',
        headers,
      });
      expect(status.statusCode, `statusbar ${name}`).toBe(401);
    }
    expect(await stored(editor.user.id)).toHaveLength(0);
    expect(await stored(noScope.user.id)).toHaveLength(0);
  });
});

describe('privacy: activity_entities', () => {
  it('is full by default, editable on /auth/me, and basename/none apply before storing', async () => {
    const editor = await anEditor();
    const me = await t.app.inject({ method: 'GET', url: '/auth/me', headers: editor.user.headers });
    expect(me.json()).toMatchObject({ activity_entities: 'full' });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/auth/me',
      headers: editor.user.headers,
      payload: { activity_entities: 'partial' },
    });
    expect(bad.statusCode).toBe(422);

    const setting = async (value: string) => {
      const res = await t.app.inject({
        method: 'PATCH',
        url: '/auth/me',
        headers: editor.user.headers,
        payload: { activity_entities: value },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ activity_entities: value });
    };
    const entity = '/home/ada/secret-client/src/billing.ts';
    await setting('basename');
    await post(URL_BULK, editor, JSON.stringify([beat(NOW_S - 20, { entity })]));
    await setting('none');
    const none = await post(URL_BULK, editor, JSON.stringify([beat(NOW_S - 10, { entity })]));
    expect(none.json()).toMatchObject({ responses: [[{ data: { entity: null } }, 201]] });
    // The duplicate check uses the entity as sent, so a retry under `none` is still one row.
    await post(URL_BULK, editor, JSON.stringify([beat(NOW_S - 10, { entity })]));
    const windows = 'C:\\Users\\ada\\src\\main.go';
    await setting('basename');
    await post(URL_BULK, editor, JSON.stringify([beat(NOW_S - 5, { entity: windows })]));
    const rows = await stored(editor.user.id);
    expect(rows.map((r) => r.entity)).toEqual(['billing.ts', null, 'main.go']);
    const leaked = await t.app.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(heartbeats)
      .where(and(eq(heartbeats.userId, editor.user.id), sql`${heartbeats.entity} like '%secret%'`));
    expect(leaked[0]!.n).toBe(0);
  });
});

describe('retention', () => {
  it('purgeOldHeartbeats deletes heartbeats older than the given days, and only those', async () => {
    const editor = await anEditor();
    await post(URL_BULK, editor, JSON.stringify([beat(NOW_S - 3 * DAY), beat(NOW_S - DAY)]));
    // Two days later with a 3-day retention: the first (5 days old) goes, the second stays.
    const later = new Date((NOW_S + 2 * DAY) * 1000);
    const deleted = await purgeOldHeartbeats(t.app.database.db, later, 3);
    expect(deleted).toBeGreaterThanOrEqual(1);
    const rows = await stored(editor.user.id);
    expect(rows.map((r) => r.time.getTime() / 1000)).toEqual([NOW_S - DAY]);
  });
});
