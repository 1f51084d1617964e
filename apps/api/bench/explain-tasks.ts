/**
 * EXPLAIN check for the task list query, on 1,000,000 tasks across 1,000 users, plus the p50
 * latency of GET /tasks?limit=50 for a user with 100,000 tasks.
 *
 *   npx tsx bench/explain-tasks.ts            # EXPLAIN table + latency
 *   npx tsx bench/explain-tasks.ts --no-http  # EXPLAIN table only
 *
 * It creates a throwaway database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432),
 * migrates it, seeds with generate_series, ANALYZEs, and runs EXPLAIN (ANALYZE) on the exact SQL
 * that the repository's query builder produces (`buildListQuery(...).toSQL()`) for each filter.
 * Each user has a personal workspace holding their tasks (as registration and migration 0006
 * make it), and the list reads that one workspace, as it does for a one-person account. A plan
 * passes when no node scans `tasks` sequentially and it uses a workspace-scoped index (one
 * leading with workspace_id). The database is dropped at the end, also on failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createPgDatabase, migrateWithLock } from '../src/db/pg.js';
import type { Db } from '../src/db/types.js';
import { CursorCodec } from '../src/modules/tasks/tasks.cursor.js';
import {
  buildCountQuery,
  buildListQuery,
  type ListParams,
} from '../src/modules/tasks/tasks.list.repository.js';
import {
  filtersDigest,
  parseFilters,
  parseSort,
  type KeysetPosition,
} from '../src/modules/tasks/tasks.list.js';
import type { ListTasksQuery } from '../src/modules/tasks/tasks.schemas.js';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = 1_000;
const TASKS = 1_000_000;
const HEAVY_TASKS = 100_000;
const withHttp = !process.argv.includes('--no-http');
// --keep leaves the database in place; EXPLAIN_DB=<name> reuses a kept one (no create, no seed).
const keep = process.argv.includes('--keep') || process.env.EXPLAIN_DB !== undefined;
const reuse = process.env.EXPLAIN_DB;

const name = reuse ?? `devtrackr_explain_${process.pid}_${randomBytes(3).toString('hex')}`;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
})();

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const log = (msg: string) => process.stdout.write(`${msg}\n`);

async function seed(client: pg.Client): Promise<void> {
  await client.query('set statement_timeout = 0');
  await client.query(
    `insert into users (email, password_hash)
     select 'bench-' || g || '@example.com', 'not-a-hash' from generate_series(1, ${USERS}) g`,
  );
  // Every account has a personal workspace it owns (registration does this through the API).
  await client.query(
    `insert into workspaces (name, personal_owner_id) select 'Personal', id from users order by id`,
  );
  await client.query(
    `insert into workspace_members (workspace_id, user_id, role)
     select id, personal_owner_id, 'owner' from workspaces`,
  );
  const first = (await client.query<{ id: number }>('select min(id)::int as id from users'))
    .rows[0]!.id;
  // Values cycle with different periods so that, for every owner, each status, priority,
  // category, tag set and due date occurs; done rows get completed_at (the CHECK wants it).
  await client.query(
    `insert into tasks (workspace_id, owner_id, title, description, category, status, priority,
                        tags, estimated_minutes, due_at, completed_at, created_at, updated_at)
     select w.id, w.personal_owner_id,
            'Task ' || g || ' ' || (array['fix login','write docs','refactor api','deploy v2','review pr','plan sprint'])[1 + g % 6],
            case when g % 4 = 0 then null else 'Details for task ' || g end,
            (array[null,'backend','frontend','ops','design','infra','qa','docs','research','misc'])[1 + (g / ${USERS}) % 10],
            (array['todo','doing','done'])[1 + (g / 7) % 3]::task_status,
            (array['low','medium','high','urgent'])[1 + (g / 3) % 4]::task_priority,
            (array['{}','{api}','{api,bug}','{ui}','{db,v2}','{bug,ui,api}'])[1 + (g / 11) % 6]::text[],
            case when g % 5 = 0 then null else g % 600 end,
            case when g % 3 = 0 then null else now() + ((g % 200) - 100) * interval '1 day' end,
            case when (g / 7) % 3 = 2 then now() - (g % 100) * interval '1 hour' end,
            now() - (${TASKS} - g) * interval '1 second',
            now() - (${TASKS} - g) * interval '1 second'
     from generate_series(1, ${TASKS}) g
     join workspaces w on w.personal_owner_id = ${first} + (g % ${USERS})
     order by g`,
  );
}

/** The user's personal workspace: the one their list reads. */
async function personalWorkspace(client: pg.Client, userId: number): Promise<number> {
  const res = await client.query<{ id: number }>(
    'select id from workspaces where personal_owner_id = $1',
    [userId],
  );
  const id = res.rows[0]?.id;
  if (id === undefined) throw new Error(`user ${userId} has no personal workspace`);
  return id;
}

