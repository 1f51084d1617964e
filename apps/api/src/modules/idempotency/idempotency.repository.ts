import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

export interface KeyClaim {
  userId: number;
  key: string;
  method: string;
  path: string;
  requestHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface StoredKey {
  method: string;
  path: string;
  requestHash: string;
  statusCode: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  createdAt: Date;
  expiresAt: Date;
}

const byUserKey = (userId: number, key: string) =>
  and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));

/**
 * Claims the key for a request about to run. The primary key (user_id, key) makes this atomic
 * across processes: exactly one concurrent claimer inserts; the others get false.
 */
export async function insertClaim(db: DbOrTx, claim: KeyClaim): Promise<boolean> {
  const rows = await db
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function findKey(
  db: DbOrTx,
  userId: number,
  key: string,
): Promise<StoredKey | undefined> {
  const rows = await db
    .select({
      method: idempotencyKeys.method,
      path: idempotencyKeys.path,
      requestHash: idempotencyKeys.requestHash,
      statusCode: idempotencyKeys.statusCode,
      responseHeaders: idempotencyKeys.responseHeaders,
      responseBody: idempotencyKeys.responseBody,
      createdAt: idempotencyKeys.createdAt,
      expiresAt: idempotencyKeys.expiresAt,
    })
    .from(idempotencyKeys)
    .where(byUserKey(userId, key))
    .limit(1);
  return rows[0];
}

/**
 * Takes over a row that no longer counts: expired, or in flight since before `staleBefore` (its
 * process died mid-request). The WHERE clause re-checks that under the row lock, so two
 * processes racing for the same dead row cannot both win.
 */
export async function reclaimDeadKey(
  db: DbOrTx,
  claim: KeyClaim,
  staleBefore: Date,
): Promise<boolean> {
  const rows = await db
    .update(idempotencyKeys)
    .set({
      method: claim.method,
      path: claim.path,
      requestHash: claim.requestHash,
      statusCode: null,
      responseHeaders: null,
      responseBody: null,
      createdAt: claim.createdAt,
      expiresAt: claim.expiresAt,
    })
    .where(
      and(
        byUserKey(claim.userId, claim.key),
        or(
          lte(idempotencyKeys.expiresAt, claim.createdAt),
          and(isNull(idempotencyKeys.statusCode), lt(idempotencyKeys.createdAt, staleBefore)),
        ),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

/** Stores the response of a claimed request, which from now on is what a retry gets. */
export async function completeKey(
  db: DbOrTx,
  userId: number,
  key: string,
  response: { statusCode: number; headers: Record<string, string>; body: string },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({
      statusCode: response.statusCode,
      responseHeaders: response.headers,
      responseBody: response.body,
    })
    .where(and(byUserKey(userId, key), isNull(idempotencyKeys.statusCode)));
}

/** Gives a claimed key back (the request failed), so the client can retry with it. */
export async function releaseKey(db: DbOrTx, userId: number, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(byUserKey(userId, key), isNull(idempotencyKeys.statusCode)));
}

/** Deletes up to `limit` expired rows; returns how many went. */
export async function deleteExpiredKeys(db: DbOrTx, now: Date, limit: number): Promise<number> {
  const expired = db
    .select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lte(idempotencyKeys.expiresAt, now))
    .limit(limit);
  const rows = await db
    .delete(idempotencyKeys)
    .where(sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key}) in (${expired})`)
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
