import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationText } from '../src/modules/activity/activity.service.js';
import { parseUserAgent, reduceEntity } from '../src/modules/activity/heartbeat.input.js';
import { bearerFromWakatime } from '../src/modules/activity/wakatime-auth.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { newEditor, type Editor } from './helpers/activity.js';
import { insertTask } from './helpers/time.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/wakatime');
const STATUSBAR = '/compat/wakatime/v1/users/current/statusbar/today';

// 21:00 in Berlin (UTC+1 in March): "today" there began at 2026-03-01T23:00:00Z.
const clock = manualClock(new Date('2026-03-02T20:00:00Z'));
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const anEditor = () => newEditor(t.app, { timezone: 'Europe/Berlin' });

const s = (iso: string) => new Date(iso).getTime() / 1000;

/**
 * Hand-computed, 15-minute rule (less than 15 min apart joins; a span ends at its last beat):
 * - 22:50Z on 1 March is 23:50 in Berlin, yesterday: not counted;
 * - 08:00, 08:10 → 600 s; 08:25 is exactly 15 min after 08:10, so a new span;
 * - 08:25, 08:39:59 (14 min 59 s later) → 899 s;
 * - 10:00 alone → 0 s;
 * - 12:00, 12:14, 12:28, 12:42 → 2,520 s.
 * Total 4,019 s = 1 h 6 min 59 s.
 */
const STREAM = [
  '2026-03-01T22:50:00Z',
  '2026-03-02T08:00:00Z',
  '2026-03-02T08:10:00Z',
  '2026-03-02T08:25:00Z',
  '2026-03-02T08:39:59Z',
  '2026-03-02T10:00:00Z',
  '2026-03-02T12:00:00Z',
  '2026-03-02T12:14:00Z',
  '2026-03-02T12:28:00Z',
  '2026-03-02T12:42:00Z',
];
const TOTAL = 600 + 899 + 0 + 2520;

const beat = (iso: string, entity = '/src/app/main.go') => ({
  entity,
  type: 'file',
  category: 'coding',
  time: s(iso),
});

async function send(editor: Editor, items: unknown[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/compat/wakatime/v1/users/current/heartbeats.bulk',
    headers: { ...editor.basic, 'content-type': 'application/json' },
    payload: JSON.stringify(items),
  });
  expect(res.statusCode, res.body).toBe(201);
}

const statusbar = (editor: Editor) =>
  t.app.inject({ method: 'GET', url: STATUSBAR, headers: editor.basic });

describe('GET /users/current/statusbar/today', () => {
  it('sums the spans of today in the profile zone, in the shape wakatime-cli reads', async () => {
    const editor = await anEditor();
    // Out of order, split over requests, one resent: the total does not depend on how they came.
    const shuffled = [...STREAM].reverse();
    await send(
      editor,
      shuffled.slice(0, 4).map((iso) => beat(iso)),
    );
    await send(
      editor,
      shuffled.slice(3).map((iso) => beat(iso)),
    );
    const res = await statusbar(editor);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ data: Record<string, unknown> }>();

    // Every member of wakatime-cli's recorded answer is there with its type.
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, 'wakatime_cli_api_statusbar_today_response.json'), 'utf8'),
    ) as { data: { grand_total: { text: string }; range: { date: string }; categories: [] } };
    expect(typeof body.data.grand_total).toBe(typeof expected.data.grand_total);
    expect(Array.isArray(body.data.categories)).toBe(true);

    expect(body.data).toMatchObject({
      grand_total: {
        text: '1 hr 6 mins',
        total_seconds: TOTAL,
        digital: '1:06',
        hours: 1,
        minutes: 6,
      },
      range: {
        date: '2026-03-02',
        timezone: 'Europe/Berlin',
        start: '2026-03-01T23:00:00.000Z',
        end: '2026-03-02T23:00:00.000Z',
      },
      running_timer: null,
    });
  });

  it("another user's heartbeats never count in my status bar", async () => {
    const me = await anEditor();
    const other = await anEditor();
    await send(
      other,
      STREAM.map((iso) => beat(iso)),
    );
    await send(me, [beat('2026-03-02T09:00:00Z'), beat('2026-03-02T09:05:30Z')]);
    const mine = (await statusbar(me)).json<{ data: { grand_total: { total_seconds: number } } }>();
    expect(mine.data.grand_total).toMatchObject({ total_seconds: 330, text: '5 mins' });
    const theirs = (await statusbar(other)).json<{
      data: { grand_total: { total_seconds: number } };
    }>();
    expect(theirs.data.grand_total.total_seconds).toBe(TOTAL);
  });

  it('nothing today is 0 secs; the running timer names its task', async () => {
    const editor = await anEditor();
    const empty = await statusbar(editor);
    expect(empty.json()).toMatchObject({
      data: { grand_total: { text: '0 secs', total_seconds: 0, digital: '0:00' } },
    });
    const taskId = await insertTask(t.app, editor.user.id, { title: 'Fix login redirect' });
    const start = await t.app.inject({
      method: 'POST',
      url: `/tasks/${String(taskId)}/start-timer`,
      headers: editor.user.headers,
    });
    expect(start.statusCode, start.body).toBeLessThan(300);
    const running = await statusbar(editor);
    expect(running.json()).toMatchObject({
      data: {
        running_timer: {
          task_id: taskId,
          title: 'Fix login redirect',
          started_at: '2026-03-02T20:00:00.000Z',
        },
      },
    });
  });
});

describe('pure helpers', () => {
  it.each([
    [0, '0 secs'],
    [1, '1 sec'],
    [20, '20 secs'],
    [60, '1 min'],
    [3600, '1 hr'],
    [3661, '1 hr 1 min'],
    [9000, '2 hrs 30 mins'],
  ])('durationText(%d) is %s', (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });

  it('parses editor and plugin from wakatime-cli user agents', () => {
    expect(
      parseUserAgent(
        'wakatime/v1.73.0 (linux-5.15.0-generic-x86_64) go1.20.5 vscode/1.80.0 vscode-wakatime/24.0.0',
      ),
    ).toEqual({ editor: 'vscode', plugin: 'vscode-wakatime' });
    expect(parseUserAgent('wakatime/13.0.7')).toEqual({ editor: null, plugin: null });
    expect(parseUserAgent(null)).toEqual({ editor: null, plugin: null });
  });

  it('reduces entities as the privacy setting says', () => {
    expect(reduceEntity('/a/b/c.go', 'full')).toBe('/a/b/c.go');
    expect(reduceEntity('/a/b/c.go', 'basename')).toBe('c.go');
    expect(reduceEntity('https://example.com', 'basename')).toBe('example.com');
    expect(reduceEntity('/a/b/c.go', 'none')).toBeNull();
  });

  it('turns the WakaTime forms of Authorization into a bearer token, checking nothing', () => {
    const token = 'dtk_abc';
    const b64 = Buffer.from(token).toString('base64');
    expect(bearerFromWakatime(`Basic ${b64}`)).toBe('Bearer dtk_abc');
    expect(bearerFromWakatime(`Bearer ${b64}`)).toBe('Bearer dtk_abc');
    expect(bearerFromWakatime('Bearer dtk_abc')).toBe('Bearer dtk_abc');
    expect(bearerFromWakatime('Bearer a.b.c')).toBe('Bearer a.b.c');
    expect(bearerFromWakatime(undefined)).toBeUndefined();
    expect(bearerFromWakatime('Token x')).toBe('Token x');
  });
});