async function seedHeavy(client: pg.Client, ownerId: number): Promise<void> {
  await client.query(
    `insert into tasks (workspace_id, owner_id, title, status, priority, tags, due_at, completed_at,
                        created_at, updated_at)
     select $2, $1, 'Heavy ' || g,
            (array['todo','doing','done'])[1 + g % 3]::task_status,
            (array['low','medium','high','urgent'])[1 + g % 4]::task_priority,
            (array['{}','{api}','{api,bug}'])[1 + g % 3]::text[],
            case when g % 2 = 0 then null else now() + ((g % 100) - 50) * interval '1 day' end,
            case when g % 3 = 2 then now() end,
            now() - (${HEAVY_TASKS} - g) * interval '1 second',
            now() - (${HEAVY_TASKS} - g) * interval '1 second'
     from generate_series(1, ${HEAVY_TASKS}) g`,
    [ownerId, await personalWorkspace(client, ownerId)],
  );
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const child of node.Plans ?? []) walk(child, out);
  return out;
}

interface Row {
  case: string;
  indexes: string;
  nodes: string;
  ms: string;
  ok: string;
}

async function explain(
  client: pg.Client,
  label: string,
  query: { toSQL(): { sql: string; params: unknown[] } },
  ownerIndexes: Set<string>,
): Promise<Row> {
  const { sql, params } = query.toSQL();
  const res = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(
    `explain (analyze, format json) ${sql}`,
    params,
  );
  const plan = res.rows[0]!['QUERY PLAN'][0];
  const nodes = walk(plan.Plan);
  const seq = nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'tasks');
  const used = [...new Set(nodes.map((n) => n['Index Name']).filter((i): i is string => !!i))];
  const ownerScoped = used.some((i) => ownerIndexes.has(i));
  const ok = !seq && ownerScoped;
  return {
    case: label,
    indexes: used.join(' + ') || '-',
    nodes: [...new Set(nodes.map((n) => n['Node Type']))].join(' > '),
    ms: plan['Execution Time'].toFixed(2),
    ok: ok ? 'ok' : seq ? 'FAIL: seq scan' : 'FAIL: no workspace index',
  };
}

function printTable(rows: Row[]): void {
  const cols: (keyof Row)[] = ['case', 'indexes', 'ms', 'ok', 'nodes'];
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => r[c].length))]),
  ) as Record<keyof Row, number>;
  const line = (r: Record<keyof Row, string>) => cols.map((c) => r[c].padEnd(width[c])).join(' | ');
  log(line({ case: 'case', indexes: 'indexes', nodes: 'plan nodes', ms: 'ms', ok: 'ok' }));
  log(cols.map((c) => '-'.repeat(width[c])).join('-|-'));
  for (const r of rows) log(line(r));
}

const CASES: [string, ListTasksQuery][] = [
  ['no filter (sort=id)', {}],
  ['status=todo', { status: ['todo'] }],
  ['status=todo,doing', { status: ['todo,doing'] }],
  ['priority=urgent', { priority: ['urgent'] }],
  ['priority=high,urgent', { priority: ['high,urgent'] }],
  ['category=backend', { category: 'backend' }],
  ['tag=api', { tag: ['api'] }],
  ['tag=api&tag=bug', { tag: ['api', 'bug'] }],
  ['q=login', { q: 'login' }],
  ['due_before=now', { due_before: new Date().toISOString() }],
  ['due_after=now', { due_after: new Date().toISOString() }],
  [
    'due_after+due_before (7 days)',
    {
      due_after: new Date().toISOString(),
      due_before: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    },
  ],
  ['overdue=true', { overdue: true }],
  ['overdue=false', { overdue: false }],
  [
    'status+priority+tag+overdue',
    { status: ['todo,doing'], priority: ['urgent'], tag: ['api'], overdue: true },
  ],
  ['sort=-id', { sort: '-id' }],
  ['sort=created_at', { sort: 'created_at' }],
  ['sort=-updated_at', { sort: '-updated_at' }],
  ['sort=due_at', { sort: 'due_at' }],
  ['sort=priority', { sort: 'priority' }],
  ['sort=title', { sort: 'title' }],
];

