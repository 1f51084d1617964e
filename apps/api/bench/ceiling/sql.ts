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
import * as access from '../../src/modules/workspaces/access.repository.js';
import * as ledger from '../../src/modules/ledger/ledger.repository.js';
import * as time from '../../src/modules/time/time.repository.js';

/** A statement and where each of its parameters comes from. */
export interface Template {
  /** Set when the repository uses a named (prepared) statement; the ceiling then does too. */
  name?: string;
  text: string;
  slots: ({ key: string } | { keys: string[] } | { value: unknown })[];
}

/**
 * Sentinel arguments: values no real request uses, so each `$n` can be traced to its source.
 * Statements over several workspaces (lists, metrics) take one sentinel per workspace, keyed
 * `ws0`, `ws1`, …: WS_BASE + i (see workspaceSentinels).
 */
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
  workspace: 990_011,
  project: 990_012,
  assignee: 990_013,
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

const WS_BASE = 990_100;
/** The most workspaces a captured statement is made for (a user in more gets a 500). */
export const MAX_WORKSPACES = 50;

/** The sentinel ids of `n` workspaces. */
const workspaceSentinels = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => WS_BASE + i);

/** The named arguments `ws0`, `ws1`, … of a caller's workspaces (see workspaceSentinels). */
export const workspaceArgs = (ids: readonly number[]): Record<string, number> =>
  Object.fromEntries(ids.map((id, i) => [`ws${i}`, id]));

const sentinelEntries: (readonly [string, unknown])[] = [
  ...Object.entries(S).map(([key, v]) => [key, v instanceof Date ? v.toISOString() : v] as const),
  ...workspaceSentinels(MAX_WORKSPACES).map((v, i) => [`ws${i}`, v] as const),
];

function slotFor(value: unknown): Template['slots'][number] {
  // An integer[] handed to the driver as it is (a list's several workspaces): one slot whose
  // value is built from the workspace arguments.
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) {
    const keys = value.map((v) => sentinelEntries.find(([, s]) => s === v)?.[0]);
    if (keys.every((k): k is string => k !== undefined)) return { keys };
  }
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
    if ('keys' in slot) {
      return slot.keys.map((k) => {
        if (args[k] === undefined) throw new Error(`no value for ${k} in ${t.text.slice(0, 60)}`);
        return args[k];
      });
    }
    if (!('key' in slot)) return slot.value;
    const v = args[slot.key];
    if (v === undefined) throw new Error(`no value for ${slot.key} in ${t.text.slice(0, 60)}`);
    return v;
  });
}

const asTx = (db: Db): Tx => db as unknown as Tx;

/** The list filter shapes the ceiling serves: at most one value per filter. */
export interface ListShape {
  /** How many workspaces the list reads (the caller's memberships): one is its own shape. */
  workspaces: number;
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
    workspaceId: null,
    projectId: null,
    assignee: null,
    createdBy: null,
  };
  const scope = { workspaceIds: workspaceSentinels(shape.workspaces), userId: S.owner };
  const list = await one((db) =>
    listTasks(db, {
      ...scope,
      filters,
      now: S.now,
      sort: { field: 'id', descending: false },
      limit: S.limit,
      ...(shape.offset ? { offset: S.offset } : {}),
      ...(shape.after ? { after: { key: null, id: S.after } } : {}),
    }),
  );
  const count = await one((db) => countTasks(db, scope, filters, S.now));
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
  projectId: S.project,
  assigneeId: S.assignee,
};

export async function updateTemplate(keys: string[]): Promise<Template> {
  const changes = Object.fromEntries(keys.map((k) => [k, WRITABLE[k]]));
  // Keyed by id and workspace (the one read), at the version read; the caller's running timer.
  const target = { userId: S.owner, taskId: S.task, workspaceId: S.workspace, version: S.version };
  return one((db) => tasks.updateTask(db, target, changes, S.now));
}

/**
 * The metrics statements for a caller in `workspaces` workspaces, no scope parameter ("mine":
 * tasks assigned to or created by the caller, entries they tracked, in every visible workspace).
 * The workspace ids are separate parameters, so each count is its own statement.
 */
export async function metricsTemplates(
  workspaces: number,
): Promise<{ summary: Template; weekly: Template }> {
  const scope = {
    workspaceIds: workspaceSentinels(workspaces),
    taskUserId: S.owner,
    entryUserId: S.owner,
    projectId: null,
  };
  const period = { scope, tz: S.tz, from: S.from, to: S.to, now: S.now };
  return {
    summary: await one((db) => metrics.summary(db, period)),
    weekly: await one((db) => series.weekly(db, { ...period, weekStart: 'monday' })),
  };
}

export type CeilingSql = Awaited<ReturnType<typeof captureAll>>;

export async function captureAll() {
  const [, setConfig] = await record((db) => readOnly(db, () => Promise.resolve()));
  if (setConfig === undefined) throw new Error('readOnly sent no settings statement');
  // The caller as a login session has it: no token limit to one workspace.
  const caller = { userId: S.owner, workspaceId: null };
  return {
    // visibleMemberships without a token limit: the caller's workspaces (list, create, metrics).
    findMemberships: await one((db) => access.findMemberships(db, S.owner)),
    findTask: await one((db) => tasks.findTaskForCaller(db, caller, S.task)),
    insertTask: await one((db) =>
      tasks.insertTask(asTx(db), {
        workspaceId: S.workspace,
        ownerId: S.owner,
        projectId: S.project,
        assigneeId: S.assignee,
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
    lockTaskAccess: await one((db) => time.lockTaskAccess(asTx(db), caller, S.task)),
    lockTaskById: await one((db) => time.lockTaskById(asTx(db), S.task)),
    findRunningEntry: await one((db) => time.findRunningEntry(db, S.owner)),
    insertEntry: await one((db) =>
      time.insertEntry(asTx(db), {
        workspaceId: S.workspace,
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
      ledger.setTaskActualMinutes(db, S.workspace, S.task, S.minutes),
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
  };
}
