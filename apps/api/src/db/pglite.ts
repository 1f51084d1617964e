import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from './migrations-path.js';
import * as schema from './schema/index.js';
import type { Database, Db } from './types.js';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another DevTrackr process (pid ${pid}). ` +
        'The embedded database supports one process only: stop the other one, use another DATA_DIR, ' +
        'or set DATABASE_URL to run several processes on PostgreSQL.',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'devtrackr.lock';
/** Data dirs this process holds: a lock file naming our own pid is ours only if listed here. */
const heldByThisProcess = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock file in dataDir. A lock left by a dead process (crash, SIGKILL) is
 * taken over; a live owner makes this throw DataDirLockedError.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  if (heldByThisProcess.has(path)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(path);
      return () => {
        heldByThisProcess.delete(path);
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
      // Our own pid in a lock we do not hold is stale: in a container the server is always pid 1,
      // so a crashed predecessor left a file naming "us".
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(dataDir, owner);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

export interface PgliteOptions {
  /** A directory to persist to; undefined means in memory (tests). */
  dataDir?: string;
  /** A tarball from dumpDataDir to start from (tests copy one migrated database). */
  loadDataDir?: Blob;
}

export async function createPgliteDatabase(options: PgliteOptions): Promise<Database> {
  const release =
    options.dataDir === undefined ? () => undefined : acquireDataDirLock(options.dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir === undefined ? {} : { dataDir: join(options.dataDir, 'pglite') }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzle({ client, schema, casing: 'snake_case' }) as unknown as Db;
  let closed = false;

  return {
    kind: 'pglite',
    db,
    async ping() {
      await client.query('select 1');
    },
    async migrate() {
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    stats() {
      return { total: 1, idle: 1, waiting: 0 };
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        // PGlite on Node does not fsync as it goes; a checkpoint flushes what is in memory.
        await client.query('checkpoint');
        await client.close();
      } finally {
        release();
      }
    },
  };
}