/** Whose list: the user and the one workspace it reads (their personal one). */
interface Lister {
  userId: number;
  workspaceId: number;
}

function params(who: Lister, q: ListTasksQuery, extra: Partial<ListParams> = {}): ListParams {
  return {
    workspaceIds: [who.workspaceId],
    userId: who.userId,
    filters: parseFilters(q, who.userId),
    now: new Date(),
    sort: parseSort(q.sort),
    limit: 51,
    ...extra,
  };
}

async function explainAll(
  client: pg.Client,
  db: Db,
  ownerId: number,
  ownerIndexes: Set<string>,
): Promise<Row[]> {
  const who: Lister = { userId: ownerId, workspaceId: await personalWorkspace(client, ownerId) };
  const rows: Row[] = [];
  for (const [label, q] of CASES) {
    rows.push(await explain(client, label, buildListQuery(db, params(who, q)), ownerIndexes));
  }
  const middle = await client.query<{ id: number; due: string | null }>(
    `select id, to_char(due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as due
     from tasks where owner_id = $1 order by id offset (select count(*) / 2 from tasks where owner_id = $1) limit 1`,
    [ownerId],
  );
  const pos: KeysetPosition = { key: null, id: middle.rows[0]!.id };
  rows.push(
    await explain(
      client,
      'cursor, sort=id (middle)',
      buildListQuery(db, params(who, {}, { after: pos })),
      ownerIndexes,
    ),
  );
  rows.push(
    await explain(
      client,
      'cursor, sort=due_at (middle)',
      buildListQuery(
        db,
        params(who, { sort: 'due_at' }, { after: { key: middle.rows[0]!.due, id: pos.id } }),
      ),
      ownerIndexes,
    ),
  );
  for (const [label, q] of [CASES[0]!, CASES[1]!, CASES[6]!, CASES[12]!]) {
    const p = params(who, q);
    rows.push(
      await explain(
        client,
        `count: ${label}`,
        buildCountQuery(db, p, p.filters, p.now),
        ownerIndexes,
      ),
    );
  }
  return rows;
}

const HEAVY_EMAIL = 'heavy@bench.example.com';
const HEAVY_PASSWORD = 'bench-heavy-password-4821';

function benchConfig(secret: string) {
  return loadConfig({
    NODE_ENV: 'production',
    METRICS_PUBLIC: 'true',
    DATABASE_URL: dbUrl,
    JWT_SECRET: secret,
    LOG_LEVEL: 'silent',
    // The bench sends ~1,500 requests as one user; the default global limit would refuse them.
    RATE_LIMIT_GLOBAL_MAX: '10000000',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'devtrackr-bench-')),
  });
}

/** Registers the heavy user through the API (so it can log in) and gives it 100,000 tasks. */
async function addHeavyUser(app: FastifyInstance, client: pg.Client): Promise<number> {
  const reg = await app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { email: HEAVY_EMAIL, password: HEAVY_PASSWORD },
  });
  if (reg.statusCode !== 201) throw new Error(`register: ${reg.statusCode} ${reg.body}`);
  const ownerId = reg.json<{ id: number }>().id;
  log(`\nseeding ${HEAVY_TASKS.toLocaleString('en')} tasks for user ${ownerId}...`);
  await seedHeavy(client, ownerId);
  await client.query('vacuum analyze tasks');
  return ownerId;
}

