import { performance } from 'node:perf_hooks';
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { ARGON2_PARAMS } from '../../src/modules/auth/password.js';
import { BENCH_PASSWORD, HEAVY_EMAIL, EMAIL_DOMAIN, type Sizes } from './modes.js';

export interface SeedStats {
  users: number;
  tasks: number;
  entries: number;
  seconds: number;
  steps: { step: string; ms: number }[];
}

const DAY = 86_400;

/**
 * One task per (owner, k), k = 1..$3 in creation order, in the owner's personal workspace, created evenly over $2 seconds before $1
 * (now). Rows come out ordered by k then owner, so the identity ids interleave the owners as real
 * traffic would, and within one owner ids follow k (the entries below rely on that).
 *
 * Spreads: older tasks are mostly done (80 %) and recent ones mostly open; priority 25/40/25/10 %
 * low/medium/high/urgent; 8 categories with a skew (10 % none); 0 to 3 of 12 tags; 80 % have an
 * estimate (15 to 480 min), 50 % a due date 1 to 30 days after creation, 60 % a description.
 * completed_at is set exactly when the status is done (the CHECK requires it), 30 min to 14 days
 * after creation, never in the future.
 */
const insertTasksSql = (owners: string): string => `
insert into tasks (workspace_id, owner_id, title, description, category, status, priority, tags,
                   estimated_minutes, due_at, completed_at, created_at, updated_at)
select workspace_id, owner_id, title, description, category, status::task_status, priority::task_priority, tags,
       estimated_minutes, due_at, completed_at, created_at, coalesce(completed_at, created_at)
from (
  select workspace_id, owner_id,
    (array['Fix','Implement','Refactor','Review','Document','Investigate','Test','Deploy'])
      [1 + floor(r1 * 8)::int] || ' ' ||
    (array['login flow','API pagination','cache layer','CI pipeline','database index',
           'metrics page','timer widget','export job','search','settings page'])
      [1 + floor(r2 * 10)::int] || ' #' || k as title,
    case when r3 < 0.6 then 'Notes for step ' || k || '. ' ||
      repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 1 + floor(r4 * 4)::int)
    end as description,
    case when r5 >= 0.1 then (array['backend','frontend','devops','docs','testing','design',
                                     'research','meetings'])[1 + floor(8 * r6 * r6)::int]
    end as category,
    status, priority,
    (array[v[1 + ts % 12], v[1 + (ts + 1) % 12], v[1 + (ts + 2) % 12]])[1:tn] as tags,
    case when re < 0.8 then 15 * (1 + floor(re2 * 32)::int) end as estimated_minutes,
    case when rd < 0.5 then created_at + make_interval(days => 1 + floor(rd2 * 30)::int) end
      as due_at,
    case when status = 'done'
      then least(created_at + make_interval(secs => 1800 + r7 * r7 * 14 * 86400), $1::timestamptz)
    end as completed_at,
    created_at
  from (
    select a.*,
      case when rs < (case when old then 0.8 else 0.3 end) then 'done'
           when rs < (case when old then 0.88 else 0.55 end) then 'doing'
           else 'todo' end as status,
      case when rp < 0.25 then 'low' when rp < 0.65 then 'medium' when rp < 0.9 then 'high'
           else 'urgent' end as priority,
      floor(rt * 12)::int as ts, floor(rt2 * 4)::int as tn,
      array['bug','feature','refactor','tech-debt','api','ui','db','perf','security','ci',
            'review','docs'] as v
    from (
      select g.*, created_at < $1::timestamptz - interval '30 days' as old
      from (
        select o.id as owner_id, o.workspace_id, k,
          $1::timestamptz - make_interval(secs => $2::float8 * (1 - (k - random()) / $3::int))
            as created_at,
          random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
          random() r7, random() rs, random() rp, random() rt, random() rt2, random() re,
          random() re2, random() rd, random() rd2
        from generate_series(1, $3::int) k
        cross join ${owners} o
        order by k, o.id
      ) g
    ) a
  ) b
) c`;

