import { createHash } from 'node:crypto';

/**
 * The data that migration-teams.test.ts writes at the schema of migrations 0000–0005 (before
 * teams), in raw SQL, and what it must find after migration 0006 onward. The expected figures are
 * computed here from the seed, never read back from the database or the API.
 */

/** Anything with a node-postgres-shaped query: a pg Pool or client, or a PGlite instance. */
export interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export async function rows<T>(db: Queryable, text: string, params?: unknown[]): Promise<T[]> {
  return (await db.query(text, params)).rows as T[];
}

type Status = 'todo' | 'doing' | 'done';

interface SeedEntry {
  source: 'timer' | 'manual' | 'adjustment';
  startedAt: Date;
  /** null: the running timer. */
  endedAt: Date | null;
  adjustmentSeconds: number | null;
  note: string | null;
}

interface SeedTask {
  title: string;
  status: Status;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  category: string | null;
  tags: string[];
  estimatedMinutes: number | null;
  dueAt: Date | null;
  entries: SeedEntry[];
}

interface SeedUser {
  email: string;
  fullName: string | null;
  isActive: boolean;
  timezone: string;
  weekStart: 'monday' | 'sunday';
  tasks: SeedTask[];
  tokens: number;
  sessions: number;
}

const BASE = Date.UTC(2025, 0, 6, 8, 0, 0);
const at = (hours: number, seconds = 0): Date =>
  new Date(BASE + hours * 3_600_000 + seconds * 1000);
const STATUSES: Status[] = ['todo', 'doing', 'done'];
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

/** Each user's entries take hours of their own, so no two of a user's entries overlap. */
function entriesFor(i: number, hour: number): SeedEntry[] {
  const list: SeedEntry[] = [];
  if (i % 3 !== 1) {
    list.push({
      source: 'timer',
      startedAt: at(hour),
      endedAt: at(hour, (i + 1) * 61 + 7),
      adjustmentSeconds: null,
      note: null,
    });
  }
  if (i % 4 === 0) {
    list.push({
      source: 'manual',
      startedAt: at(hour + 1),
      endedAt: at(hour + 1, 900 + i),
      adjustmentSeconds: null,
      note: `manual ${i}`,
    });
  }
  if (i % 5 === 0) {
    // Signed: hand-set corrections go both ways.
    const seconds = (i % 10 === 0 ? -1 : 1) * (i * 30 + 45);
    const instant = at(hour + 2);
    list.push({
      source: 'adjustment',
      startedAt: instant,
      endedAt: instant,
      adjustmentSeconds: seconds,
      note: null,
    });
  }
  return list;
}

function manyTasks(count: number): SeedTask[] {
  return Array.from({ length: count }, (_, i) => ({
    // One title with a quote, a non-ASCII letter and an emoji, so the digest covers them.
    title: i === 7 ? `O'Brien’s 📈 report ${i}` : `ada task ${i}`,
    status: STATUSES[i % 3]!,
    priority: PRIORITIES[i % 4]!,
    category: i % 5 === 0 ? null : `cat-${i % 3}`,
    tags: i % 4 === 0 ? [] : [`t${i % 3}`, 'shared'],
    estimatedMinutes: i % 6 === 0 ? null : 15 * ((i % 8) + 1),
    dueAt: i % 2 === 0 ? at(24 * (i + 3)) : null,
    entries: entriesFor(i, 4 * i),
  }));
}

const plain = (
  title: string,
  status: Status,
  estimatedMinutes: number | null,
  tags: string[],
): SeedTask => ({
  title,
  status,
  priority: 'high',
  category: null,
  tags,
  estimatedMinutes,
  dueAt: null,
  entries: [],
});
const RUNNING = {
  source: 'timer',
  endedAt: null,
  adjustmentSeconds: null,
  note: 'running',
} as const;

