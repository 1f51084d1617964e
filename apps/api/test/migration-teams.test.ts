import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../src/db/migrations-path.js';
import { createPgDatabase } from '../src/db/pg.js';
import { createPgliteDatabase } from '../src/db/pglite.js';
import type { Database } from '../src/db/types.js';
import { testDbKind } from './helpers/db.js';
import {
  expectedFigures,
  readFigures,
  rows,
  SEED,
  SEED_TABLES,
  writeSeed,
  type Figures,
  type Queryable,
  type Seeded,
} from './helpers/teams-migration-seed.js';

/**
 * Issue 15: existing users get a personal workspace holding all of their tasks and entries, with
 * zero rows lost. A database is built at the schema before teams (migrations 0000–0005), seeded
 * in raw SQL, measured, then migrated the way the server does it (Database.migrate: 0006 onward)
 * and measured again.
 */

const PREVIOUS_SCHEMA_MIGRATIONS = 6; // 0000_initial … 0005_profile_week_start

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A copy of the migrations folder whose journal stops before teams. */
function previousSchemaFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'devtrackr-migteams-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const path = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
  const kept = journal.entries.slice(0, PREVIOUS_SCHEMA_MIGRATIONS);
  expect(kept.at(-1)?.tag).toBe('0005_profile_week_start');
  writeFileSync(path, JSON.stringify({ ...journal, entries: kept }));
  return dir;
}

/** One database for this file, on the project's engine, with raw access beside the app's. */
interface Harness {
  database: Database;
  raw: Queryable;
  /** Runs `fn` on one connection, so a transaction spans its statements. */
  session<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  migratePrevious(folder: string): Promise<void>;
  drop(): Promise<void>;
}

async function pgliteHarness(): Promise<Harness> {
  const database = await createPgliteDatabase({});
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const raw: Queryable = { query: (text, params) => client.query(text, params) };
  return {
    database,
    raw,
    session: (fn) => fn(raw), // PGlite is one connection
    migratePrevious: (folder) =>
      migratePglite(drizzlePglite({ client }), { migrationsFolder: folder }),
    drop: () => database.close(),
  };
}

