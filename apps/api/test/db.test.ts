import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgDatabase, migrateWithLock } from '../src/db/pg.js';
import { acquireDataDirLock, createPgliteDatabase, DataDirLockedError } from '../src/db/pglite.js';
import { queryRows } from '../src/db/query.js';
import type { Database } from '../src/db/types.js';
import { createTestDatabase } from './helpers/db.js';

const journal = JSON.parse(
  readFileSync(new URL('../src/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
) as { entries: unknown[] };
const MIGRATION_COUNT = journal.entries.length;

async function appliedMigrations(database: Database): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return Number(rows[0]?.n);
}

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('the test database has every committed migration applied once', async () => {
    expect(MIGRATION_COUNT).toBeGreaterThan(0);
    expect(await appliedMigrations(database)).toBe(MIGRATION_COUNT);
  });

  it('applying them again is a no-op', async () => {
    await database.migrate();
    await database.migrate();
    expect(await appliedMigrations(database)).toBe(MIGRATION_COUNT);
  });
});

describe('migrations on a fresh PGlite', () => {
  it('migrate twice applies once', async () => {
    const database = await createPgliteDatabase({});
    try {
      await database.migrate();
      await database.migrate();
      expect(await appliedMigrations(database)).toBe(MIGRATION_COUNT);
    } finally {
      await database.close();
    }
  });
});

describe('concurrent migration on PostgreSQL', () => {
  // Runs in both projects: it needs only a reachable server, which CI guarantees.
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `devtrackr_mig_${process.pid}_${Date.now()}`;
  let reachable = true;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
    } catch {
      reachable = false;
    } finally {
      await admin.end().catch(() => undefined);
    }
  });
  afterAll(async () => {
    if (!reachable) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('two processes starting together migrate once (advisory lock)', async () => {
    if (inject('dbKind') === 'pglite' && !reachable) return; // a PGlite-only dev machine
    expect(reachable).toBe(true);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const pools = [1, 2, 3].map(() => {
      const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
      // A connection still closing when afterAll force-drops the database gets FATAL 57P01;
      // without a listener that error would be unhandled and fail the run (seen in CI).
      pool.on('error', () => undefined);
      return pool;
    });
    try {
      await Promise.all(pools.map((p) => migrateWithLock(p)));
      const { rows } = await pools[0]!.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      expect(rows[0]?.n).toBe(MIGRATION_COUNT);
      const tables = await pools[0]!.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = 'tasks'",
      );
      expect(tables.rows[0]?.n).toBe(1);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

describe('PGlite data dir lock', () => {
  it('a second owner of the same DATA_DIR is refused with a clear message', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devtrackr-lock-'));
    const release = acquireDataDirLock(dir);
    try {
      // Simulate another live process holding the lock: our parent process is alive.
      writeFileSync(join(dir, 'devtrackr.lock'), String(process.ppid));
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(/in use by another DevTrackr process/);
    } finally {
      release();
    }
  });

  it('a lock left by a dead process is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'devtrackr-lock-'));
    // PIDs are below 2^22 on Linux; this one cannot be alive.
    writeFileSync(join(dir, 'devtrackr.lock'), '4194999');
    const release = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, 'devtrackr.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });

  it('close() checkpoints, closes and releases the lock; data survives a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devtrackr-pglite-'));
    const first = await createPgliteDatabase({ dataDir: dir });
    await first.db.execute(sql`create table kept (v int)`);
    await first.db.execute(sql`insert into kept values (42)`);
    await expect(createPgliteDatabase({ dataDir: dir })).rejects.toThrow(DataDirLockedError);
    await first.close();
    const second = await createPgliteDatabase({ dataDir: dir });
    try {
      const rows = await queryRows<{ v: number }>(second.db, sql`select v from kept`);
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      await second.close();
    }
  });
});

describe('node-postgres pool', () => {
  it('an idle connection killed by the server does not crash the process', async () => {
    if (inject('dbKind') !== 'pg') {
      // The pool exists only with PostgreSQL; the PGlite project covers the lock instead.
      expect(inject('dbKind')).toBe('pglite');
      return;
    }
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const database = createPgDatabase(
      { url: inject('pgUrl'), poolMax: 2, connectTimeoutMs: 2000, statementTimeoutMs: 5000 },
      logger,
    );
    try {
      const rows = await queryRows<{ pid: number }>(
        database.db,
        sql`select pg_backend_pid() as pid`,
      );
      const pid = rows[0]!.pid;
      const admin = new pg.Client({ connectionString: inject('pgUrl') });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      // Give the pool a moment to notice the dead idle client.
      await new Promise((r) => setTimeout(r, 300));
      expect(warnings.join('')).toContain('idle database connection lost');
      await database.ping(); // and it still works
    } finally {
      await database.close();
    }
  });

  it('a used-up pool answers within the connect timeout instead of hanging', async () => {
    if (inject('dbKind') !== 'pg') {
      expect(inject('dbKind')).toBe('pglite');
      return;
    }
    const database = createPgDatabase(
      { url: inject('pgUrl'), poolMax: 1, connectTimeoutMs: 300, statementTimeoutMs: 5000 },
      pino({ level: 'silent' }),
    );
    try {
      // Drizzle queries are lazy thenables: .then() starts this one; then let it take the client.
      const holding = database.db.execute(sql`select pg_sleep(2)`).then(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      await expect(database.ping()).rejects.toThrow(/timeout/i);
      await holding;
    } finally {
      await database.close();
    }
  });
});
