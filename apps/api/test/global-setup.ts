import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateWithLock } from '../src/db/pg.js';
import { createPgliteDatabase } from '../src/db/pglite.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'pglite' | 'pg';
    pgUrl: string;
    pgliteSnapshot: string;
  }
}

/**
 * Runs once per vitest project. PGlite: migrate one in-memory database and dump it, so each test
 * file starts from a copy. PostgreSQL: create a fresh database for this run and drop it after.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = project.name === 'pg' ? 'pg' : 'pglite';
  project.provide('dbKind', kind);

  if (kind === 'pglite') {
    const database = await createPgliteDatabase({});
    await database.migrate();
    const client = (
      database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }
    ).$client;
    const blob = await client.dumpDataDir('none');
    await database.close();
    const file = join(
      tmpdir(),
      `devtrackr-pglite-${process.pid}-${randomBytes(4).toString('hex')}.tar`,
    );
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    project.provide('pgliteSnapshot', file);
    project.provide('pgUrl', '');
    return () => {
      rmSync(file, { force: true });
      return Promise.resolve();
    };
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL must be set for the pg project');
  const name = `devtrackr_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await migrateWithLock(pool);
  await pool.end();
  project.provide('pgUrl', url.toString());
  project.provide('pgliteSnapshot', '');
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  };
}
