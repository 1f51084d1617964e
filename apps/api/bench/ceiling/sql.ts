/**
 * The ceiling runs exactly the SQL DevTrackr runs. Rather than copying statements by hand (and
 * drifting), it asks DevTrackr's own repository functions for them once, at startup: each is run
 * against a recording client with sentinel arguments, which yields the statement text and, for
 * each `$n`, either the argument it came from or a constant. Requests then only bind values and
 * call node-postgres; Drizzle never runs on the request path.
 *
 * `npx tsx bench/sql-trace.ts --ceiling` prints both servers' statements per scenario.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../../src/db/schema/index.js';
import type { Db, Tx } from '../../src/db/types.js';
import * as authSessions from '../../src/modules/auth/sessions.repository.js';
import * as authUsers from '../../src/modules/auth/users.repository.js';
import * as metrics from '../../src/modules/metrics/metrics.repository.js';
import * as series from '../../src/modules/metrics/metrics-series.repository.js';
import { readOnly } from '../../src/modules/metrics/metrics.sql.js';
import type { TaskFilters } from '../../src/modules/tasks/tasks.list.js';
import { countTasks, listTasks } from '../../src/modules/tasks/tasks.list.repository.js';
import * as tasks from '../../src/modules/tasks/tasks.repository.js';
import * as ledger from '../../src/modules/ledger/ledger.repository.js';
import * as time from '../../src/modules/time/time.repository.js';

/** A statement and where each of its parameters comes from. */
export interface Template {
  /** Set when the repository uses a named (prepared) statement; the ceiling then does too. */
  name?: string;
  text: string;
  slots: ({ key: string } | { value: unknown })[];
}

/** Sentinel arguments: values no real request uses, so each `$n` can be traced to its source. */
const S = {
  owner: 990_001,
  task: 990_002,
  limit: 990_003,
  after: 990_004,
  entry: 990_005,
  estimatedMinutes: 990_006,
  session: 990_007,
  minutes: 990_008,
  offset: 990_009,
  version: 990_010,
  now: new Date('1911-01-01T01:01:01.001Z'),
  dueAt: new Date('1912-02-02T02:02:02.002Z'),
  completedAt: new Date('1913-03-03T03:03:03.003Z'),
  expiresAt: new Date('1914-04-04T04:04:04.004Z'),
  title: '~title~',
  description: '~description~',
  category: '~category~',
  status: '~status~',
  priority: '~priority~',
  tags: '~tags~',
  email: '~email~',
  userAgent: '~useragent~',
  tokenHash: '~tokenhash~',
  tz: '~tz~',
  from: '~from~',
  to: '~to~',
} as const;

const sentinelEntries = Object.entries(S).map(
  ([key, v]) => [key, v instanceof Date ? v.toISOString() : v] as const,
);

function slotFor(value: unknown): Template['slots'][number] {
  for (const [key, s] of sentinelEntries) {
    if (value === s) return { key };
    // Values the driver gets as they are (nullable timestamps, statement.ts Params.raw).
    if (value instanceof Date && value.toISOString() === s) return { key };
    // Strings inside arrays (text[] literals) and timestamps rendered as text.
    if (typeof s === 'string' && typeof value === 'string' && value.includes(s)) return { key };
  }
  return { value };
}

/** Runs `work` against a client that records statements and answers every query with no rows. */
async function record(work: (db: Db) => Promise<unknown>): Promise<Template[]> {
  const seen: { name?: string; text: string; values: unknown[] }[] = [];
  const client = {
    query(
      config: string | { name?: string; text: string; values?: unknown[] },
      values?: unknown[],
    ) {
      const c = typeof config === 'string' ? { text: config } : config;
      seen.push({
        ...(c.name ? { name: c.name } : {}),
        text: c.text,
        values: values ?? c.values ?? [],
      });
      return Promise.resolve({ rows: [], rowCount: 0, fields: [], command: 'SELECT' });
    },
  };
  const db = drizzle({ client: client as never, schema, casing: 'snake_case' }) as unknown as Db;
  // Functions that expect a row throw once they see none; the statement is recorded by then.
  await work(db).catch(() => undefined);
  return seen.map((s) => ({
    ...(s.name ? { name: s.name } : {}),
    text: s.text,
    slots: s.values.map(slotFor),
  }));
}

async function one(work: (db: Db) => Promise<unknown>): Promise<Template> {
  const statements = await record(work);
  if (statements.length !== 1) throw new Error(`expected one statement, got ${statements.length}`);
  return statements[0]!;
}

/** The node-postgres query config of a template with its parameters bound. */
export function bound(
  t: Template,
  args: Record<string, unknown>,
): { name?: string; text: string; values: unknown[] } {
  return { ...(t.name ? { name: t.name } : {}), text: t.text, values: bind(t, args) };
}