async function pgHarness(): Promise<Harness> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `migteams_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = createPgDatabase(
    { url: url.toString(), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 },
    pino({ level: 'silent' }),
  );
  const pool = (database.db as unknown as { $client: pg.Pool }).$client;
  return {
    database,
    raw: { query: (text, params) => pool.query(text, params) },
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({ query: (text, params) => client.query(text, params) });
      } finally {
        client.release();
      }
    },
    migratePrevious: (folder) =>
      migratePg(drizzlePg({ client: pool }), { migrationsFolder: folder }),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const hasColumn = async (db: Queryable, table: string, column: string): Promise<boolean> =>
  (
    await rows(
      db,
      `select 1 from information_schema.columns
       where table_schema = 'public' and table_name = $1 and column_name = $2`,
      [table, column],
    )
  ).length === 1;

let h: Harness;
let seeded: Seeded;
let before: Figures;
let after: Figures;
let tasksHadWorkspaceBefore: boolean;

beforeAll(async () => {
  h = testDbKind() === 'pg' ? await pgHarness() : await pgliteHarness();
  const folder = previousSchemaFolder();
  try {
    await h.migratePrevious(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  tasksHadWorkspaceBefore = await hasColumn(h.raw, 'tasks', 'workspace_id');
  seeded = await writeSeed(h.raw);
  before = await readFigures(h.raw);
  await h.database.migrate(); // what the server runs on start: 0006 onward
  after = await readFigures(h.raw);
}, 120_000);

afterAll(async () => {
  await h.drop();
});

describe('the database before migration 0006', () => {
  it('is at the previous schema: tasks have no workspace yet', () => {
    expect(tasksHadWorkspaceBefore).toBe(false);
  });

  it('holds exactly the seed (every figure computed from the seed data)', () => {
    expect(before).toEqual(expectedFigures(seeded));
    // The seed covers what the brief asks for: a user with no tasks, one with many, one running
    // timer, every status and source, signed adjustments.
    expect(before.perUser.some(([, tasks]) => tasks === 0)).toBe(true);
    expect(Math.max(...before.perUser.map(([, tasks]) => tasks))).toBeGreaterThanOrEqual(40);
    expect(before.running).toBe(1);
    const entries = SEED.flatMap((u) => u.tasks.flatMap((t) => t.entries));
    expect(new Set(entries.map((e) => e.source))).toEqual(
      new Set(['timer', 'manual', 'adjustment']),
    );
    expect(entries.some((e) => (e.adjustmentSeconds ?? 0) < 0)).toBe(true);
    expect(entries.some((e) => (e.adjustmentSeconds ?? 0) > 0)).toBe(true);
    expect(new Set(SEED.flatMap((u) => u.tasks.map((t) => t.status)))).toEqual(
      new Set(['todo', 'doing', 'done']),
    );
  });
});

describe('after migrating to the current schema: zero rows lost', () => {
  it('every count, sum, per-user figure and the task digest are unchanged', () => {
    expect(after).toEqual(before);
    for (const table of SEED_TABLES) expect(after.counts[table], table).toBeGreaterThan(0);
  });

  it('every user has exactly one personal workspace, owned by them and by nobody else', async () => {
    const perUser = await rows<{ id: number; n: number }>(
      h.raw,
      `select u.id, count(w.id)::int as n
       from users u left join workspaces w on w.personal_owner_id = u.id
       group by u.id order by u.id`,
    );
    expect(perUser.map((r) => [r.id, r.n])).toEqual(seeded.userIds.map((id) => [id, 1]));
    const [total] = await rows<{ n: number }>(h.raw, 'select count(*)::int as n from workspaces');
    expect(total!.n).toBe(SEED.length);

    const members = await rows<{ user_id: number; role: string; n: number }>(
      h.raw,
      `select w.personal_owner_id as user_id, m.role::text as role,
              (select count(*) from workspace_members where workspace_id = w.id)::int as n
       from workspaces w
       left join workspace_members m on m.workspace_id = w.id and m.user_id = w.personal_owner_id
       order by w.personal_owner_id`,
    );
    expect(members.map((r) => [r.user_id, r.role, r.n])).toEqual(
      seeded.userIds.map((id) => [id, 'owner', 1]),
    );
    // The check above means something only if workspace ids are not simply the user ids.
    const [differs] = await rows<{ n: number }>(
      h.raw,
      'select count(*)::int as n from workspaces where id <> personal_owner_id',
    );
    expect(differs!.n).toBe(SEED.length);
  });

  it("every task is in its owner's personal workspace, which holds what the user owned", async () => {
    const [misplaced] = await rows<{ n: number }>(
      h.raw,
      `select count(*)::int as n from tasks t
       left join workspaces w on w.id = t.workspace_id
       where w.personal_owner_id is distinct from t.owner_id`,
    );
    expect(misplaced!.n).toBe(0);
    const perWorkspace = await rows<{ user_id: number; tasks: number; seconds: string }>(
      h.raw,
      `select w.personal_owner_id as user_id,
              (select count(*) from tasks where workspace_id = w.id)::int as tasks,
              (select coalesce(sum(duration_seconds), 0) from time_entries
               where workspace_id = w.id)::text as seconds
       from workspaces w order by w.personal_owner_id`,
    );
    expect(perWorkspace.map((r) => [r.user_id, r.tasks, Number(r.seconds)])).toEqual(
      expectedFigures(seeded).perUser,
    );
  });

  it("every time entry is in its task's workspace", async () => {
    const [r] = await rows<{ total: number; same: number }>(
      h.raw,
      `select count(*)::int as total,
              (count(*) filter (where e.workspace_id = t.workspace_id))::int as same
       from time_entries e join tasks t on t.id = e.task_id`,
    );
    expect(r).toEqual({ total: before.counts.time_entries, same: before.counts.time_entries });
  });

  it('personal access tokens stay unlimited (workspace_id null)', async () => {
    const [r] = await rows<{ total: number; limited: number }>(
      h.raw,
      `select count(*)::int as total,
              (count(*) filter (where workspace_id is not null))::int as limited
       from personal_access_tokens`,
    );
    expect(r).toEqual({ total: before.counts.personal_access_tokens, limited: 0 });
  });
});

describe("the migration's invariants hold on the migrated data", () => {
  const workspaceOf = async (userIndex: number): Promise<number> => {
    const [r] = await rows<{ id: number }>(
      h.raw,
      'select id from workspaces where personal_owner_id = $1',
      [seeded.userIds[userIndex]],
    );
    return r!.id;
  };

  it('a task cannot point at a project of another workspace (tasks_project_fk)', async () => {
    const [ada, ben] = [await workspaceOf(0), await workspaceOf(1)];
    const [project] = await rows<{ id: number }>(
      h.raw,
      `insert into projects (workspace_id, name) values ($1, 'Ada project') returning id`,
      [ada],
    );
    const insertTask = (workspaceId: number) =>
      h.raw.query(
        `insert into tasks (workspace_id, owner_id, project_id, title) values ($1, $2, $3, 'x')`,
        [workspaceId, seeded.userIds[1], project!.id],
      );
    await expect(insertTask(ben)).rejects.toMatchObject({
      code: '23503',
      message: expect.stringContaining('tasks_project_fk'),
    });
    // The same row in the project's own workspace is accepted: the key is what refused it.
    await expect(insertTask(ada)).resolves.toBeDefined();
  });

  it('deleting the only owner of a workspace fails at commit (workspace_members_one_owner)', async () => {
    const cyd = await workspaceOf(2);
    const owner = seeded.userIds[2];
    await h.session(async (q) => {
      await q.query('begin');
      // Deferred: the statement itself succeeds, so one transaction may swap owners.
      const deleted = await rows(
        q,
        'delete from workspace_members where workspace_id = $1 and user_id = $2 returning user_id',
        [cyd, owner],
      );
      expect(deleted).toHaveLength(1);
      await expect(q.query('commit')).rejects.toMatchObject({
        code: '23514',
        constraint: 'workspace_members_one_owner',
      });
    });
    const [still] = await rows<{ role: string }>(
      h.raw,
      'select role::text as role from workspace_members where workspace_id = $1 and user_id = $2',
      [cyd, owner],
    );
    expect(still).toEqual({ role: 'owner' });
  });

  it('the one-running-timer-per-user index still holds on migrated entries', async () => {
    const [running] = await rows<{ task_id: number; user_id: number; workspace_id: number }>(
      h.raw,
      'select task_id, user_id, workspace_id from time_entries where ended_at is null',
    );
    await expect(
      h.raw.query(
        `insert into time_entries (workspace_id, task_id, user_id, started_at, source)
         values ($1, $2, $3, now(), 'timer')`,
        [running!.workspace_id, running!.task_id, running!.user_id],
      ),
    ).rejects.toMatchObject({ code: '23505' });
  });
});