/**
 * $3 entries per owner, entry j in slot j of $2 seconds before $1 cut into $3 equal slots: it
 * starts in the first 30 % of its slot and lasts at most 65 % of it (and 10 min to 3 h), so one
 * user's entries never overlap and all end before now. Each is on a task created shortly before
 * it (k near $4 * j / $3, minus up to $5). 1 % are adjustments (+5 to 60 min), 29 % manual, the
 * rest timer entries; none is running. duration_seconds is a generated column.
 */
const insertEntriesSql = (owners: string): string => `
insert into time_entries (workspace_id, task_id, user_id, started_at, ended_at, source,
                          adjustment_seconds)
select m.workspace_id, m.id, x.owner_id, x.started_at,
  case when x.src = 'adjustment' then x.started_at
       else x.started_at + make_interval(secs => x.dur) end,
  x.src::time_entry_source,
  case when x.src = 'adjustment' then 300 + floor(x.ra * 3300)::int end
from (
  select y.*,
    case when y.rsrc < 0.01 then 'adjustment' when y.rsrc < 0.3 then 'manual' else 'timer' end
      as src
  from (
    select o.id as owner_id, j,
      $1::timestamptz - make_interval(secs => $2::float8 * (1 - (j - 1 + 0.3 * random()) / $3::int))
        as started_at,
      least(0.65 * $2::float8 / $3::int, 600 + random() * 10200) * (0.5 + 0.5 * random()) as dur,
      greatest(1, least($4::int, ceil($4::int * (j - 1)::float8 / $3::int)::int
                                - floor(random() * $5::int)::int)) as k,
      random() as rsrc, random() as ra
    from generate_series(1, $3::int) j
    cross join ${owners} o
  ) y
) x
join bench_task_map m on m.owner_id = x.owner_id and m.k = x.k`;

/** Users with their personal workspace, which holds all of their tasks and entries. */
const owners = (where: string): string =>
  `(select u.id, w.id as workspace_id from users u
    join workspaces w on w.personal_owner_id = u.id where ${where})`;
const TYPICAL = owners(`u.email <> '${HEAVY_EMAIL}'`);
const HEAVY = owners(`u.email = '${HEAVY_EMAIL}'`);

/**
 * Seeds with set operations (generate_series), not through the API: typical users with their
 * tasks and entries, and the heavy user. Secondary indexes are dropped during the load and built
 * again after it, and foreign-key triggers are skipped (session_replication_role = replica): the
 * data is consistent by construction, and building an index once is far cheaper than maintaining
 * it row by row. Then actual_minutes is set from the entries (the ledger rule), and VACUUM ANALYZE
 * leaves the tables as autovacuum would (statistics, visibility map for index-only scans).
 */
