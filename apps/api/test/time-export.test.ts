import { parse } from 'csv-parse/sync';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../src/db/schema/index.js';
import { createTestApp, manualClock, type TestApp } from './helpers/app.js';
import { createUser, type TestUser } from './helpers/auth.js';
import { dbEntries, insertTask } from './helpers/time.js';

const clock = manualClock(new Date('2026-03-02T12:00:00Z'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

const exportEntries = (u: TestUser, qs = 'format=csv') =>
  t.app.inject({ url: `/time-entries/export?${qs}`, headers: u.headers });
const exportTasks = (u: TestUser, qs = 'format=csv') =>
  t.app.inject({ url: `/tasks/export?${qs}`, headers: u.headers });

const csvRows = (body: string) =>
  parse<Record<string, string>>(body, { columns: true, record_delimiter: '\r\n' });

// Notes written the way users (or attackers) write them.
const NOTES = [
  'plain',
  'comma, and "quotes"',
  'two\nlines',
  'windows\r\nline',
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\tcmd',
  '\rcarriage',
  'ümlaut ✓',
  null,
];
// What a spreadsheet must see: the formula-looking cells prefixed with a single quote.
const CSV_NOTES = [
  'plain',
  'comma, and "quotes"',
  'two\nlines',
  'windows\r\nline',
  `'=HYPERLINK("http://evil.example","click")`,
  "'+1+1",
  "'-2+3",
  "'@SUM(A1:A2)",
  "'\tcmd",
  "'\rcarriage",
  'ümlaut ✓',
  '',
];

async function seedNotes(u: TestUser) {
  const task = await insertTask(t.app, u.id, { title: '=cmd|calc', category: '@risk' });
  for (let i = 0; i < NOTES.length; i++) {
    const start = new Date(Date.UTC(2026, 1, 10, i, 0));
    const res = await t.app.inject({
      method: 'POST',
      url: `/tasks/${task}/time-entries`,
      headers: u.headers,
      payload: {
        started_at: start.toISOString(),
        ended_at: new Date(start.getTime() + (i + 1) * 60_000).toISOString(),
        note: NOTES[i],
      },
    });
    expect(res.statusCode).toBe(201);
  }
  return task;
}

describe('GET /time-entries/export', () => {
  it('CSV parses back to the same rows, with formula cells escaped', async () => {
    const u = await createUser(t.app);
    const task = await seedNotes(u);
    const res = await exportEntries(u);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="time-entries.csv"');
    expect(
      res.body.startsWith(
        'id,task_id,task_title,task_category,started_at,ended_at,duration_seconds,source,note,created_at\r\n',
      ),
    ).toBe(true);

    const rows = csvRows(res.body);
    const db = await dbEntries(t.app, u.id);
    expect(rows).toEqual(
      db.map((e, i) => ({
        id: String(e.id),
        task_id: String(task),
        task_title: "'=cmd|calc",
        task_category: "'@risk",
        started_at: e.startedAt.toISOString(),
        ended_at: e.endedAt!.toISOString(),
        duration_seconds: String((i + 1) * 60),
        source: 'manual',
        note: CSV_NOTES[i],
        created_at: e.createdAt.toISOString(),
      })),
    );
  });

  it('JSON is one array of the same rows, unescaped', async () => {
    const u = await createUser(t.app);
    const task = await seedNotes(u);
    const res = await exportEntries(u, 'format=json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="time-entries.json"');
    const db = await dbEntries(t.app, u.id);
    expect(JSON.parse(res.body)).toEqual(
      db.map((e, i) => ({
        id: e.id,
        task_id: task,
        task_title: '=cmd|calc',
        task_category: '@risk',
        started_at: e.startedAt.toISOString(),
        ended_at: e.endedAt!.toISOString(),
        duration_seconds: (i + 1) * 60,
        source: 'manual',
        note: NOTES[i],
        created_at: e.createdAt.toISOString(),
      })),
    );
  });

  it('honours from/to, includes running and adjustment entries, and numbers are not escaped', async () => {
    const u = await createUser(t.app);
    await seedNotes(u); // 2026-02-10, 00:00 to 11:00
    const task = await insertTask(t.app, u.id, { title: 'other' });
    await t.app.database.db.execute(sql`
      insert into time_entries (workspace_id, task_id, user_id, started_at, ended_at, source, adjustment_seconds)
      select workspace_id, id, ${u.id}, s::timestamptz, e::timestamptz, src::time_entry_source, adj
      from tasks, (values ('2026-02-11T08:00:00Z', '2026-02-11T08:00:00Z', 'adjustment', -300),
                          ('2026-02-11T09:00:00Z', null, 'timer', null)) v(s, e, src, adj)
      where id = ${task}`);
    const from = '2026-02-10T03:00:00Z';
    const to = '2026-02-10T05:00:00Z';
    const ranged = csvRows((await exportEntries(u, `format=csv&from=${from}&to=${to}`)).body);
    expect(ranged.map((r) => r.started_at)).toEqual([
      '2026-02-10T03:00:00.000Z',
      '2026-02-10T04:00:00.000Z',
    ]);
    const tail = csvRows((await exportEntries(u, 'format=csv&from=2026-02-11T00:00:00Z')).body);
    expect(tail.map((r) => [r.source, r.duration_seconds, r.ended_at])).toEqual([
      ['adjustment', '-300', '2026-02-11T08:00:00.000Z'],
      ['timer', '', ''],
    ]);
    const none = await exportEntries(u, 'format=json&from=2030-01-01T00:00:00Z');
    expect(JSON.parse(none.body)).toEqual([]);
    const header = await exportEntries(u, 'format=csv&from=2030-01-01T00:00:00Z');
    expect(csvRows(header.body)).toEqual([]);
  });

  it('walks batch boundaries without losing or repeating rows that share a start', async () => {
    const u = await createUser(t.app);
    const task = await insertTask(t.app, u.id);
    // 2,500 entries, three per start instant, so ties straddle the 1,000-row batch boundaries.
    await t.app.database.db.execute(sql`
      insert into time_entries (workspace_id, task_id, user_id, started_at, ended_at, source)
      select (select workspace_id from tasks where id = ${task}), ${task}, ${u.id},
             timestamptz '2026-01-01T00:00:00Z' + (g / 3) * interval '1 minute' + interval '123456 microseconds',
             timestamptz '2026-01-01T00:00:00Z' + (g / 3) * interval '1 minute' + interval '30 seconds',
             'manual'
      from generate_series(1, 2500) g`);
    const expected = (await dbEntries(t.app, u.id)).map((e) => e.id);
    const json = JSON.parse((await exportEntries(u, 'format=json')).body) as { id: number }[];
    expect(json.map((r) => r.id)).toEqual(expected);
    const csv = csvRows((await exportEntries(u)).body);
    expect(csv.map((r) => Number(r.id))).toEqual(expected);
  });

  it('exports only the caller own entries', async () => {
    const owner = await createUser(t.app);
    await seedNotes(owner);
    const other = await createUser(t.app);
    expect(JSON.parse((await exportEntries(other, 'format=json')).body)).toEqual([]);
    expect(csvRows((await exportEntries(other)).body)).toEqual([]);
  });

  it('validates the query and needs a token', async () => {
    const u = await createUser(t.app);
    const bad = await exportEntries(u, 'format=xlsx');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].location).toBe('query.format');
    expect(
      (await exportEntries(u, 'format=csv&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z'))
        .statusCode,
    ).toBe(422);
    expect((await t.app.inject('/time-entries/export')).statusCode).toBe(401);
  });
});