export const SEED: SeedUser[] = [
  {
    email: 'ada@example.com',
    fullName: 'Ada Many',
    isActive: true,
    timezone: 'UTC',
    weekStart: 'monday',
    tasks: manyTasks(48),
    tokens: 2,
    sessions: 2,
  },
  {
    email: 'ben@example.com',
    fullName: 'Ben Running',
    isActive: true,
    timezone: 'America/New_York',
    weekStart: 'sunday',
    tokens: 1,
    sessions: 1,
    tasks: [
      { ...plain('ben todo', 'todo', 30, ['home']), category: 'home', dueAt: at(500) },
      // The one running timer.
      {
        ...plain('ben doing', 'doing', null, []),
        priority: 'urgent',
        entries: [...entriesFor(0, 300), { ...RUNNING, startedAt: at(400) }],
      },
      {
        ...plain('ben done', 'done', 120, ['a', 'b', 'c']),
        dueAt: at(200),
        entries: entriesFor(10, 310),
      },
    ],
  },
  {
    email: 'cyd@example.com',
    fullName: null,
    isActive: true,
    timezone: 'UTC',
    weekStart: 'monday',
    tokens: 1,
    sessions: 0,
    tasks: [], // no tasks at all: still gets a personal workspace
  },
  {
    email: 'dee@example.com',
    fullName: 'Dee Inactive',
    isActive: false,
    timezone: 'Europe/Berlin',
    weekStart: 'monday',
    tokens: 0,
    sessions: 0,
    tasks: manyTasks(5).map((t, i) => ({ ...t, title: `dee task ${i}` })),
  },
  {
    email: 'eve@example.com',
    fullName: 'Eve',
    isActive: true,
    timezone: 'Asia/Tokyo',
    weekStart: 'monday',
    tokens: 0,
    sessions: 1,
    tasks: [{ ...manyTasks(1)[0]!, title: 'eve only', entries: [] }],
  },
];

const seconds = (e: SeedEntry): number | null =>
  e.source === 'adjustment'
    ? e.adjustmentSeconds
    : e.endedAt === null
      ? null
      : Math.floor((e.endedAt.getTime() - e.startedAt.getTime()) / 1000);

/** What a task's cached actual minutes hold before teams: its tracked time, never negative. */
const actualMinutes = (t: SeedTask): number =>
  Math.max(0, Math.floor(t.entries.reduce((s, e) => s + (seconds(e) ?? 0), 0) / 60));

export interface Seeded {
  /** Database ids, in SEED order. */
  userIds: number[];
  /** [task id, title, owner id], in id order. */
  tasks: [number, string, number][];
}

/**
 * Writes SEED at the pre-teams schema. Two throwaway accounts are created and deleted first, so
 * user ids and the personal workspaces' ids (numbered from 1 by the migration) differ: a
 * migration that confused the two would fail.
 */
export async function writeSeed(db: Queryable): Promise<Seeded> {
  const throwaway = await rows<{ id: number }>(
    db,
    `insert into users (email, password_hash) values ('gone1@example.com', 'x'), ('gone2@example.com', 'x')
     returning id`,
  );
  await db.query('delete from users where id = any($1::int[])', [throwaway.map((r) => r.id)]);

  const userIds: number[] = [];
  const tasks: [number, string, number][] = [];
  for (const u of SEED) {
    const [user] = await rows<{ id: number }>(
      db,
      `insert into users (email, password_hash, full_name, is_active, timezone, week_start)
       values ($1, '$argon2id$v=19$m=19456,t=2,p=1$fake', $2, $3, $4, $5) returning id`,
      [u.email, u.fullName, u.isActive, u.timezone, u.weekStart],
    );
    const userId = user!.id;
    userIds.push(userId);
    for (const t of u.tasks) {
      const done = t.status === 'done';
      const [task] = await rows<{ id: number }>(
        db,
        `insert into tasks (owner_id, title, description, category, status, priority, tags,
                            estimated_minutes, actual_minutes, due_at, completed_at)
         values ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9, $10, $11) returning id`,
        [
          userId,
          t.title,
          `about ${t.title}`,
          t.category,
          t.status,
          t.priority,
          t.tags,
          t.estimatedMinutes,
          actualMinutes(t),
          t.dueAt,
          done ? at(1000) : null,
        ],
      );
      tasks.push([task!.id, t.title, userId]);
      for (const e of t.entries) {
        await db.query(
          `insert into time_entries (task_id, user_id, started_at, ended_at, source, adjustment_seconds, note)
           values ($1, $2, $3, $4, $5, $6, $7)`,
          [task!.id, userId, e.startedAt, e.endedAt, e.source, e.adjustmentSeconds, e.note],
        );
      }
    }
    for (let k = 0; k < u.tokens; k++) {
      await db.query(
        `insert into personal_access_tokens (user_id, name, token_hash, token_prefix, scopes, expires_at, revoked_at)
         values ($1, $2, $3, 'dtk_abcd', $4::text[], $5, $6)`,
        [
          userId,
          `token ${k}`,
          `hash-${userId}-${k}`,
          k === 0 ? ['tasks:read', 'tasks:write'] : ['metrics:read'],
          k === 0 ? null : at(9000),
          k === 1 ? at(100) : null,
        ],
      );
    }
    for (let k = 0; k < u.sessions; k++) {
      const [session] = await rows<{ id: number }>(
        db,
        `insert into sessions (user_id, expires_at, user_agent) values ($1, $2, 'test') returning id`,
        [userId, at(9000)],
      );
      await db.query(
        `insert into refresh_tokens (session_id, token_hash, expires_at, used_at)
         values ($1, $2, $3, $4), ($1, $5, $3, null)`,
        [session!.id, `rt-${session!.id}-a`, at(9000), at(10), `rt-${session!.id}-b`],
      );
    }
  }
  await db.query(
    `insert into idempotency_keys (user_id, key, method, path, request_hash, status_code, expires_at)
     values ($1, 'key-1', 'POST', '/tasks', 'h', 201, $2)`,
    [userIds[0], at(9000)],
  );
  tasks.sort((a, b) => a[0] - b[0]);
  return { userIds, tasks };
}

