/**
 * Micro-benchmark of the metrics service on PostgreSQL: one heavy user with 100,000 tasks and
 * 1,000,000 time entries, every metrics use case timed over a 90-day period (p50 of RUNS runs
 * after a warm-up). It creates a throwaway database, migrates it, seeds it with
 * generate_series, measures, and drops it.
 *
 *   npx tsx bench/metrics-micro.ts
 *
 * Environment: BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres),
 * HISTORY_DAYS (default 1095: how many days the entries are spread over), RUNS (default 20),
 * SEED_MODE (clustered, the default, or scattered: see seed()), EXPLAIN=1 to print the plan of
 * the summary query.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { pino } from 'pino';
import { createPgDatabase, migrateWithLock } from '../src/db/pg.js';
import { MetricsService } from '../src/modules/metrics/metrics.service.js';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const HISTORY_DAYS = Number(process.env.HISTORY_DAYS ?? 1095);
const RUNS = Number(process.env.RUNS ?? 20);
const SCATTERED = process.env.SEED_MODE === 'scattered';
const TASKS = 100_000;
const ENTRIES = 1_000_000;
// "Now" for the whole run: the entries end just before it, so a 90-day period is full of data.
const NOW = new Date('2026-06-15T12:00:00Z');

async function seed(pool: pg.Pool): Promise<number> {
  const user = await pool.query<{ id: number }>(
    `insert into users (email, password_hash, timezone) values ('bench@example.com', 'x', 'Europe/Berlin')
     returning id`,
  );
  const uid = user.rows[0]!.id;
  // A neighbour with some data, so every query really has to filter by user.
  const other = await pool.query<{ id: number }>(
    `insert into users (email, password_hash) values ('other@example.com', 'x') returning id`,
  );
  const otherId = other.rows[0]!.id;
  const historySeconds = HISTORY_DAYS * 86_400;
  // Tasks created evenly over the history; 60 % done 0.5 to 10 days after creation.
  await pool.query(
    `insert into tasks (owner_id, title, category, status, priority, estimated_minutes,
                        actual_minutes, due_at, completed_at, created_at)
     select $1, 'task ' || i,
       case when i % 11 = 0 then null else 'cat' || (i % 10) end,
       (case when i % 10 < 6 then 'done' when i % 10 < 8 then 'doing' else 'todo' end)::task_status,
       (array['low','medium','high','urgent'])[1 + i % 4]::task_priority,
       case when i % 5 = 0 then null else 15 + (i * 37) % 480 end,
       (i * 53) % 600,
       case when i % 3 = 0 then created + interval '7 days' end,
       case when i % 10 < 6 then created + make_interval(secs => 43200 + (i * 7919) % 820800) end,
       created
     from (select i, $2::timestamptz - make_interval(secs => $3::float8 * (1 - i::float8 / $4))
                  as created
           from generate_series(1, $4) i) s`,
    [uid, NOW.toISOString(), historySeconds, TASKS],
  );
  const first = await pool.query<{ id: number }>(
    'select min(id)::int as id from tasks where owner_id = $1',
    [uid],
  );
  const firstTask = first.rows[0]!.id;
  // Entries evenly spaced and never overlapping (as the time module guarantees), each lasting
  // 80 % of the gap; 2 % are adjustments. The last one is a running timer. `clustered`: each
  // task's 10 entries follow one another around its creation; `scattered` (the worst case for
  // the per-task aggregates): consecutive entries go to tasks far apart.
  await pool.query(
    `insert into time_entries (task_id, user_id, started_at, ended_at, source, adjustment_seconds)
     select $2 + case when $7 then (i * 7) % $5 else ((i - 1)::bigint * $5 / $4)::int end, $1, st,
       case when i % 50 = 0 then st when i = $4 then null
            else st + make_interval(secs => $6::float8 * 0.8) end,
       (case when i % 50 = 0 then 'adjustment' when i % 3 = 0 then 'manual' else 'timer' end)
         ::time_entry_source,
       case when i % 50 = 0 then (i % 7 - 3) * 60 end
     from (select i, $3::timestamptz - make_interval(secs => $6::float8 * ($4 - i + 1)) as st
           from generate_series(1, $4) i) s`,
    [uid, firstTask, NOW.toISOString(), ENTRIES, TASKS, historySeconds / ENTRIES, SCATTERED],
  );
  await pool.query(
    `insert into tasks (owner_id, title, created_at) select $1, 'other', now() from generate_series(1, 1000)`,
    [otherId],
  );
  // A long-lived database is vacuumed: set hint bits and the visibility map as autovacuum would.
  await pool.query('vacuum analyze');
  return uid;
}

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function main(): Promise<void> {
  // BENCH_KEEP=<name> keeps (and reuses) a seeded database between runs while tuning queries.
  const keep = process.env.BENCH_KEEP;
  const name = keep ?? `devtrackr_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  const fresh = exists.rowCount === 0;
  if (fresh) await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  const database = createPgDatabase(
    { url: url.toString(), poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 0 },
    pino({ level: 'silent' }),
  );
  try {
    await migrateWithLock(pool);
    const t0 = performance.now();
    const uid = fresh
      ? await seed(pool)
      : (await pool.query<{ id: number }>("select id from users where email = 'bench@example.com'"))
          .rows[0]!.id;
    if (fresh)
      console.log(
        `seeded ${TASKS} tasks, ${ENTRIES} entries over ${HISTORY_DAYS} days in ${Math.round(performance.now() - t0)} ms`,
      );
    const inWindow = await pool.query<{ n: number }>(
      `select count(*)::int as n from time_entries where user_id = $1 and started_at >= $2::timestamptz - interval '90 days'`,
      [uid, NOW.toISOString()],
    );
    console.log(`entries in the last 90 days: ${inWindow.rows[0]!.n}`);

    // A fixed CPU-bound query, to tell a slow machine (or one shared with other work) from slow
    // metrics: on an idle 2.5 GHz core it takes about 0.25 s.
    const calibration = performance.now();
    await pool.query('select count(*) from generate_series(1, 3000000)');
    console.log(
      `calibration (count of 3M generate_series rows): ${Math.round(performance.now() - calibration)} ms`,
    );

    const service = new MetricsService(database.db, () => NOW);
    const me = { userId: uid, workspaceId: null };
    const cases: [string, () => Promise<unknown>][] = [
      ['summary (30 days)', () => service.summary(me, {})],
      ['summary', () => service.summary(me, { days: 90 })],
      ['categories', () => service.categories(me, { days: 90 })],
      ['weekly (13 weeks)', () => service.weekly(me, { weeks: 13 })],
      ['time-efficiency', () => service.timeEfficiency(me, { days: 90 })],
      ['productivity-trends', () => service.trends(me, { days: 90 })],
      ['priorities', () => service.priorities(me, { days: 90 })],
      ['insights', () => service.insights(me, { days: 90 })],
    ];
    console.log(
      `p50 of ${RUNS} runs, 90-day period unless noted, tz from profile (Europe/Berlin):`,
    );
    for (const [label, run] of cases) {
      await run();
      await run();
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
      }
      console.log(`  ${label.padEnd(22)} p50 ${p50(samples).toFixed(1).padStart(7)} ms`);
    }
    if (process.env.EXPLAIN) {
      const client = await pool.connect();
      try {
        await client.query('set timezone = UTC');
        const plan = await client.query(process.env.EXPLAIN);
        for (const row of plan.rows as Record<string, string>[]) console.log(Object.values(row)[0]);
      } finally {
        client.release();
      }
    }
  } finally {
    await database.close();
    await pool.end();
    if (!keep) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();