/** Binds a template's parameters from named arguments. */
export function bind(t: Template, args: Record<string, unknown>): unknown[] {
  return t.slots.map((slot) => {
    if (!('key' in slot)) return slot.value;
    const v = args[slot.key];
    if (v === undefined) throw new Error(`no value for ${slot.key} in ${t.text.slice(0, 60)}`);
    return v;
  });
}

const asTx = (db: Db): Tx => db as unknown as Tx;

/** The list filter shapes the ceiling serves: at most one value per filter. */
export interface ListShape {
  status: boolean;
  priority: boolean;
  category: boolean;
  tag: boolean;
  after: boolean;
  offset: boolean;
}

export async function listTemplates(
  shape: ListShape,
): Promise<{ list: Template; count: Template }> {
  const filters: TaskFilters = {
    statuses: shape.status ? [S.status as never] : [],
    priorities: shape.priority ? [S.priority as never] : [],
    category: shape.category ? S.category : null,
    tags: shape.tag ? [S.tags] : [],
    q: null,
    dueBefore: null,
    dueAfter: null,
    overdue: null,
  };
  const list = await one((db) =>
    listTasks(db, {
      ownerId: S.owner,
      filters,
      now: S.now,
      sort: { field: 'id', descending: false },
      limit: S.limit,
      ...(shape.offset ? { offset: S.offset } : {}),
      ...(shape.after ? { after: { key: null, id: S.after } } : {}),
    }),
  );
  const count = await one((db) => countTasks(db, S.owner, filters, S.now));
  return { list, count };
}

/** The task fields a PATCH may change, in DevTrackr's TaskWrite names, with their sentinels. */
const WRITABLE: Record<string, unknown> = {
  title: S.title,
  description: S.description,
  category: S.category,
  status: S.status,
  priority: S.priority,
  tags: [S.tags],
  estimatedMinutes: S.estimatedMinutes,
  dueAt: S.dueAt,
  completedAt: S.completedAt,
};

export async function updateTemplate(keys: string[]): Promise<Template> {
  const changes = Object.fromEntries(keys.map((k) => [k, WRITABLE[k]]));
  const target = { ownerId: S.owner, taskId: S.task, version: S.version };
  return one((db) => tasks.updateTask(db, target, changes, S.now));
}

export type CeilingSql = Awaited<ReturnType<typeof captureAll>>;

export async function captureAll() {
  const period = { userId: S.owner, tz: S.tz, from: S.from, to: S.to, now: S.now };
  const [, setConfig] = await record((db) => readOnly(db, () => Promise.resolve()));
  if (setConfig === undefined) throw new Error('readOnly sent no settings statement');
  return {
    findTask: await one((db) => tasks.findTaskForOwner(db, S.owner, S.task)),
    lockTask: await one((db) => tasks.lockTaskForOwner(asTx(db), S.owner, S.task)),
    insertTask: await one((db) =>
      tasks.insertTask(asTx(db), {
        ownerId: S.owner,
        title: S.title,
        description: S.description,
        category: S.category,
        status: S.status as never,
        priority: S.priority as never,
        tags: [S.tags],
        estimatedMinutes: S.estimatedMinutes,
        dueAt: S.dueAt,
        completedAt: S.completedAt,
        createdAt: S.now,
        updatedAt: S.now,
      }),
    ),
    lockUser: await one((db) => time.lockUser(asTx(db), S.owner)),
    lockOwnedTask: await one((db) => time.lockOwnedTask(asTx(db), S.owner, S.task)),
    findRunningEntry: await one((db) => time.findRunningEntry(db, S.owner)),
    insertEntry: await one((db) =>
      time.insertEntry(asTx(db), {
        taskId: S.task,
        userId: S.owner,
        startedAt: S.now,
        endedAt: null,
        source: 'timer',
        note: null,
      }),
    ),
    endEntry: await one((db) => time.updateEntry(asTx(db), S.entry, { endedAt: S.now })),
    deleteEntry: await one((db) => time.deleteEntry(asTx(db), S.entry)),
    ledgerLockTask: await one((db) => ledger.lockTask(db, S.task)),
    sumTaskSeconds: await one((db) => ledger.sumTaskSeconds(db, S.task)),
    setActualMinutes: await one((db) =>
      ledger.setTaskActualMinutes(db, S.owner, S.task, S.minutes),
    ),
    findUserByEmail: await one((db) => authUsers.findUserByEmail(db, S.email)),
    insertSession: await one((db) =>
      authSessions.insertSession(db, {
        userId: S.owner,
        expiresAt: S.expiresAt,
        userAgent: S.userAgent,
      }),
    ),
    insertRefreshToken: await one((db) =>
      authSessions.insertRefreshToken(db, {
        sessionId: S.session,
        tokenHash: S.tokenHash,
        expiresAt: S.expiresAt,
      }),
    ),
    metricsSettings: setConfig,
    userTimezone: await one((db) => authUsers.findUserCalendar(db, S.owner)),
    summary: await one((db) => metrics.summary(db, period)),
    weekly: await one((db) => series.weekly(db, { ...period, weekStart: 'monday' })),
  };
}