async function latency(
  app: FastifyInstance,
  client: pg.Client,
  ownerId: number,
  secret: string,
): Promise<void> {
  const login = await app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { email: HEAVY_EMAIL, password: HEAVY_PASSWORD },
  });
  const token = login.json<{ access_token: string }>().access_token;
  const deep = await client.query<{ id: number }>(
    'select id from tasks where owner_id = $1 order by id offset $2 limit 1',
    [ownerId, HEAVY_TASKS - 100],
  );
  // The cursor a walk would have reached there, minted directly rather than walking 2,000 pages.
  const cursor = new CursorCodec(secret).encode(
    ownerId,
    filtersDigest(parseFilters({}, ownerId), parseSort(undefined)),
    { direction: 'after', position: { key: null, id: deep.rows[0]!.id } },
  );

  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const urls: [string, string][] = [
    ['GET /tasks?limit=50 (offset 0)', '/tasks?limit=50'],
    [
      `GET /tasks?limit=50&cursor=<after row ${HEAVY_TASKS - 100}>`,
      `/tasks?limit=50&cursor=${cursor}`,
    ],
    [
      `GET /tasks?limit=50&offset=${HEAVY_TASKS - 100} (contrast)`,
      `/tasks?limit=50&offset=${HEAVY_TASKS - 100}`,
    ],
  ];
  log(
    `\nlatency for user ${ownerId} (${HEAVY_TASKS.toLocaleString('en')} tasks), HTTP, 1 connection, 400 requests each after 50 warm-up:`,
  );
  for (const [label, path] of urls) {
    const check = await app.inject({ url: path, headers: { authorization: `Bearer ${token}` } });
    if (check.statusCode !== 200 || check.json<unknown[]>().length !== 50) {
      throw new Error(`${path}: ${check.statusCode} ${check.body.slice(0, 200)}`);
    }
    const opts = {
      url: `http://127.0.0.1:${port}${path}`,
      headers: { authorization: `Bearer ${token}` },
      connections: 1,
    };
    await autocannon({ ...opts, amount: 50 });
    const r = await autocannon({ ...opts, amount: 400 });
    if (r.non2xx > 0 || r.errors > 0) {
      throw new Error(`${path}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    }
    log(
      `  ${label.padEnd(58)} p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms`,
    );
  }
}

async function main(): Promise<void> {
  if (!reuse) {
    log(`creating ${name} and migrating...`);
    await admin(`create database ${name}`);
  }
  const database = createPgDatabase(
    { url: dbUrl, poolMax: 4, connectTimeoutMs: 5000, statementTimeoutMs: 0 },
    pino({ level: 'silent' }),
  );
  const client = new pg.Client({ connectionString: dbUrl });
  const secret = randomBytes(32).toString('hex');
  let app: FastifyInstance | undefined;
  try {
    await client.connect();
    if (!reuse) {
      const migrator = new pg.Pool({ connectionString: dbUrl, max: 1 });
      await migrateWithLock(migrator);
      await migrator.end();
      log(`seeding ${TASKS.toLocaleString('en')} tasks across ${USERS} users...`);
      const started = Date.now();
      await seed(client);
      // As autovacuum would have by then: statistics, and a visibility map for index-only scans.
      await client.query('vacuum analyze');
      log(`seeded, vacuumed and analyzed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    app = await buildApp({ config: benchConfig(secret), database, logger: false });

    const indexRows = await client.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes where tablename = 'tasks'`,
    );
    // Every list reads one workspace: its plan must use an index leading with workspace_id.
    const ownerIndexes = new Set(
      indexRows.rows.filter((r) => /\(workspace_id[,)]/.test(r.indexdef)).map((r) => r.indexname),
    );
    log(`workspace-scoped indexes: ${[...ownerIndexes].sort().join(', ')}\n`);

    const first = (await client.query<{ id: number }>('select min(id)::int as id from users'))
      .rows[0]!.id;
    const typical = first + USERS / 2;
    const counts = await client.query<{ n: number; total: number }>(
      'select (select count(*) from tasks where owner_id = $1)::int as n, (select count(*) from tasks)::int as total',
      [typical],
    );
    log(
      `EXPLAIN ANALYZE for user ${typical} (${counts.rows[0]!.n} of ${counts.rows[0]!.total.toLocaleString('en')} tasks), limit 50 (+1):`,
    );
    const rows = await explainAll(client, database.db, typical, ownerIndexes);
    printTable(rows);

    const existing = await client.query<{ id: number }>('select id from users where email = $1', [
      HEAVY_EMAIL,
    ]);
    const heavy = existing.rows[0]?.id ?? (await addHeavyUser(app, client));
    log(`\nEXPLAIN ANALYZE for user ${heavy} (${HEAVY_TASKS.toLocaleString('en')} tasks):`);
    const heavyRows = await explainAll(client, database.db, heavy, ownerIndexes);
    printTable(heavyRows);

    const failed = [...rows, ...heavyRows].filter((r) => r.ok !== 'ok');
    log(
      failed.length === 0
        ? '\nevery plan uses a workspace-scoped index and none scans tasks sequentially'
        : `\n${failed.length} plan(s) FAILED`,
    );
    if (withHttp) await latency(app, client, heavy, secret);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await app?.close().catch(() => undefined);
    await client.end().catch(() => undefined);
    await database.close().catch(() => undefined);
    if (keep) log(`kept ${name} (EXPLAIN_DB=${name} reuses it; drop it when done)`);
    else {
      await admin(`drop database if exists ${name} with (force)`);
      log(`dropped ${name}`);
    }
  }
}

await main();
