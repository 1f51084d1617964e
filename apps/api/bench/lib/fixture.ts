import pg from 'pg';
import { CursorCodec } from '../../src/modules/tasks/tasks.cursor.js';
import { filtersDigest, parseFilters, parseSort } from '../../src/modules/tasks/tasks.list.js';
import type { Sizes } from './modes.js';
import type { LoggedIn, Tokens } from './tokens.js';

export interface BenchUser extends LoggedIn {
  /** A random sample of the user's task ids. */
  tasks: number[];
}

export interface Fixture {
  users: BenchUser[];
  heavy: BenchUser & {
    taskCount: number;
    /** Cursors of the default list (sort by id, no filter) positioned 50 % to 98 % deep. */
    deepCursors: string[];
    /** The id the first cursor is positioned after, to check it against the API's own. */
    firstDeepAfterId: number;
  };
}

/** Mints a list cursor exactly as the server does (same codec, key derived from the JWT secret). */
export function mintCursor(secret: string, ownerId: number, afterId: number): string {
  const digest = filtersDigest(parseFilters({}, ownerId), parseSort(undefined));
  return new CursorCodec(secret).encode(ownerId, digest, {
    direction: 'after',
    position: { key: null, id: afterId },
  });
}

export async function buildFixture(
  url: string,
  sizes: Sizes,
  tokens: Tokens,
  cursorSecret: string,
): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select setseed(0.7)');
    const sample = await client.query<{ owner_id: number; ids: number[] }>(
      `select owner_id, (array_agg(id order by random()))[1:$2] as ids
       from tasks where owner_id = any($1) group by owner_id`,
      [[...tokens.users.map((u) => u.id), tokens.heavy.id], sizes.tasksPerSampledUser],
    );
    const byOwner = new Map(sample.rows.map((r) => [r.owner_id, r.ids]));
    const heavyIds = await client.query<{ id: number }>(
      'select id from tasks where owner_id = $1 order by id',
      [tokens.heavy.id],
    );
    const ids = heavyIds.rows.map((r) => r.id);
    // Positions spread from half-way to near the end of the heavy user's list.
    const positions = Array.from({ length: sizes.deepCursors }, (_, i) => {
      const depth = 0.5 + (0.48 * i) / Math.max(1, sizes.deepCursors - 1);
      return ids[Math.min(ids.length - 1, Math.floor(depth * ids.length))]!;
    });
    return {
      users: tokens.users.map((u) => ({ ...u, tasks: byOwner.get(u.id) ?? [] })),
      heavy: {
        ...tokens.heavy,
        tasks: byOwner.get(tokens.heavy.id) ?? [],
        taskCount: ids.length,
        deepCursors: positions.map((id) => mintCursor(cursorSecret, tokens.heavy.id, id)),
        firstDeepAfterId: positions[0] ?? 0,
      },
    };
  } finally {
    await client.end();
  }
}

/**
 * Checks that a minted cursor is the one the API itself hands out: starts a cursor walk, reads
 * the Link rel="next" cursor of the first page, and compares it with one minted for the same
 * position. Then fetches a deep page with a minted cursor and expects 200 and 50 tasks.
 */
export async function verifyCursors(base: string, fixture: Fixture, secret: string): Promise<void> {
  const headers = { authorization: `Bearer ${fixture.heavy.token}` };
  const first = await fetch(`${base}/tasks?limit=50&cursor=`, { headers });
  const rows = (await first.json()) as { id: number }[];
  const link = first.headers.get('link') ?? '';
  const next = /<[^>]*[?&]cursor=([^&>]+)[^>]*>;\s*rel="next"/.exec(link)?.[1];
  const last = rows[rows.length - 1];
  if (first.status !== 200 || next === undefined || last === undefined) {
    throw new Error(`cursor walk did not start: HTTP ${first.status}, Link: ${link}`);
  }
  const minted = mintCursor(secret, fixture.heavy.id, last.id);
  if (decodeURIComponent(next) !== minted) {
    throw new Error('a minted cursor differs from the API cursor: update bench/lib/fixture.ts');
  }
  const deep = fixture.heavy.deepCursors[0];
  if (deep === undefined) return;
  const res = await fetch(`${base}/tasks?limit=50&cursor=${encodeURIComponent(deep)}`, {
    headers,
  });
  const page = (await res.json()) as { id: number }[];
  if (res.status !== 200 || page.length === 0 || page[0]!.id <= fixture.heavy.firstDeepAfterId) {
    throw new Error(`deep cursor page failed: HTTP ${res.status}`);
  }
}