export interface Figures {
  counts: Record<string, number>;
  actualMinutes: number;
  estimatedMinutes: number;
  durationSeconds: number;
  running: number;
  /** [user id, tasks owned, seconds tracked], by user id. */
  perUser: [number, number, number][];
  /** md5 of the tasks' ids, titles and owner ids, in id order. */
  digest: string;
}

export const SEED_TABLES = [
  'users',
  'tasks',
  'time_entries',
  'personal_access_tokens',
  'sessions',
  'refresh_tokens',
  'idempotency_keys',
] as const;

/** The figures SEED must produce, computed from the seed itself. */
export function expectedFigures(seeded: Seeded): Figures {
  const allTasks = SEED.flatMap((u) => u.tasks);
  const allEntries = allTasks.flatMap((t) => t.entries);
  const sum = (xs: (number | null)[]) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);
  return {
    counts: {
      users: SEED.length,
      tasks: allTasks.length,
      time_entries: allEntries.length,
      personal_access_tokens: sum(SEED.map((u) => u.tokens)),
      sessions: sum(SEED.map((u) => u.sessions)),
      refresh_tokens: 2 * sum(SEED.map((u) => u.sessions)),
      idempotency_keys: 1,
    },
    actualMinutes: sum(allTasks.map(actualMinutes)),
    estimatedMinutes: sum(allTasks.map((t) => t.estimatedMinutes)),
    durationSeconds: sum(allEntries.map(seconds)),
    running: allEntries.filter((e) => e.endedAt === null).length,
    perUser: SEED.map((u, i) => [
      seeded.userIds[i]!,
      u.tasks.length,
      sum(u.tasks.flatMap((t) => t.entries).map(seconds)),
    ]),
    digest: createHash('md5')
      .update(
        seeded.tasks.map(([id, title, owner]) => `${id}:${title}:${owner}`).join('\n'),
        'utf8',
      )
      .digest('hex'),
  };
}

/** The same figures, read from the database (the same SQL before and after migrating). */
export async function readFigures(db: Queryable): Promise<Figures> {
  const counts: Record<string, number> = {};
  for (const table of SEED_TABLES) {
    const [r] = await rows<{ n: number }>(db, `select count(*)::int as n from ${table}`);
    counts[table] = r!.n;
  }
  const [t] = await rows<{ a: string; e: string }>(
    db,
    `select coalesce(sum(actual_minutes), 0)::text as a, coalesce(sum(estimated_minutes), 0)::text as e
     from tasks`,
  );
  const [e] = await rows<{ d: string; running: number }>(
    db,
    `select coalesce(sum(duration_seconds), 0)::text as d,
            (count(*) filter (where ended_at is null))::int as running
     from time_entries`,
  );
  const perUser = await rows<{ id: number; tasks: number; seconds: string }>(
    db,
    `select u.id,
            (select count(*) from tasks where owner_id = u.id)::int as tasks,
            (select coalesce(sum(duration_seconds), 0) from time_entries where user_id = u.id)::text
              as seconds
     from users u order by u.id`,
  );
  const [d] = await rows<{ digest: string }>(
    db,
    `select md5(string_agg(id::text || ':' || title || ':' || owner_id::text, E'\\n' order by id))
       as digest
     from tasks`,
  );
  return {
    counts,
    actualMinutes: Number(t!.a),
    estimatedMinutes: Number(t!.e),
    durationSeconds: Number(e!.d),
    running: e!.running,
    perUser: perUser.map((r) => [r.id, r.tasks, Number(r.seconds)]),
    digest: d!.digest,
  };
}