export async function seedDatabase(
  url: string,
  sizes: Sizes,
  log: (line: string) => void,
): Promise<SeedStats> {
  const started = performance.now();
  const steps: SeedStats['steps'] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const step = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    const t0 = performance.now();
    await work();
    const ms = Math.round(performance.now() - t0);
    steps.push({ step: name, ms });
    log(`  seed: ${name} (${(ms / 1000).toFixed(1)} s)`);
  };
  try {
    // All seeded users share one argon2id hash made with the server's own parameters.
    const passwordHash = await hash(BENCH_PASSWORD, ARGON2_PARAMS);
    const now = new Date().toISOString();
    await client.query(`set synchronous_commit = off`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`set session_replication_role = replica`);
    await client.query(`select setseed(0.42)`);

    const indexes = await client.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def from pg_indexes i
       where i.schemaname = 'public' and i.tablename in ('tasks', 'time_entries')
         -- Kept: constraints' own indexes, and those a foreign key references (entries point
         -- at tasks (workspace_id, id)).
         and not exists (select 1 from pg_constraint c
                         where c.conname = i.indexname
                            or c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    );
    await step('drop secondary indexes', async () => {
      for (const { name } of indexes.rows) await client.query(`drop index "${name}"`);
    });

    await step(`${sizes.users + 1} users`, () =>
      client.query(
        `insert into users (email, password_hash, full_name, timezone, created_at, updated_at)
         select 'user' || n || '@${EMAIL_DOMAIN}', $1, 'Bench User ' || n,
           (array['UTC','Europe/Berlin','America/New_York','Asia/Tokyo','Europe/London'])[1 + n % 5],
           $2::timestamptz - interval '800 days', $2::timestamptz - interval '800 days'
         from generate_series(1, $3::int) n
         union all
         select '${HEAVY_EMAIL}', $1, 'Heavy User', 'Europe/Berlin',
           $2::timestamptz - interval '1200 days', $2::timestamptz - interval '1200 days'`,
        [passwordHash, now, sizes.users],
      ),
    );
    // As registration does (and migration 0006 did for existing accounts): a personal workspace
    // per user, owned by them.
    await step('personal workspaces', async () => {
      await client.query(
        `insert into workspaces (name, personal_owner_id, created_at, updated_at)
         select 'Personal', id, created_at, created_at from users order by id`,
      );
      await client.query(
        `insert into workspace_members (workspace_id, user_id, role, created_at)
         select id, personal_owner_id, 'owner', created_at from workspaces
         where personal_owner_id is not null`,
      );
    });

    await step(`${sizes.users * sizes.tasksPerUser} tasks of typical users`, () =>
      client.query(insertTasksSql(TYPICAL), [now, sizes.historyDays * DAY, sizes.tasksPerUser]),
    );
    await step(`${sizes.heavyTasks} tasks of the heavy user`, () =>
      client.query(insertTasksSql(HEAVY), [now, sizes.heavyHistoryDays * DAY, sizes.heavyTasks]),
    );
    await step('task map', async () => {
      await client.query(
        `create temp table bench_task_map as
         select owner_id, workspace_id,
           row_number() over (partition by owner_id order by id)::int as k, id
         from tasks`,
      );
      await client.query(`create index on bench_task_map (owner_id, k)`);
      await client.query(`analyze bench_task_map`);
    });
    await step(`${sizes.users * sizes.entriesPerUser} time entries of typical users`, () =>
      client.query(insertEntriesSql(TYPICAL), [
        now,
        sizes.historyDays * DAY,
        sizes.entriesPerUser,
        sizes.tasksPerUser,
        30,
      ]),
    );
    await step(`${sizes.heavyEntries} time entries of the heavy user`, () =>
      client.query(insertEntriesSql(HEAVY), [
        now,
        sizes.heavyHistoryDays * DAY,
        sizes.heavyEntries,
        sizes.heavyTasks,
        50,
      ]),
    );
    // The ledger rule: actual_minutes = round(sum of the task's entries' seconds / 60).
    await step('actual_minutes from the entries', () =>
      client.query(
        `update tasks t set actual_minutes = s.minutes
         from (select task_id, round(sum(duration_seconds) / 60.0)::int as minutes
               from time_entries group by task_id) s
         where t.id = s.task_id and s.minutes <> 0`,
      ),
    );
    // The triggers that keep time_rollups (migration 0007) do not fire in replica mode: fill it
    // from the entries as the migration's backfill does, so analytics read what they would.
    await step('time rollups from the entries', () =>
      client.query(
        `insert into time_rollups (workspace_id, user_id, task_id, day, micros)
         select e.workspace_id, e.user_id, e.task_id, c.day, sum(c.micros)::bigint
         from time_entries e
         cross join lateral time_entry_utc_days(e.started_at, e.ended_at, e.source,
                                                e.adjustment_seconds) c
         group by 1, 2, 3, 4
         having sum(c.micros) <> 0`,
      ),
    );
    await step('rebuild indexes', async () => {
      for (const { def } of indexes.rows) await client.query(def);
    });
    await client.query(`set session_replication_role = origin`);
    await step('vacuum analyze', () => client.query(`vacuum (analyze)`));

    const counts = await client.query<{ users: number; tasks: number; entries: number }>(
      `select (select count(*) from users)::int as users, (select count(*) from tasks)::int as tasks,
              (select count(*) from time_entries)::int as entries`,
    );
    const c = counts.rows[0]!;
    return { ...c, seconds: (performance.now() - started) / 1000, steps };
  } finally {
    await client.end();
  }
}
