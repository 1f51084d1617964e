import pg from 'pg';
import { migrateWithLock } from '../../src/db/pg.js';

export const adminUrl = (): string =>
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the same server as the admin URL. */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const checkName = (name: string): string => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
  return name;
};

/** Creates a fresh database, applies the migrations (as the server would) and returns its URL. */
export async function createBenchDatabase(name: string): Promise<string> {
  await withAdmin((c) => c.query(`create database ${checkName(name)}`));
  const url = databaseUrl(name);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrateWithLock(pool);
  } finally {
    await pool.end();
  }
  return url;
}

export async function dropBenchDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop database if exists ${checkName(name)} with (force)`));
}

export async function serverVersion(): Promise<string> {
  return withAdmin(async (c) => {
    const r = await c.query<{ v: string }>(`select current_setting('server_version') as v`);
    return r.rows[0]?.v ?? 'unknown';
  });
}