describe('GET /tasks/export', () => {
  it('CSV and JSON carry every task of the caller, escaped in CSV only', async () => {
    const u = await createUser(t.app);
    const other = await createUser(t.app);
    await insertTask(t.app, other.id, { title: 'not mine' });
    const ids = [
      await insertTask(t.app, u.id, { title: 'Plain', tags: ['api', 'x'] }),
      await insertTask(t.app, u.id, {
        title: '+danger',
        description: '-1, "quoted"\nline two',
        category: '=1+1',
        tags: ['@home'],
      }),
    ];
    const db = await t.app.database.db
      .select()
      .from(tasks)
      .where(eq(tasks.ownerId, u.id))
      .orderBy(asc(tasks.id));
    expect(db.map((r) => r.id)).toEqual(ids);

    const csv = await exportTasks(u);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="tasks.csv"');
    expect(csvRows(csv.body)).toEqual([
      {
        id: String(ids[0]),
        title: 'Plain',
        description: '',
        category: '',
        status: 'todo',
        priority: 'medium',
        tags: 'api;x',
        estimated_minutes: '',
        actual_minutes: '0',
        due_at: '',
        completed_at: '',
        created_at: db[0]!.createdAt.toISOString(),
        updated_at: db[0]!.updatedAt.toISOString(),
      },
      {
        id: String(ids[1]),
        title: "'+danger",
        description: `'-1, "quoted"\nline two`,
        category: "'=1+1",
        status: 'todo',
        priority: 'medium',
        tags: "'@home",
        estimated_minutes: '',
        actual_minutes: '0',
        due_at: '',
        completed_at: '',
        created_at: db[1]!.createdAt.toISOString(),
        updated_at: db[1]!.updatedAt.toISOString(),
      },
    ]);

    const json = await exportTasks(u, 'format=json');
    expect(json.statusCode).toBe(200);
    expect(JSON.parse(json.body)).toEqual(
      db.map((r) => ({
        id: r.id,
        title: r.title,
        description: r.description,
        category: r.category,
        status: 'todo',
        priority: 'medium',
        tags: r.tags,
        estimated_minutes: null,
        actual_minutes: 0,
        due_at: null,
        completed_at: null,
        created_at: r.createdAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
      })),
    );
  });

  it('a user with no tasks gets a header only / an empty array', async () => {
    const u = await createUser(t.app);
    const csv = await exportTasks(u);
    expect(csv.body).toBe(
      'id,title,description,category,status,priority,tags,estimated_minutes,actual_minutes,due_at,completed_at,created_at,updated_at\r\n',
    );
    expect((await exportTasks(u, 'format=json')).body).toBe('[]');
    expect((await t.app.inject('/tasks/export')).statusCode).toBe(401);
  });
});
